import { createRequire } from 'node:module'

import type { Page } from 'puppeteer-core'

const axeSource = createRequire(import.meta.url)('axe-core').source as string

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
/** The widths every page is checked at: a phone and a desktop. */
export const CHECKED_WIDTHS = [390, 1280] as const
const INTERACTIVE = 'a.button, button, summary, .nav-list a, input[type=submit]'
const STATE_MARK = 'data-state-check'
/** The hover and focus states already checked in this worker (the same build's styles): a kind of button with the same ancestors and colours. */
const checkedStates = new Set<string>()

async function axeRun(page: Page, selector: string | null, rules: string[] | null): Promise<string[]> {
  // @ts-expect-error axe is injected here once per loaded page
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource)
  return page.evaluate(
    async (selector, rules, tags) => {
      const context = selector ? document.querySelector(selector)! : document
      const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags }
      // @ts-expect-error axe is injected above
      const { violations } = await window.axe.run(context, { runOnly })
      return violations.map((v: { id: string; help: string; nodes: Array<{ target: string[] }> }) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
    },
    selector,
    rules,
    WCAG_AA,
  )
}

/**
 * Each kind of visible button and link-button hovered and then focused from the keyboard: its text
 * must keep WCAG AA contrast while hovered, and focus must show (an outline or a shadow).
 */
async function interactiveStateViolations(page: Page, width: number): Promise<string[]> {
  const kinds = await page.evaluate(
    (selector, mark) => {
      // One of each kind (tag and classes, and the classes of its container): their states are styled alike.
      const kinds = new Map<string, HTMLElement>()
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        const kind = `${el.tagName}.${el.className}/${el.parentElement?.className ?? ''}`
        if (!kinds.has(kind) && el.checkVisibility() && el.getClientRects().length > 0) kinds.set(kind, el)
      }
      // What its hover and focus styles can depend on: every ancestor's tag and classes, and its colours at rest.
      const context = (el: HTMLElement) => {
        const chain: string[] = []
        for (let at: HTMLElement | null = el; at; at = at.parentElement) chain.push(`${at.tagName}.${at.className}`)
        const style = getComputedStyle(el)
        return `${chain.join('<')}|${style.color}|${style.backgroundColor}`
      }
      return [...kinds.values()].map((el, index) => (el.setAttribute(mark, String(index)), context(el)))
    },
    INTERACTIVE,
    STATE_MARK,
  )
  const found: string[] = []
  for (const [index, context] of kinds.entries()) {
    // The same kind in the same place, styled the same, was checked at this width already.
    if (checkedStates.has(`${width}|${context}`)) continue
    checkedStates.add(`${width}|${context}`)
    const selector = `[${STATE_MARK}="${index}"]`
    const label = await page.$eval(selector, (el) => `${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}”`)
    await page.hover(selector)
    for (const line of await axeRun(page, selector, ['color-contrast'])) found.push(`hovered ${label}: ${line}`)
    await page.mouse.move(0, 0)
    await page.keyboard.press('Shift') // the last input was the keyboard, so :focus-visible applies as for Tab
    await page.focus(selector)
    const shows = await page.$eval(selector, (el) => {
      const style = getComputedStyle(el)
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
    })
    if (!shows) found.push(`focused ${label}: no visible focus indicator`)
  }
  await page.evaluate((mark) => document.querySelectorAll(`[${mark}]`).forEach((el) => el.removeAttribute(mark)), STATE_MARK)
  return found
}

/**
 * WCAG 2.2 AA violations on the page as it is now, at phone and desktop widths, including the
 * hover and keyboard-focus states of its buttons, as readable lines. The viewport, the focused
 * element and the scroll position are put back afterwards.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const viewport = page.viewport()
  const restore = await page.evaluate(() => {
    const focused = document.activeElement as HTMLElement | null
    if (focused && focused !== document.body) focused.setAttribute('data-refocus', '')
    return { x: window.scrollX, y: window.scrollY }
  })
  const found: string[] = []
  try {
    for (const width of CHECKED_WIDTHS) {
      await page.setViewport({ width, height: 900 })
      const lines = [...(await axeRun(page, null, null)), ...(await interactiveStateViolations(page, width))]
      found.push(...lines.map((line) => `at ${width} px: ${line}`))
    }
  } finally {
    if (viewport) await page.setViewport(viewport)
    await page.evaluate(({ x, y }) => {
      const refocus = document.querySelector<HTMLElement>('[data-refocus]')
      refocus?.removeAttribute('data-refocus')
      if (refocus) refocus.focus()
      else (document.activeElement as HTMLElement | null)?.blur()
      window.scrollTo(x, y)
    }, restore)
  }
  return found
}
