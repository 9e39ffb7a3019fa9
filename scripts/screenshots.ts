/**
 * Screenshots of portal and admin pages at phone and desktop widths, to look at what users
 * see: `npx tsx scripts/screenshots.ts http://localhost:3000 /tmp/shots` with `npm run dev` running.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'

import { launchBrowser } from '../tests/helpers/browser'

const [base = 'http://localhost:3000', out = '/tmp/shots'] = process.argv.slice(2)
mkdirSync(out, { recursive: true })
const browser = await launchBrowser()
const page = await browser.newPage()

const PORTAL = ['/', '/help', '/help/getting-started', '/help/faq', '/no-such-page', '/register', '/register/third-party', '/sign-in', '/register/check-email?email=someone%40example.test', '/register/verify?token=x']
const ADMIN = ['/admin', '/admin/collections/candidates', '/admin/collections/documents', '/admin/collections/accounts', '/admin/collections/audit-log', '/admin/globals/site-settings']

async function shoot(url: string, width: number) {
  await page.setViewport({ width, height: width < 600 ? 844 : 900 })
  await page.goto(`${base}${url}`, { waitUntil: 'networkidle0' })
  const file = path.join(out, `${url.replace(/\W+/g, '_') || 'home'}-${width}.png`)
  await page.screenshot({ path: file, fullPage: true })
  console.log(file)
}

for (const url of PORTAL) for (const width of [390, 1280]) await shoot(url, width)
await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle0' })
await page.type('[name=email]', 'learner@demo.example')
await page.type('[name=password]', 'demo-portal-password')
await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type=submit]')])
for (const width of [390, 1280]) await shoot('/dashboard', width)
await page.goto(`${base}/admin/login`, { waitUntil: 'networkidle0' })
await page.type('#field-email', 'support@demo.example')
await page.type('#field-password', 'demo-helpdesk-password')
await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type=submit]')])
for (const url of ADMIN) for (const width of [390, 1280]) await shoot(url, width)
await browser.cleanUp()
