import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import puppeteer, { type Browser } from 'puppeteer'

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
