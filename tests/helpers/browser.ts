import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import puppeteer, { type Browser, type Page } from 'puppeteer'

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser & { cleanUp: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'))
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  })
  return Object.assign(browser, {
    cleanUp: async () => {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    },
  })
}

/** Opens a page; the development server can drop a connection while it compiles under load, so one more try then. */
export async function visitPage(page: Page, url: string): Promise<void> {
  try {
    await page.goto(url, { waitUntil: 'networkidle0' })
  } catch (error) {
    if (!String(error).includes('ERR_CONNECTION_RESET')) throw error
    await page.goto(url, { waitUntil: 'networkidle0' })
  }
}

/** Types each value into the field of that name, replacing what was there. */
export async function fillFields(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    await page.$eval(`[name="${name}"]`, (el) => ((el as HTMLInputElement).value = ''))
    await page.type(`[name="${name}"]`, value)
  }
}

/** Ticks a checkbox from the keyboard (the development overlay can cover the mouse's target). */
export async function tickBox(page: Page, selector: string): Promise<void> {
  await page.focus(selector)
  await page.keyboard.press('Space')
  if (!(await page.$eval(selector, (el) => (el as HTMLInputElement).checked))) throw new Error(`${selector} did not tick`)
}
