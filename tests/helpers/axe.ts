import { createRequire } from 'node:module'

import type { Page } from 'puppeteer-core'

const axeSource = createRequire(import.meta.url)('axe-core').source as string

/** WCAG 2.2 AA violations on the page as it is now, as readable lines. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource)
  const results = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const { violations } = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
    return violations.map((v: { id: string; help: string; nodes: Array<{ target: string[] }> }) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  })
  return results as string[]
}
