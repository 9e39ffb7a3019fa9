import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import type { Page } from 'puppeteer-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { accessibilityViolations, CHECKED_WIDTHS } from '../helpers/axe'
import { clickAndSettle, fillFields, launchBrowser, visitPage } from '../helpers/browser'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startServer, type RunningServer } from '../helpers/server'
import { startSmtpServer } from '../helpers/smtp'

/**
 * The issue's journey in Chromium, in test-payment mode (no Stripe keys): a learner orders a
 * duplicate certificate from its document card (£30.50) and a proof-of-qualification letter
 * (£25.88), checks out with UK 1st class (£3.50, total £59.88) while a withdrawn transcript stays
 * in the basket unordered, pays (one failure first, then success), sees the order paid with its
 * receipt and emails; support batches it and dispatches it with tracking; the learner sees the
 * link. Every store page is checked with axe, and its tables for overflow and broken words, at
 * phone and desktop widths. With STORE_SCREENSHOTS=<folder>, each is photographed at both.
 */
let t: TestPayload
let server: RunningServer
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let learner: Page
const violations: string[] = []
const PASSWORD = 'green kettle harbour'
const STAFF_PASSWORD = 'quiet orange lantern 42'
const EMAIL = 'priya@example.test'
const system = { overrideAccess: true, depth: 0 } as const
let orderPath = ''
let orderNumber = ''
let transcript: { id: number }

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await startTestPayload()
  const create = async (collection: string, data: Record<string, unknown>) => (await t.payload.create({ collection: collection as never, data: data as never, ...system, disableVerificationEmail: true })) as unknown as { id: number }
  const candidate = await create('candidates', { candidateNumber: '00777001', firstName: 'Priya', surname: 'Shah', dateOfBirth: '1990-03-04T00:00:00.000Z' })
  const qualification = await create('qualifications', { qualificationNumber: '603/1111/1', title: 'Level 3 Diploma in Vehicle Systems', level: '3', type: 'regulated' })
  const achievement = await create('achievements', { candidate: candidate.id, qualification: qualification.id, grade: 'Merit', issueDate: '2024-01-01T00:00:00.000Z' })
  await create('documents', { achievement: achievement.id, type: 'certificate' })
  await create('accounts', { email: EMAIL, password: PASSWORD, _verified: true, kind: 'learner', status: 'approved', firstName: 'Priya', lastName: 'Shah', candidate: candidate.id })
  await create('staff', { email: 'support@example.test', name: 'Sam Support', role: 'support', password: STAFF_PASSWORD })
  await create('products', { code: 'DUP-CERT', name: 'Duplicate qualification certificate', documentType: 'certificate', pricePence: 3050, vatRatePercent: 0 })
  await create('products', { code: 'POQ-LETTER', name: 'Proof-of-qualification letter', documentType: 'proof-letter', pricePence: 2588, vatRatePercent: 0 })
  transcript = await create('products', { code: 'DUP-TRANS', name: 'Duplicate transcript', documentType: 'transcript', pricePence: 2000, vatRatePercent: 0 })
  const tracking = 'https://www.royalmail.com/track-your-item#/tracking-results/{tracking}'
  await create('delivery-options', { name: 'Royal Mail Signed For 2nd Class', region: 'uk', pricePence: 0, estimatedDelivery: '2–3 working days', sortOrder: 1, trackingUrl: tracking })
  await create('delivery-options', { name: 'Royal Mail Signed For 1st Class', region: 'uk', pricePence: 350, estimatedDelivery: '1–2 working days', sortOrder: 2, trackingUrl: tracking })
  await create('delivery-options', { name: 'International Courier – Worldwide', region: 'international', pricePence: 1225, estimatedDelivery: '5–7 working days', note: 'Taxes and duties may be due on delivery.', sortOrder: 3 })
  server = await startServer({ DATABASE_URL: t.databaseUrl, SMTP_URL: smtp.url })
  browser = await launchBrowser()
  const context = await browser.createBrowserContext()
  learner = await context.newPage()
  await learner.setViewport({ width: 1280, height: 900 })
  learner.setDefaultTimeout(120_000)
}, 600_000)

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(`Server output before the failure:\n${server.output().slice(-4000)}`)
})

afterAll(async () => {
  await browser?.cleanUp()
  await server?.stop()
  await smtp?.close()
  await t?.close()
})

async function press(page: Page, label: string) {
  const [target] = await page.$$(`xpath/.//main//*[self::button or self::a][starts-with(normalize-space(), "${label}")]`)
  if (!target) throw new Error(`Nothing labelled "${label}" on ${page.url()}`)
  await clickAndSettle(page, target as unknown as { click: () => Promise<void> })
}
const main = (page: Page) => page.$eval('main', (el) => (el.textContent ?? '').replace(/\s+/g, ' '))
const header = (page: Page) => page.$eval('header .nav-wide .basket', (el) => el.textContent?.trim())
const path = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search
const SHOTS = process.env.STORE_SCREENSHOTS

/**
 * Each store table at phone and desktop widths: wider than its box (an amount cut off or
 * scrolled away) or a word broken across lines ("£59.8" / "8", "Pendin" / "g") is a fault.
 */
async function tableFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = []
    for (const table of document.querySelectorAll('main table')) {
      const box = table.parentElement!
      const over = Math.ceil(table.getBoundingClientRect().width - box.clientWidth)
      if (over > 0) faults.push(`a table is ${over} px wider than its box`)
      const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement!
        if (!element.checkVisibility() || element.closest('.visually-hidden')) continue
        for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
          // A compound's hyphen is a place to break ("Proof-of-" / "qualification"); a code's is not ("ORD-W8P3-" / "22JB").
          if (/^[A-Za-z]+(-[A-Za-z]+)+[.,;:]?$/.test(match[0])) continue
          const range = document.createRange()
          range.setStart(node, match.index)
          range.setEnd(node, match.index + match[0].length)
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))
          if (tops.size > 1) faults.push(`“${match[0]}” is broken across lines`)
        }
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth) faults.push(`the page scrolls sideways by ${document.documentElement.scrollWidth - window.innerWidth} px`)
    return faults
  })
}

let shot = 0
const checkAccessibility = async (page: Page) => {
  violations.push(...(await accessibilityViolations(page)).map((v) => `${page.url()}: ${v}`))
  const viewport = page.viewport()
  for (const width of CHECKED_WIDTHS) {
    await page.setViewport({ width, height: 900 })
    violations.push(...(await tableFaults(page)).map((fault) => `${page.url()} at ${width} px: ${fault}`))
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true })
      const name = new URL(page.url()).pathname.replace(/\/\d+/g, '/N').replace(/\W+/g, '-')
      await page.screenshot({ path: join(SHOTS, `${String(++shot).padStart(2, '0')}${name}-${width}.png`) as `${string}.png`, fullPage: true })
    }
  }
  if (viewport) await page.setViewport(viewport)
}
const totals = (page: Page) => page.$$eval('tfoot tr', (rows) => rows.map((r) => [...r.children].map((cell) => (cell.textContent ?? '').trim()).filter(Boolean).join(' ')))

describe('ordering a duplicate certificate (Chromium, test payment)', { timeout: 300_000 }, () => {
  it('the learner orders from the document card and the basket shows in the header', async () => {
    await visitPage(learner, `${server.url}/sign-in`)
    await fillFields(learner, { email: EMAIL, password: PASSWORD })
    await press(learner, 'Sign in')
    await learner.waitForFunction(() => location.pathname === '/dashboard', { timeout: 60_000 })
    expect(await header(learner)).toBe('Basket: 0 items, £0.00')
    await visitPage(learner, `${server.url}/documents`)
    await press(learner, 'Order')
    expect(path(learner)).toMatch(/^\/store\?achievement=\d+$/)
    expect(await main(learner)).toContain('Before you order, check your name, qualification and dates')
    expect(await main(learner)).toContain('Duplicate qualification certificate£30.50')
    await checkAccessibility(learner)
    // No reason chosen: refused with its message, nothing added.
    await press(learner, 'Add to basket')
    expect(await main(learner)).toContain('Choose why you need it')
    expect(await header(learner)).toBe('Basket: 0 items, £0.00')
    const [certificateReason] = await learner.$$('select[name=reason]')
    await certificateReason!.select('lost')
    await press(learner, 'Add to basket')
    await learner.waitForFunction(() => location.pathname === '/basket', { timeout: 60_000 })
    expect(await main(learner)).toContain('Added to your basket.')
    expect(await main(learner)).toContain('Duplicate qualification certificate')
    expect(await header(learner)).toBe('Basket: 1 item, £30.50')
    // The letter and the transcript from the store as well.
    for (const [index, count, total] of [[1, '2 items', '£50.50'], [2, '3 items', '£76.38']] as const) {
      await visitPage(learner, `${server.url}/store`)
      await (await learner.$$('select[name=reason]'))[index]!.select('damaged')
      await (await learner.$$('main form.add-to-basket button'))[index]!.click()
      await learner.waitForFunction(() => location.pathname === '/basket', { timeout: 60_000 })
      expect(await header(learner)).toBe(`Basket: ${count}, ${total}`)
    }
    // Staff withdraw the transcript: it stays in the basket, with why, and is left out of the order.
    await t.payload.update({ collection: 'products', id: transcript.id, data: { active: false }, ...system })
    await visitPage(learner, `${server.url}/basket`)
    expect(await learner.$eval('.unorderable li', (li) => li.innerText.replace(/\s+/g, ' ').trim())).toBe('Duplicate transcript for Level 3 Diploma in Vehicle Systems This product is no longer sold. Remove Duplicate transcript for Level 3 Diploma in Vehicle Systems')
    expect(await header(learner)).toBe('Basket: 2 items, £56.38')
    await checkAccessibility(learner)
  })

  it('checks out with UK 1st class: £30.50 + £25.88 + £3.50 = £59.88', async () => {
    await press(learner, 'Check out')
    expect(path(learner)).toBe('/checkout?step=billing')
    await press(learner, 'Continue')
    expect(await main(learner)).toContain('Enter the first line of the address')
    await checkAccessibility(learner)
    await fillFields(learner, { fullName: 'Priya Shah', line1: '10 Downing Street', town: 'London', postcode: 'sw1a 2aa' })
    await learner.click('#saveAddress')
    await press(learner, 'Continue')
    await learner.waitForFunction(() => location.search === '?step=delivery', { timeout: 60_000 })
    // The address just saved is offered from the address book.
    expect(await main(learner)).toContain('Billing: Priya Shah, 10 Downing Street, London, SW1A 2AA, United Kingdom')
    await checkAccessibility(learner)
    await press(learner, 'Continue')
    await learner.waitForFunction(() => location.search === '?step=delivery-option', { timeout: 60_000 })
    const options = await learner.$$eval('.delivery-choice label', (labels) => labels.map((l) => (l.textContent ?? '').replace(/\s+/g, ' ').trim()))
    expect(options).toEqual(['Royal Mail Signed For 2nd Class · £0.00 · estimated 2–3 working days', 'Royal Mail Signed For 1st Class · £3.50 · estimated 1–2 working days'])
    await checkAccessibility(learner)
    await learner.click('#' + (await learner.$$eval('.delivery-choice input', (inputs) => inputs[1]!.id)))
    await press(learner, 'Continue')
    await learner.waitForFunction(() => location.search === '?step=confirm', { timeout: 60_000 })
    expect(await totals(learner)).toEqual(['Sub total £56.38', 'Delivery: Royal Mail Signed For 1st Class £3.50', 'VAT £0.00', 'Total £59.88'])
    // What will be printed: each line's document reference and the name on it.
    const printed = await learner.$$eval('tbody .printed-facts', (lists) => lists.map((l) => (l.textContent ?? '').replace(/\s+/g, ' ').trim()))
    expect(printed).toEqual([
      expect.stringMatching(/^Reference ?\S+ ?Name printed ?Priya Shah ?Reason ?Lost$/),
      expect.stringMatching(/^Reference ?\S+ ?Name printed ?Priya Shah ?Reason ?Damaged$/),
    ])
    expect(await main(learner)).toContain('Test payments: card payments are not set up here, so no money is taken.')
    await checkAccessibility(learner)
  })

  it('pays in test-payment mode: a failure first, then success', async () => {
    await press(learner, 'Place order and pay £59.88 (test payment)')
    await learner.waitForFunction(() => /^\/orders\/\d+\/test-payment$/.test(location.pathname), { timeout: 60_000 })
    orderPath = new URL(learner.url()).pathname.replace('/test-payment', '')
    expect(await main(learner)).toContain('This is a test payment page. No card is charged and no money is taken.')
    // The withdrawn transcript is still in the basket, not ordered; it counts for nothing.
    expect(await header(learner)).toBe('Basket: 0 items, £0.00')
    await checkAccessibility(learner)
    await press(learner, 'Make the payment fail')
    expect(await main(learner)).toContain('Your payment failed and nothing was taken. You can try again.')
    expect(await main(learner)).toContain('Awaiting payment')
    // Coming back from the payment page marks nothing paid: it says so, and waits for the payment's confirmation.
    await visitPage(learner, `${server.url}${orderPath}?payment=returned`)
    expect(await main(learner)).toContain('Payment received, confirming: this page shows it as paid as soon as the card payment is confirmed.')
    expect(await main(learner)).toContain('Awaiting payment')
    expect(await main(learner)).not.toContain('Pay £59.88 now')
    await visitPage(learner, `${server.url}${orderPath}`)
    await press(learner, 'Pay £59.88 now')
    await learner.waitForFunction(() => location.pathname.endsWith('/test-payment'), { timeout: 60_000 })
    await press(learner, 'Pay £59.88 (test: succeeds)')
    expect(await main(learner)).toContain('Payment received. Thank you')
    const text = await main(learner)
    orderNumber = /Order (ORD-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text)![1]!
    expect(text).toContain('Paid')
    expect(text).toMatch(/Payment failed · Payment.*Paid · Payment: £59\.88, payment reference TEST-/)
    await checkAccessibility(learner)
    const receipt = await learner.evaluate(async (href) => {
      const response = await fetch(href)
      return { status: response.status, type: response.headers.get('content-type'), start: new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5)) }
    }, `${server.url}${orderPath}/receipt`)
    expect(receipt).toEqual({ status: 200, type: 'application/pdf', start: '%PDF-' })
    await visitPage(learner, `${server.url}/orders`)
    const row = await learner.$eval('tbody tr', (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()))
    expect(row[0]).toBe(orderNumber)
    expect(row[1]).toBe('Duplicate qualification certificate: Level 3 Diploma in Vehicle Systems; Proof-of-qualification letter: Level 3 Diploma in Vehicle Systems')
    expect(row[2]).toMatch(/^TEST-/)
    expect(row.slice(3)).toEqual(['Paid', new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' }).format(new Date()), '£59.88'])
    await checkAccessibility(learner)
    expect((await smtp.waitFor(EMAIL, /We have your order/)).text).toContain(`order ${orderNumber} (£59.88) is placed`)
    expect((await smtp.waitFor(EMAIL, /Payment received for your order/)).text).toContain(`We received £59.88 for order ${orderNumber}`)
    // The withdrawn transcript waited in the basket; the learner removes it.
    await visitPage(learner, `${server.url}/basket`)
    expect(await main(learner)).toContain('They stay in your basket but cannot be ordered or charged.')
    await press(learner, 'Remove')
    expect(await main(learner)).toContain('Removed from your basket.')
    expect(await main(learner)).toContain('Your basket is empty.')
    expect(smtp.received.filter((m) => m.to === EMAIL && /Payment received/.test(m.subject))).toHaveLength(1)
  })

  it('support batches it and dispatches it with tracking; the learner sees the tracking link', async () => {
    const login = await fetch(`${server.url}/api/staff/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'support@example.test', password: STAFF_PASSWORD }) })
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('payload-token='))?.split(';')[0]
    expect(cookie, 'support signed in').toMatch(/^payload-token=.+/)
    // As the admin's own requests are sent: the session cookie, from the same site.
    const asSupport = (url: string, body: unknown) =>
      fetch(`${server.url}${url}`, { method: 'POST', headers: { Cookie: cookie!, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    const orderId = Number(orderPath.split('/').pop())
    const answer = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> })
    const batch = await answer(await asSupport('/api/print-batches', { orders: [orderId] }))
    expect(batch).toMatchObject({ status: 201 })
    const batchId = (batch.body as { doc: { id: number } }).doc.id
    expect(await answer(await asSupport(`/api/print-batches/${batchId}/printed`, {}))).toEqual({ status: 200, body: { ok: true, orders: 1 } })
    expect(await answer(await asSupport(`/api/print-batches/${batchId}/dispatch`, { tracking: `${orderNumber}, RM123456785GB` }))).toEqual({ status: 200, body: { ok: true, orders: 1 } })
    const dispatched = await smtp.waitFor(EMAIL, /Your order is on its way/)
    expect(dispatched.text).toContain('Its tracking number is RM123456785GB')
    expect(dispatched.text).toContain('https://www.royalmail.com/track-your-item#/tracking-results/RM123456785GB')
    await visitPage(learner, `${server.url}${orderPath}`)
    expect(await main(learner)).toContain('Tracking number RM123456785GB')
    expect(await learner.$eval('a[href*="royalmail"]', (a) => a.getAttribute('href'))).toBe('https://www.royalmail.com/track-your-item#/tracking-results/RM123456785GB')
    expect(await main(learner)).toMatch(/Printed · Support team.*Dispatched · Support team: Tracking number RM123456785GB/)
    await checkAccessibility(learner)
  })

  it('finds no WCAG 2.2 AA violations on the store, basket, checkout and orders pages', () => {
    expect(violations).toEqual([])
  })
})
