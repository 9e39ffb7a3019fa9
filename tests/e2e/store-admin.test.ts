import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { ElementHandle, Page } from 'puppeteer-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Order, PrintBatch } from '../../src/payload-types'
import { launchBrowser, visitPage } from '../helpers/browser'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { signIn, startServer, type RunningServer } from '../helpers/server'
import { startSmtpServer } from '../helpers/smtp'

/**
 * Support staff work the store's admin panels in Chromium, as they would: an order's actions
 * (hold, release, cancel with its one question) and a print batch (made in the admin's form,
 * marked printed, dispatched with tracking numbers typed, and another uploaded as a CSV file).
 */
let t: TestPayload
let server: RunningServer
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let admin: Page
const STAFF_PASSWORD = 'quiet orange lantern 42'
const EMAIL = 'priya@example.test'
const system = { overrideAccess: true, depth: 0 } as const
let accountId = 0
let productId = 0
let achievementId = 0
let deliveryOptionId = 0
let made = 0

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await startTestPayload()
  const create = async (collection: string, data: Record<string, unknown>) => (await t.payload.create({ collection: collection as never, data: data as never, ...system, disableVerificationEmail: true })) as unknown as { id: number }
  const candidate = await create('candidates', { candidateNumber: '00777001', firstName: 'Priya', surname: 'Shah', dateOfBirth: '1990-03-04T00:00:00.000Z' })
  const qualification = await create('qualifications', { qualificationNumber: '603/1111/1', title: 'Level 3 Diploma in Vehicle Systems', level: '3', type: 'regulated' })
  achievementId = (await create('achievements', { candidate: candidate.id, qualification: qualification.id, grade: 'Merit', issueDate: '2024-01-01T00:00:00.000Z' })).id
  accountId = (await create('accounts', { email: EMAIL, password: 'green kettle harbour', _verified: true, kind: 'learner', status: 'approved', firstName: 'Priya', lastName: 'Shah', candidate: candidate.id })).id
  await create('staff', { email: 'support@example.test', name: 'Sam Support', role: 'support', password: STAFF_PASSWORD })
  productId = (await create('products', { code: 'DUP-CERT', name: 'Duplicate qualification certificate', documentType: 'certificate', pricePence: 3050, vatRatePercent: 0 })).id
  deliveryOptionId = (await create('delivery-options', { name: 'Royal Mail Signed For 1st Class', region: 'uk', pricePence: 350, trackingUrl: 'https://www.royalmail.com/track-your-item#/tracking-results/{tracking}' })).id
  server = await startServer({ DATABASE_URL: t.databaseUrl, SMTP_URL: smtp.url })
  browser = await launchBrowser()
  const context = await browser.createBrowserContext()
  admin = await context.newPage()
  await admin.setViewport({ width: 1280, height: 900 })
  admin.setDefaultTimeout(120_000)
  const [name, value] = (await signIn(server.url, 'staff', 'support@example.test', STAFF_PASSWORD)).split('=') as [string, string]
  await admin.setCookie({ name, value, url: server.url })
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

/** A paid order of Priya's (made as checkout and the payment would leave it). */
async function paidOrder(): Promise<Order> {
  made += 1
  const address = { fullName: 'Priya Shah', line1: '10 Downing Street', town: 'London', postcode: 'SW1A 2AA', country: 'GB' }
  return (await t.payload.create({
    collection: 'orders',
    data: {
      orderNumber: `ORD-20261207-ADM${made}`,
      account: accountId,
      status: 'paid',
      items: [{ product: productId, achievement: achievementId, reason: 'lost', description: 'Duplicate qualification certificate', unitPricePence: 3050, vatPence: 0 }],
      billingAddress: address,
      deliveryAddress: address,
      deliveryOption: deliveryOptionId,
      subtotalPence: 3050,
      deliveryPence: 350,
      vatPence: 0,
      totalPence: 3400,
      paymentMode: 'test',
      paymentReference: `TEST-${made}`,
      paidAt: new Date().toISOString(),
    } as never,
    ...system,
  })) as Order
}

const orderOf = (id: number) => t.payload.findByID({ collection: 'orders', id, ...system }) as Promise<Order>
const panelText = (page: Page, heading: string) => page.$eval(`[aria-labelledby=${heading}]`, (el) => (el.textContent ?? '').replace(/\s+/g, ' '))

async function button(page: Page, label: string): Promise<ElementHandle<Element>> {
  const found = await page.waitForSelector(`xpath/.//button[starts-with(normalize-space(), "${label}") and not(@disabled)]`)
  if (!found) throw new Error(`No button "${label}" on ${page.url()}`)
  return found as ElementHandle<Element>
}
const press = async (page: Page, label: string) => (await button(page, label)).click()
const statusSays = (page: Page, heading: string, text: string) =>
  page.waitForFunction((h, want) => document.querySelector(`[aria-labelledby=${h}] [role=status]`)?.textContent?.includes(want), {}, heading, text)

describe('an order’s panel in the admin', { timeout: 300_000 }, () => {
  it('puts it on hold with a reason, releases it, and cancels it only once asked and answered', async () => {
    const order = await paidOrder()
    const page = `${server.url}/admin/collections/orders/${order.id}`
    await visitPage(admin, page)
    await admin.waitForSelector('#order-actions-heading')
    expect(await panelText(admin, 'order-actions-heading')).toContain('StatusPaid')
    await admin.type('#hold-reason', 'We need a copy of your deed poll.')
    await press(admin, 'Put on hold')
    await statusSays(admin, 'order-actions-heading', 'On hold: the learner has been emailed the reason.')
    expect(await orderOf(order.id)).toMatchObject({ status: 'on-hold', holdReason: 'We need a copy of your deed poll.' })
    await smtp.waitFor(EMAIL, /Your order is on hold/)

    await visitPage(admin, page)
    await press(admin, 'Release the hold')
    await statusSays(admin, 'order-actions-heading', 'Released')
    expect((await orderOf(order.id)).status).toBe('paid')
    await smtp.waitFor(EMAIL, /Your order is no longer on hold/)

    await visitPage(admin, page)
    await admin.type('#cancel-reason', 'Ordered twice by mistake.')
    await press(admin, 'Cancel the order')
    const question = await admin.waitForSelector('[role=alertdialog]')
    expect(await question!.evaluate((el) => (el.textContent ?? '').replace(/\s+/g, ' '))).toContain(
      `Cancel ${order.orderNumber}? It will not be printed or posted, and the learner is emailed the reason: “Ordered twice by mistake.”. Cancelling does not refund: refund the payment as well.`,
    )
    // Asked, not done: going back changes nothing.
    expect((await orderOf(order.id)).status).toBe('paid')
    await press(admin, 'No, go back')
    await admin.waitForFunction(() => !document.querySelector('[role=alertdialog]'))
    expect((await orderOf(order.id)).status).toBe('paid')
    await press(admin, 'Cancel the order')
    await press(admin, 'Yes, cancel the order')
    await statusSays(admin, 'order-actions-heading', 'Cancelled: the learner has been emailed.')
    expect((await orderOf(order.id)).status).toBe('cancelled')
    expect((await smtp.waitFor(EMAIL, /Your order has been cancelled/)).text).toContain('Ordered twice by mistake.')
    await admin.screenshot({ path: join(tmpdir(), 'store-admin-order.png'), fullPage: true })
  })
})

describe('a print batch in the admin', { timeout: 300_000 }, () => {
  /** A new batch made in the admin's form, its orders chosen in the relationship box. */
  async function newBatch(orders: Order[]): Promise<PrintBatch> {
    await visitPage(admin, `${server.url}/admin/collections/print-batches/create`)
    for (const order of orders) {
      await admin.click('#field-orders .rs__control')
      await admin.type('#field-orders input', order.orderNumber)
      const option = await admin.waitForSelector(`xpath/.//*[contains(@class, "rs__option") and contains(normalize-space(), "${order.orderNumber}")]`)
      await option!.click()
    }
    await Promise.all([admin.waitForFunction(() => /\/print-batches\/\d+$/.test(location.pathname), { timeout: 60_000 }), admin.click('#action-save')])
    const id = Number(new URL(admin.url()).pathname.split('/').pop())
    return (await t.payload.findByID({ collection: 'print-batches', id, ...system })) as PrintBatch
  }

  it('is made of the chosen orders, marked printed (each learner emailed), then dispatched with the tracking numbers typed', async () => {
    const orders = [await paidOrder(), await paidOrder()]
    const batch = await newBatch(orders)
    expect(batch.orders).toEqual(orders.map((o) => o.id))
    expect(batch.batchNumber).toMatch(/^PB-\d{8}-\d{3}$/)
    await admin.waitForSelector('#batch-actions-heading')
    await press(admin, 'Mark printed')
    await statusSays(admin, 'batch-actions-heading', 'Marked printed: 2 orders.')
    for (const order of orders) expect((await orderOf(order.id)).status).toBe('printed')
    await smtp.waitFor(EMAIL, /Your documents are printed/)

    await visitPage(admin, `${server.url}/admin/collections/print-batches/${batch.id}`)
    const box = await admin.waitForSelector('#tracking-numbers')
    // The box offers "ORD-…, " for each order; a whole line typed after the first is refused, quoted.
    await admin.waitForFunction(() => (document.querySelector('#tracking-numbers') as HTMLTextAreaElement).value.includes('ORD-'))
    const template = await box!.evaluate((el) => (el as HTMLTextAreaElement).value)
    expect(template).toBe(orders.map((o) => `${o.orderNumber}, `).join('\n'))
    await box!.click()
    await admin.keyboard.down('Control')
    await admin.keyboard.press('Home')
    await admin.keyboard.up('Control')
    await admin.keyboard.press('End')
    await admin.keyboard.type(`${orders[0]!.orderNumber}, RM123456785GB`)
    await press(admin, 'Mark dispatched')
    await statusSays(admin, 'batch-actions-heading', `This line is not “order number, tracking number”: “${orders[0]!.orderNumber}, ${orders[0]!.orderNumber}, RM123456785GB”`)
    for (const order of orders) expect((await orderOf(order.id)).status).toBe('printed')

    await box!.evaluate((el) => ((el as HTMLTextAreaElement).select(), undefined))
    await admin.keyboard.press('Backspace')
    await admin.keyboard.type(`${orders[0]!.orderNumber}, RM123456785GB\n${orders[1]!.orderNumber}, RM111111115GB`)
    await press(admin, 'Mark dispatched')
    await statusSays(admin, 'batch-actions-heading', 'Dispatched: 2 learners have been emailed their tracking number.')
    expect(await orderOf(orders[0]!.id)).toMatchObject({ status: 'dispatched', trackingNumber: 'RM123456785GB' })
    expect(await orderOf(orders[1]!.id)).toMatchObject({ status: 'dispatched', trackingNumber: 'RM111111115GB' })
    await admin.screenshot({ path: join(tmpdir(), 'store-admin-batch.png'), fullPage: true })
  })

  it('is dispatched with the tracking numbers uploaded as a CSV file', async () => {
    const order = await paidOrder()
    const batch = await newBatch([order])
    await admin.waitForSelector('#batch-actions-heading')
    await press(admin, 'Mark printed')
    await statusSays(admin, 'batch-actions-heading', 'Marked printed: 1 order.')
    await visitPage(admin, `${server.url}/admin/collections/print-batches/${batch.id}`)
    const file = join(tmpdir(), `tracking-${batch.id}.csv`)
    writeFileSync(file, `Order number,Tracking number\r\n${order.orderNumber},RM222222225GB\r\n`)
    const input = (await admin.waitForSelector('#tracking-file')) as ElementHandle<HTMLInputElement>
    await input.uploadFile(file)
    await press(admin, 'Mark dispatched')
    await statusSays(admin, 'batch-actions-heading', 'Dispatched: 1 learner has been emailed their tracking number.')
    expect(await orderOf(order.id)).toMatchObject({ status: 'dispatched', trackingNumber: 'RM222222225GB' })
    expect((await smtp.waitFor(EMAIL, /Your order is on its way/)).text).toBeTruthy()
  })
})
