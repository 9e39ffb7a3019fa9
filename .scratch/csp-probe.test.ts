import { it } from 'vitest'
import { launchBrowser } from '../tests/helpers/browser'
it('probe', async () => {
  const browser = await launchBrowser()
  const page = await browser.newPage()
  const messages: string[] = []
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`))
  page.on('pageerror', (e) => messages.push(`pageerror: ${e}`))
  for (const path of ['/register', '/admin/login']) {
    await page.goto(`http://localhost:3100${path}`, { waitUntil: 'networkidle0', timeout: 120000 })
    console.log(path, JSON.stringify(messages.filter((m) => /Content Security|CSP|Refused/i.test(m)).slice(0, 5), null, 1))
    messages.length = 0
  }
  await browser.cleanUp()
}, 300000)
