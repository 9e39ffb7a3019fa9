import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'

import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core'

/**
 * The headless Chromium shipped inside the npm package @sparticuz/chromium, unpacked once per
 * machine into a folder named after its version. The package unpacks into the temporary
 * folder, so a child process does it into a private one that is then renamed into place:
 * test files starting together never see a half-written browser, and another version left in
 * /tmp is never picked up.
 */
function bundledChromium(): string {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium')
  const { version } = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }
  const folder = path.join(os.tmpdir(), `sparticuz-chromium-${version}`)
  const binary = path.join(folder, 'chromium')
  if (existsSync(binary)) return binary
  const staging = mkdtempSync(`${folder}-unpacking-`)
  try {
    const unpack = `import(${JSON.stringify(entry)}).then((m) => m.default.executablePath())`
    execFileSync(process.execPath, ['--input-type=module', '-e', unpack], { env: { ...process.env, TMPDIR: staging }, stdio: ['ignore', 'ignore', 'inherit'] })
    renameSync(staging, folder)
  } catch (error) {
    if (!existsSync(binary)) throw error // otherwise another test file unpacked it first
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  return binary
}

/**
 * Headless Chromium with the flags this machine's closed network needs: the one in npm's
 * @sparticuz/chromium, or the browser PUPPETEER_EXECUTABLE_PATH names (e.g. Debian's
 * /usr/bin/chromium) when it is set.
 */
export async function launchBrowser(): Promise<Browser & { cleanUp: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'))
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || bundledChromium(),
    headless: 'shell',
    args: [
      '--no-sandbox',
      '--no-zygote',
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
  await hydrated(page)
}

/**
 * On a page React renders, waits until React has taken it over (hydration, which a busy machine
 * delays past network idle): a value set before then can be reset by it, and a click dropped.
 * A page with no Next scripts is plain HTML, and one opened with JavaScript off never hydrates.
 */
export async function hydrated(page: Page, element?: unknown): Promise<void> {
  if (!page.isJavaScriptEnabled()) return
  await page.waitForFunction(
    (target?: Element) =>
      !document.querySelector('script[src*="/_next/"]') || Object.keys(target ?? document.querySelector('main') ?? document.body).some((key) => key.startsWith('__react')),
    { timeout: 60_000 },
    element as never,
  )
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

/**
 * Clicks what sends a form or follows a link and waits until its answer is on the screen: the
 * click's own request sent, the network quiet, and then, for an action or a router fetch, React's
 * rendering of the answer (which a busy machine does well after the network is quiet): something
 * in the page changed since the click, and the clicked button, if still there, is no longer
 * disabled as pending. A new document is waited for until React has hydrated it.
 */
export async function clickAndSettle(page: Page, target: { click: () => Promise<void> }): Promise<void> {
  const element = 'evaluate' in target ? (target as unknown as ElementHandle<Element>) : null
  if (element) await hydrated(page, element)
  await page.evaluate((clicked: Element | null) => {
    const w = window as unknown as SettleWatch
    w.__settleObserver?.disconnect()
    for (const old of document.querySelectorAll('[data-settle-clicked]')) old.removeAttribute('data-settle-clicked')
    clicked?.setAttribute('data-settle-clicked', '')
    w.__settleChanges = 0
    w.__settleObserver = new MutationObserver(() => void w.__settleChanges!++)
    w.__settleObserver.observe(document.body, { childList: true, subtree: true, characterData: true })
  }, element as never)
  // The click's own request: a navigation, a form's POST or a router fetch; never a link's prefetch, which Next sends whenever a link comes into view.
  const prefetch = (headers: Record<string, string>) => 'next-router-prefetch' in headers || headers.purpose === 'prefetch'
  const sent = page.waitForRequest((request) => request.isNavigationRequest() || request.method() === 'POST' || ('rsc' in request.headers() && !prefetch(request.headers())), { timeout: 60_000 })
  await target.click()
  await sent
  await page.waitForNetworkIdle({ idleTime: 300, timeout: 60_000 })
  try {
    await page.waitForFunction(
      () => {
        const w = window as unknown as SettleWatch
        return w.__settleChanges === undefined || (w.__settleChanges > 0 && !document.querySelector('[data-settle-clicked]:disabled'))
      },
      { timeout: 15_000 },
    )
  } catch (error) {
    // An answer identical to the page already shown changes nothing to wait for.
    if (!(error instanceof Error && error.name === 'TimeoutError')) throw error
  }
  await page.waitForNetworkIdle({ idleTime: 300, timeout: 60_000 })
  await hydrated(page)
}

type SettleWatch = { __settleChanges?: number; __settleObserver?: MutationObserver }
