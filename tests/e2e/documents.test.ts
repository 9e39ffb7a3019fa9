import type { Browser, Page } from 'puppeteer-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { accessibilityViolations } from '../helpers/axe'
import { launchBrowser } from '../helpers/browser'
import { type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'
import { decodeQr, flatText, renderPage } from '../helpers/pdf'
import { startServer, type RunningServer } from '../helpers/server'
import { tableLayoutProblems } from '../helpers/layout'

/**
 * A learner opens a certificate and reports a problem; support replies in the admin; the
 * learner reads the reply. The file routes obey the documents' access rules over HTTP.
 */
let t: TestPayloadWithFixtures
let f: Fixtures
let server: RunningServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let learner: Page
const violations: string[] = []

beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
  f = t.fixtures
  server = await startServer({ DATABASE_URL: t.databaseUrl })
  browser = await launchBrowser()
  learner = await signedIn(browser, 'learner-a@fixture.test')
}, 600_000)

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(`Server output before the failure:\n${server.output().slice(-4000)}`)
})

afterAll(async () => {
  await browser?.cleanUp()
  await server?.stop()
  await t?.close()
})

/** A support member signed in to the admin, in a browser context of their own. */
async function supportInTheAdmin(): Promise<Page> {
  const admin = await (await browser.createBrowserContext()).newPage()
  admin.setDefaultTimeout(120_000)
  await admin.setViewport({ width: 1280, height: 900 })
  await admin.goto(`${server.url}/admin/login`, { waitUntil: 'networkidle0' })
  await admin.type('#field-email', 'support@fixture.test')
  await admin.type('#field-password', 'fixture-password-123')
  await Promise.all([admin.waitForNavigation({ waitUntil: 'networkidle0' }), admin.click('button[type=submit]')])
  return admin
}

async function signedIn(within: Browser, email: string): Promise<Page> {
  const page = await (await within.createBrowserContext()).newPage()
  page.setDefaultTimeout(120_000)
  await page.setViewport({ width: 1280, height: 900 })
  await page.goto(`${server.url}/sign-in`, { waitUntil: 'networkidle0' })
  await page.type('[name=email]', email)
  await page.type('[name=password]', 'fixture-password-123')
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type=submit]')])
  expect(new URL(page.url()).pathname).toBe('/dashboard')
  return page
}

/** Fetches a path with the page's session, as the browser itself would. */
const fetchAs = (page: Page, path: string) =>
  page.evaluate(async (p) => {
    const response = await fetch(p)
    const bytes = new Uint8Array(await response.arrayBuffer())
    let binary = ''
    for (const byte of bytes) binary += String.fromCharCode(byte)
    return { status: response.status, type: response.headers.get('content-type'), cache: response.headers.get('cache-control'), body: btoa(binary) }
  }, path)

const checkAccessibility = async (page: Page) => violations.push(...(await accessibilityViolations(page)).map((v) => `${page.url()}: ${v}`))
const text = (page: Page, selector = 'main') => page.$eval(selector, (el) => el.textContent ?? '')

describe('a learner’s documents in Chromium', { timeout: 300_000 }, () => {
  it('lists the learner’s achievement with its certificate card', async () => {
    await learner.goto(`${server.url}/documents`, { waitUntil: 'networkidle0' })
    const main = await text(learner)
    expect(main).toContain(f.a.document.reference)
    expect(main).toContain('Level 3 Diploma')
    expect(main).toContain('C100')
    expect(main).not.toContain(f.b.document.reference)
    await checkAccessibility(learner)
    await learner.setViewport({ width: 320, height: 800 })
    const overflow = await learner.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
    expect(overflow).toBe(false)
    await learner.setViewport({ width: 1280, height: 900 })
  })

  it('opens the certificate: a private PDF whose QR code is the document’s verification address', async () => {
    const own = await fetchAs(learner, `/documents/${f.a.document.id}/pdf`)
    expect(own).toMatchObject({ status: 200, type: 'application/pdf', cache: 'private, no-store' })
    const pdf = Buffer.from(own.body, 'base64')
    expect(flatText(pdf)).toContain('First100 Surname100')
    expect(decodeQr(renderPage(pdf))).toBe(`${server.url}/verify/${f.a.document.verificationCode}`)
  })

  it('someone else’s document or a made-up id: 404 and nothing more; no session: sign in first', async () => {
    const stranger = await fetchAs(learner, `/documents/${f.b.document.id}/pdf`)
    const missing = await fetchAs(learner, '/documents/99999999/pdf')
    expect(stranger.status).toBe(404)
    expect(stranger).toEqual(missing)
    const anonymous = await fetch(`${server.url}/documents/${f.a.document.id}/pdf`, { redirect: 'manual' })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/documents/${f.a.document.id}/pdf`)}`)
  })

  it('the learner reports a problem, support replies in the admin, the learner reads the reply', async () => {
    await learner.goto(`${server.url}/documents/${f.a.document.id}/report`, { waitUntil: 'networkidle0' })
    await checkAccessibility(learner)
    await learner.type('#message', 'too short')
    await learner.click('main button[type=submit]')
    await learner.waitForSelector('[role=alert]')
    expect(await text(learner, '[role=alert]')).toContain('at least 10 characters')
    await checkAccessibility(learner)
    await learner.type('#message', ': my first name should be Ffion, not First100.')
    await Promise.all([learner.waitForNavigation({ waitUntil: 'networkidle0' }), learner.click('main button[type=submit]')])
    const enquiryPath = new URL(learner.url()).pathname
    expect(enquiryPath).toMatch(/^\/enquiries\/\d+$/)
    expect(await text(learner)).toContain('my first name should be Ffion')
    await checkAccessibility(learner)

    const admin = await supportInTheAdmin()
    await admin.goto(`${server.url}/admin/collections${enquiryPath}`, { waitUntil: 'networkidle0' })
    await admin.waitForSelector('#reply-message')
    await admin.type('#reply-message', 'Thank you, Ffion. We are reissuing your certificate.')
    await admin.select('#reply-status', 'in-progress')
    const send = await admin.waitForSelector('xpath/.//button[normalize-space()="Send reply" and not(@disabled)]')
    await send!.click()
    await admin.waitForFunction(() => document.body.textContent?.includes('the reporter has been emailed'))

    // The admin reads the report as a conversation: oldest first, each message with its author and UK time, read-only, the reply box below.
    await admin.waitForNavigation({ waitUntil: 'networkidle0' }) // the panel reloads the page after sending
    await admin.waitForFunction(() => document.querySelectorAll('.enquiry-conversation li').length === 2)
    const conversation = await admin.$$eval('.enquiry-conversation li', (items) => items.map((item) => item.textContent ?? ''))
    expect(conversation[0]).toMatch(/^A Learner \(reporter\) · \d\d\/\d\d\/\d{4} \d\d:\d\d.*my first name should be Ffion/)
    expect(conversation[1]).toMatch(/^Support \(support team\) · \d\d\/\d\d\/\d{4} \d\d:\d\d.*We are reissuing your certificate\./)
    expect(await admin.$$('textarea[name^="messages"], [id^="field-messages"]')).toHaveLength(0)
    const replyBelow = await admin.evaluate(() => {
      const last = document.querySelector('.enquiry-conversation li:last-child')!
      return Boolean(last.compareDocumentPosition(document.querySelector('#reply-message')!) & Node.DOCUMENT_POSITION_FOLLOWING)
    })
    expect(replyBelow).toBe(true)

    await learner.goto(`${server.url}${enquiryPath}`, { waitUntil: 'networkidle0' })
    const thread = await text(learner)
    expect(thread).toContain('We are reissuing your certificate.')
    expect(thread).toContain('(support team)')
    expect(thread).toContain('in progress')
    await checkAccessibility(learner)
    const emails = await t.payload.find({ collection: 'email-outbox', where: { to: { equals: 'learner-a@fixture.test' }, template: { in: ['enquiry-reply', 'enquiry-status'] } }, overrideAccess: true, limit: 10 })
    expect(emails.docs.map((d) => d.template).sort()).toEqual(['enquiry-reply', 'enquiry-status'])
  })

  it('on a 390 px phone the header is one row with a Menu, and each card puts its labels above their values', async () => {
    await learner.setViewport({ width: 390, height: 844 })
    await learner.goto(`${server.url}/documents`, { waitUntil: 'networkidle0' })
    const boxOf = (selector: string) => learner.$eval(selector, (el) => el.getBoundingClientRect().toJSON() as DOMRect)
    const [name, menu] = [await boxOf('.site-name'), await boxOf('.nav-menu summary')]
    expect(Math.abs(name.top + name.height / 2 - (menu.top + menu.height / 2))).toBeLessThan(8) // one row
    const visibleLinks = () => learner.$$eval('header a, header button', (els) => els.filter((el) => el.checkVisibility()).map((el) => el.textContent?.trim()))
    // The site's name, and the store one tap away: Store, Orders and the basket with its count.
    expect(await visibleLinks()).toEqual(['Digital Achievement Portal', 'Store', 'Orders', expect.stringMatching(/^Basket \((\d+)\): \1 items?, £\d+\.\d\d$/)])
    expect(await boxOf('.store-bar')).toMatchObject({ width: 390 })
    await learner.click('.nav-menu summary')
    expect(await visibleLinks()).toEqual(expect.arrayContaining(['Documents', 'Profile', 'Sign out']))
    // Each link once: the store's are not repeated inside the Menu.
    expect(await learner.$$eval('.nav-menu a', (els) => els.map((el) => el.textContent?.trim()))).not.toContain('Store')
    const [label, value] = [await boxOf('.document-card .facts dt'), await boxOf('.document-card .facts dd')]
    expect(value.top).toBeGreaterThanOrEqual(label.bottom - 1) // stacked
    expect(value.left).toBeCloseTo(label.left, 0)

    await learner.setViewport({ width: 1280, height: 900 })
    expect(await learner.$eval('.nav-menu', (el) => el.checkVisibility())).toBe(false)
    expect(await visibleLinks()).toEqual(expect.arrayContaining(['Documents', 'Profile', 'Store', 'Orders', expect.stringMatching(/^Basket: \d+ items?, £\d+\.\d\d$/), 'Sign out']))
    expect(await learner.$eval('.store-bar', (el) => el.checkVisibility())).toBe(false)
    const [wideLabel, wideValue] = [await boxOf('.document-card .facts dt'), await boxOf('.document-card .facts dd')]
    expect(wideValue.top).toBeCloseTo(wideLabel.top, 0) // side by side
  })

  it('the table check finds a table that overflows its box and a word broken over two lines', async () => {
    const page = await (await browser.createBrowserContext()).newPage()
    await page.setViewport({ width: 390, height: 844 })
    await page.setContent(
      '<main><div style="width:200px"><table><caption>Wide</caption><tr><td style="white-space:nowrap">A long line that cannot wrap at all, costing £59.80</td></tr></table></div>' +
        '<table style="width:60px"><caption>Narrow</caption><tr><td style="word-break:break-all">Pending 07/01/2027</td></tr></table>' +
        '<div><table><caption>Fine</caption><tr><td>Active</td><td>07/01/2027</td></tr></table></div></main>',
    )
    const problems = await tableLayoutProblems(page)
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^table 1 \(“Wide”\) is \d+ px wide in a box of 200 px$/)]))
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^table 2 \(“Narrow”\): the word “(Pending|07\/01\/2027)” is broken across/)]))
    expect(problems.filter((p) => p.includes('“Fine”'))).toEqual([])
    await page.close()
  })

  it('no table on the learner’s pages overflows its box or breaks a word, at 390 and 1280 px', async () => {
    const pages = ['/documents', '/profile/addresses', '/enquiries', `/enquiries/${f.a.enquiry.id}`, '/orders', `/orders/${f.a.order.id}`, '/basket']
    const problems: string[] = []
    for (const width of [390, 1280]) {
      await learner.setViewport({ width, height: 900 })
      for (const path of pages) {
        await learner.goto(`${server.url}${path}`, { waitUntil: 'networkidle0' })
        problems.push(...(await tableLayoutProblems(learner)).map((problem) => `${width}px ${path}: ${problem}`))
      }
    }
    await learner.setViewport({ width: 1280, height: 900 })
    expect(problems).toEqual([])
  })

  it('a signed-out visitor with a link to a page is asked to sign in, then brought back to it', async () => {
    const visitor = await (await browser.createBrowserContext()).newPage()
    visitor.setDefaultTimeout(120_000)
    const reportPath = `/documents/${f.a.document.id}/report`
    await visitor.goto(`${server.url}${reportPath}`, { waitUntil: 'networkidle0' })
    expect(new URL(visitor.url()).pathname).toBe('/sign-in')
    expect(await text(visitor)).toContain('Sign in to see that page.')
    await checkAccessibility(visitor)
    await visitor.type('[name=email]', 'learner-a@fixture.test')
    await visitor.type('[name=password]', 'fixture-password-123')
    await Promise.all([visitor.waitForNavigation({ waitUntil: 'networkidle0' }), visitor.click('main button[type=submit]')])
    expect(new URL(visitor.url()).pathname).toBe(reportPath)
    expect(await text(visitor, 'h1')).toBe('Report a problem')
  })

  it('a path that leads nowhere shows the portal’s own “Page not found”, with its header and a way home', async () => {
    for (const path of ['/no-such-page', '/help/no-such-help', `/documents/${f.b.document.id}/report`]) {
      const response = await learner.goto(`${server.url}${path}`, { waitUntil: 'networkidle0' })
      expect(response?.status(), path).toBe(404)
      await learner.waitForSelector('main h1')
      expect(await text(learner, 'main h1'), path).toBe('Page not found')
      expect(await learner.$eval('.site-header .site-name', (el) => el.getAttribute('href')), path).toBe('/')
      expect(await learner.$eval('main a[href="/"]', (el) => el.textContent), path).toBe('Go to the home page')
    }
    await checkAccessibility(learner)
  })

  it('support revoke a document only after confirming what will happen, with a reason the learner is emailed', async () => {
    const revocable = await t.payload.create({ collection: 'documents', data: { achievement: f.b.achievement.id, type: 'transcript' } as never, overrideAccess: true })
    const status = async () => (await t.payload.findByID({ collection: 'documents', id: revocable.id, overrideAccess: true })).status
    const admin = await supportInTheAdmin()
    await admin.goto(`${server.url}/admin/collections/documents/${revocable.id}`, { waitUntil: 'networkidle0' })
    const revoke = await admin.waitForSelector('xpath/.//button[normalize-space()="Revoke…" and not(@disabled)]')
    expect(await revoke!.evaluate((el) => el.className)).not.toContain('btn--style-primary')

    // No reason: told why, nothing happens.
    await revoke!.click()
    await admin.waitForFunction(() => document.body.textContent?.includes('Give the reason the document is revoked'))
    expect(await admin.$('.confirmation-modal')).toBeNull()
    expect(await status()).toBe('valid')

    // With a reason: the confirmation says what will happen; keeping it valid changes nothing.
    await admin.type('#issuing-reason', 'Issued against the wrong achievement.')
    await revoke!.click()
    await admin.waitForSelector('.confirmation-modal')
    const modal = await text(admin, '.confirmation-modal')
    expect(modal).toContain(`Revoke ${revocable.reference}?`)
    expect(modal).toContain('This cannot be undone.')
    expect(modal).toContain('Issued against the wrong achievement.')
    const keep = await admin.waitForSelector('xpath/.//button[normalize-space()="Keep it valid"]')
    await keep!.click()
    await admin.waitForFunction(() => !document.querySelector('.confirmation-modal'))
    expect(await status()).toBe('valid')

    await revoke!.click()
    const confirm = await admin.waitForSelector('xpath/.//button[normalize-space()="Revoke the document"]')
    await Promise.all([admin.waitForNavigation({ waitUntil: 'networkidle0' }), confirm!.click()])
    expect(await status()).toBe('revoked')
    const emails = await t.payload.find({ collection: 'email-outbox', where: { template: { equals: 'document-revoked' } }, overrideAccess: true, limit: 10 })
    expect(emails.docs.map((mail) => mail.to)).toEqual(['learner-b@fixture.test'])
    expect(emails.docs[0]!.text).toContain('The reason: Issued against the wrong achievement.')
  })

  it('the pages every visitor passes through are checked too: home, help, FAQ, support, dashboard, reports', async () => {
    const anonymous = await (await browser.createBrowserContext()).newPage()
    for (const path of ['/', '/help', '/help/faq', '/help/contact-support']) {
      await anonymous.goto(`${server.url}${path}`, { waitUntil: 'networkidle0' })
      await checkAccessibility(anonymous)
    }
    for (const path of ['/dashboard', '/enquiries', `/enquiries/${f.a.enquiry.id}`]) {
      await learner.goto(`${server.url}${path}`, { waitUntil: 'networkidle0' })
      expect(await text(learner, 'h1'), path).not.toBe('Page not found')
      await checkAccessibility(learner)
    }
  })

  it('axe-core finds no WCAG 2.2 AA violations on these pages', () => {
    expect(violations).toEqual([])
  })
})
