import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { parse } from 'csv-parse/sync'
import { handleEndpoints } from 'payload'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { deliverDueEmails } from '../../src/plugins/email-delivery'
import { payloadPool } from '../../src/collections/sql'
import { addToBasket, finishTestPayment, placeOrder, quoteCheckout, reconcilePayments, settlePayment, startPayment } from '../../src/plugins/store'
import { FULFILMENT_VIEWS } from '../../src/plugins/store/admin/fulfilmentViews'
import { renderLabels } from '../../src/plugins/store/labels'
import type { Order, PrintBatch } from '../../src/payload-types'
import { EMAILS, PASSWORD, ROLES, type Fixtures, type Role } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'
import { pageCount, pdfText } from '../helpers/pdf'
import { startSmtpServer } from '../helpers/smtp'

/**
 * Support staff fulfil orders through the store's REST endpoints, as the admin's panels call
 * them: print batches (printer's CSV, labels, printed, dispatched with tracking), holds,
 * cancellations and refunds (recorded in test-payment mode, through Stripe's API with its keys).
 * Orders are made the learner's way: basket, checkout, test payment.
 */
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let t: TestPayloadWithFixtures
let f: Fixtures
let deliveryOptionId: number
const tokens = new Map<Role, string>()
const system = { overrideAccess: true, depth: 0 } as const
const TRACKING_PAGE = 'https://www.royalmail.com/track-your-item#/tracking-results/{tracking}'
const stripe = setupServer()

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await startTestPayloadWithFixtures({ SMTP_URL: smtp.url })
  f = t.fixtures
  for (const role of ROLES) {
    if (role === 'anonymous') continue
    const { collection, email } = EMAILS[role]
    tokens.set(role, (await t.payload.login({ collection, data: { email, password: PASSWORD } })).token!)
  }
  const option = await t.payload.create({ collection: 'delivery-options', data: { name: 'Royal Mail Signed For 1st class', region: 'uk', pricePence: 350, trackingUrl: TRACKING_PAGE }, ...system })
  deliveryOptionId = option.id
  stripe.listen({ onUnhandledRequest: 'bypass' })
})
afterAll(async () => {
  stripe.close()
  await t?.close()
  await smtp?.close()
})
beforeEach(async () => {
  await deliverDueEmails(t.payload)
  smtp.received.length = 0
})
afterEach(() => stripe.resetHandlers())

type Answer = { status: number; type: string; disposition: string; bytes: Buffer; json: Record<string, unknown> }

/** A REST call as `role`, through Payload's own request handling (as the admin's panels make it). */
async function call(role: Role, method: string, path: string, body?: unknown): Promise<Answer> {
  const token = tokens.get(role)
  const form = body instanceof FormData
  const request = new Request(`http://localhost:3000/api${path}`, {
    method,
    headers: { ...(token ? { Authorization: `JWT ${token}` } : {}), ...(body && !form ? { 'Content-Type': 'application/json' } : {}) },
    body: form ? body : body ? JSON.stringify(body) : undefined,
  })
  const response = await handleEndpoints({ config: t.payload.config, request })
  const bytes = Buffer.from(await response.arrayBuffer())
  const type = response.headers.get('content-type') ?? ''
  return { status: response.status, type, disposition: response.headers.get('content-disposition') ?? '', bytes, json: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : {} }
}
const support = (method: string, path: string, body?: unknown) => call('support', method, path, body)
const idOf = (value: number | { id: number }) => (typeof value === 'object' ? value.id : value)
const errorOf = (answer: Answer) => String(answer.json.error ?? (answer.json.errors as Array<{ message: string }> | undefined)?.[0]?.message)

const learner = async (who: 'a' | 'b') => ({ ...(await t.payload.findByID({ collection: 'accounts', id: f[who].account.id, ...system })), collection: 'accounts' as const })
const orderOf = (id: number) => t.payload.findByID({ collection: 'orders', id, ...system }) as Promise<Order>
const batchOf = (id: number) => t.payload.findByID({ collection: 'print-batches', id, ...system }) as Promise<PrintBatch>
const timelineOf = async (id: number) => (await t.payload.find({ collection: 'order-events', where: { order: { equals: id } }, sort: 'at', limit: 100, ...system })).docs.map((e) => `${e.event}:${e.party}${e.note ? `:${e.note}` : ''}`)
const auditOf = async (entity: string, id: number) =>
  (await t.payload.find({ collection: 'audit-log', where: { entity: { equals: entity }, entityId: { equals: String(id) } }, sort: 'createdAt', limit: 100, ...system })).docs.map((e) => e.action)

/** What arrived at the mail server since the test began, once delivered. */
async function mail() {
  await deliverDueEmails(t.payload)
  return smtp.received.map((m) => ({ to: m.to, subject: m.subject, text: m.text }))
}

const ADDRESSES = {
  a: { label: '', fullName: 'Ada Lovelace', line1: '12 St James’s Square', line2: 'Second floor', town: 'London', county: '', postcode: 'SW1Y 4JH', country: 'GB' },
  b: { label: '', fullName: 'Łucja Wąsowska', line1: 'ul. Marszałkowska 140', line2: '', town: 'Warszawa', county: 'Mazowieckie', postcode: '00-061', country: 'PL' },
}

let made = 0
/** A paid order of learner A's or B's, the learner's way: a product of its own in the basket, checkout, test payment. */
async function paidOrder(who: 'a' | 'b' = 'a', delivery: (typeof ADDRESSES)['a'] = ADDRESSES.a): Promise<Order> {
  made += 1
  const product = await t.payload.create({ collection: 'products', data: { name: `Duplicate certificate ${made}`, code: `DUP-${made}`, pricePence: 3050, vatRatePercent: 0 }, ...system })
  const user = await learner(who)
  expect(await addToBasket(t.payload, user, { product: product.id, achievement: f[who].achievement.id, reason: 'lost' })).toEqual({ ok: true })
  const draft = { billing: ADDRESSES.a, delivery, deliveryOption: delivery.country === 'GB' ? deliveryOptionId : await internationalOption() }
  const quote = await quoteCheckout(t.payload, user, draft)
  if (!quote.ok) throw new Error(quote.error)
  const placed = await placeOrder(t.payload, user, draft, quote.quote.totalPence)
  if (!placed.ok) throw new Error(placed.error)
  expect(await startPayment(t.payload, user, placed.orderId)).toMatchObject({ ok: true })
  expect(await finishTestPayment(t.payload, user, placed.orderId, true)).toEqual({ ok: true, outcome: 'paid' })
  return orderOf(placed.orderId)
}
let international: number | null = null
async function internationalOption() {
  international ??= (await t.payload.create({ collection: 'delivery-options', data: { name: 'International Courier', region: 'international', pricePence: 1225, trackingUrl: 'https://courier.example/track?n={tracking}' }, ...system })).id
  return international
}

/** Everything a refused batch or order change could have touched. */
async function snapshot(orderIds: number[], batchId?: number) {
  const orders = await Promise.all(orderIds.map(orderOf))
  return JSON.stringify({
    orders: orders.map(({ status, trackingNumber, dispatchedAt, refundedPence, holdReason, heldFrom, printBatch, updatedAt }) => ({ status, trackingNumber, dispatchedAt, refundedPence, holdReason, heldFrom, printBatch, updatedAt })),
    batch: batchId ? await batchOf(batchId) : null,
    batches: (await t.payload.count({ collection: 'print-batches', ...system })).totalDocs,
    events: (await t.payload.count({ collection: 'order-events', ...system })).totalDocs,
    audit: (await t.payload.count({ collection: 'audit-log', ...system })).totalDocs,
    outbox: (await t.payload.count({ collection: 'email-outbox', ...system })).totalDocs,
  })
}

async function newBatch(orders: Order[]): Promise<PrintBatch> {
  const answer = await support('POST', '/print-batches', { orders: orders.map((o) => o.id) })
  expect(answer.status, JSON.stringify(answer.json)).toBe(201)
  return (answer.json as { doc: PrintBatch }).doc
}

async function printedBatch(orders: Order[]) {
  const batch = await newBatch(orders)
  expect((await support('POST', `/print-batches/${batch.id}/printed`)).status).toBe(200)
  return batch
}

describe('print batches', () => {
  it('are made of paid orders in no other batch, numbered when saved, and audited', async () => {
    const [first, second] = [await paidOrder('a'), await paidOrder('b', ADDRESSES.b)]
    const batch = await newBatch([first!, second!])
    expect(batch.batchNumber).toMatch(new RegExp(`^PB-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-\\d{3}$`))
    expect(batch.status).toBe('open')
    expect(batch.orders.map(idOf)).toEqual([first!.id, second!.id])
    expect((await orderOf(first!.id)).printBatch).toBe(batch.id)
    expect((await orderOf(second!.id)).printBatch).toBe(batch.id)
    expect(await auditOf('print-batches', batch.id)).toEqual(['print-batches.create'])
    // The next one gets the next number; a batch's number cannot be changed afterwards.
    const next = await newBatch([await paidOrder('a')])
    expect(Number(next.batchNumber!.slice(-3))).toBe(Number(batch.batchNumber!.slice(-3)) + 1)
    const renamed = await support('PATCH', `/print-batches/${batch.id}`, { batchNumber: 'PB-MINE' })
    expect(renamed.status).toBe(200)
    expect((await batchOf(batch.id)).batchNumber).toBe(batch.batchNumber)
  })

  it('refuse an order awaiting payment or already in a batch, by its number, and make nothing', async () => {
    const paid = await paidOrder('a')
    const unpaid = f.a.order as unknown as Order
    const before = await snapshot([paid.id, unpaid.id])
    const refused = await support('POST', '/print-batches', { orders: [paid.id, unpaid.id] })
    expect(refused.status).toBe(400)
    expect(errorOf(refused)).toBe(`Only paid orders in no other batch can be batched: ${unpaid.orderNumber}.`)
    expect(await snapshot([paid.id, unpaid.id])).toBe(before)

    const batched = await paidOrder('b')
    await newBatch([batched])
    const again = await snapshot([paid.id, batched.id])
    const twice = await support('POST', '/print-batches', { orders: [paid.id, batched.id] })
    expect(twice.status).toBe(400)
    expect(errorOf(twice)).toBe(`Only paid orders in no other batch can be batched: ${batched.orderNumber}.`)
    expect(await snapshot([paid.id, batched.id])).toBe(again)
    expect(errorOf(await support('POST', '/print-batches', { orders: [] }))).toMatch(/at least one|required/i)
  })

  it('give the printer a CSV row per item: order number, what to print, and the delivery address', async () => {
    const uk = await paidOrder('a')
    const abroad = await paidOrder('b', { ...ADDRESSES.b, fullName: '=HYPERLINK("https://evil.example","Click")' })
    const batch = await newBatch([uk, abroad])
    const csv = await support('GET', `/print-batches/${batch.id}/printer.csv`)
    expect(csv.status).toBe(200)
    expect(csv.type).toBe('text/csv; charset=utf-8')
    expect(csv.disposition).toBe(`attachment; filename="${batch.batchNumber}.csv"`)
    const rows = parse(csv.bytes.toString('utf8')) as string[][]
    const item = (o: Order) => o.items[0]!.description
    expect(rows).toEqual(
      [
        ['Order', 'Product code', 'Item', 'Reason', 'Name', 'Address line 1', 'Address line 2', 'Town', 'County', 'Postcode', 'Country'],
        [uk.orderNumber, `DUP-${made - 1}`, item(uk), 'lost', 'Ada Lovelace', '12 St James’s Square', 'Second floor', 'London', '', 'SW1Y 4JH', 'United Kingdom'],
        // A name a spreadsheet would run as a formula is printed as the text it is.
        [abroad.orderNumber, `DUP-${made}`, item(abroad), 'lost', `'=HYPERLINK("https://evil.example","Click")`, 'ul. Marszałkowska 140', '', 'Warszawa', 'Mazowieckie', '00-061', 'Poland'],
      ].sort((x, y) => (x[0] === 'Order' ? -1 : y[0] === 'Order' ? 1 : x[0]!.localeCompare(y[0]!))),
    )
  })

  it('give a PDF of delivery labels: one label per order with its address, country and order number', async () => {
    const orders = [await paidOrder('a'), await paidOrder('b', ADDRESSES.b)]
    const batch = await newBatch(orders)
    const pdf = await support('GET', `/print-batches/${batch.id}/labels.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.type).toBe('application/pdf')
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const text = pdfText(pdf.bytes)
    expect(text.split('\n').filter((line) => /^ORD-/.test(line.trim())).map((line) => line.trim()).sort()).toEqual(orders.map((o) => o.orderNumber).sort())
    expect(text).toContain('Ada Lovelace\n12 St James’s Square\nSecond floor\nLondon\nSW1Y 4JH\nUnited Kingdom')
    expect(text).toContain('Łucja Wąsowska\nul. Marszałkowska 140\nWarszawa\nMazowieckie\n00-061\nPoland')
  })

  it('labels fill A4 sheets of 14, each order once, and a long address line is wrapped, never cut', async () => {
    const long = 'Flat 12, The Old Granary Building, 145 Upper Riverside Industrial Estate Road'
    const orders = Array.from({ length: 15 }, (_, i) => ({ id: i + 1, orderNumber: `ORD-TEST-${String(i).padStart(4, '0')}`, deliveryAddress: { ...ADDRESSES.a, line1: i === 14 ? long : ADDRESSES.a.line1 } })) as unknown as Order[]
    const pdf = await renderLabels(orders)
    expect(pageCount(pdf)).toBe(2)
    expect(pdfText(pdf, { page: 1 }).match(/ORD-TEST-\d{4}/g)).toEqual(orders.slice(0, 14).map((o) => o.orderNumber))
    expect(pdfText(pdf, { page: 2 }).match(/ORD-TEST-\d{4}/g)).toEqual(['ORD-TEST-0014'])
    expect(pdfText(pdf, { page: 2 }).replace(/\s+/g, ' ')).toContain(long)
  })

  it('marked printed: every order is printed, with its timeline line and audit entry; only once', async () => {
    const orders = [await paidOrder('a'), await paidOrder('b')]
    const batch = await newBatch(orders)
    const printed = await support('POST', `/print-batches/${batch.id}/printed`)
    expect(printed).toMatchObject({ status: 200, json: { ok: true, orders: 2 } })
    for (const order of orders) {
      expect((await orderOf(order.id)).status).toBe('printed')
      expect((await timelineOf(order.id)).at(-1)).toBe('printed:staff')
      expect((await auditOf('orders', order.id)).at(-1)).toBe('orders.printed')
    }
    expect(await batchOf(batch.id)).toMatchObject({ status: 'printed', printedAt: expect.any(String) })
    const sent = (await mail()).filter((m) => m.subject === 'Your documents are printed')
    expect(sent.map((m) => m.to).sort()).toEqual(['learner-a@fixture.test', 'learner-b@fixture.test'])
    for (const order of orders) expect(sent.some((m) => m.text.includes(`The documents of order ${order.orderNumber} are printed.`))).toBe(true)
    const before = await snapshot(orders.map((o) => o.id), batch.id)
    expect(await support('POST', `/print-batches/${batch.id}/printed`)).toMatchObject({ status: 400, json: { error: 'This batch has been printed already.' } })
    expect(await snapshot(orders.map((o) => o.id), batch.id)).toBe(before)
  })
})

describe('dispatching a printed batch', () => {
  async function expectDispatched(orders: Order[], tracking: string[], batchId: number) {
    for (const [i, order] of orders.entries()) {
      expect(await orderOf(order.id)).toMatchObject({ status: 'dispatched', trackingNumber: tracking[i], dispatchedAt: expect.any(String) })
      expect((await timelineOf(order.id)).at(-1)).toBe(`dispatched:staff:Tracking number ${tracking[i]}`)
      expect((await auditOf('orders', order.id)).at(-1)).toBe('orders.dispatched')
    }
    expect(await batchOf(batchId)).toMatchObject({ status: 'dispatched', dispatchedAt: expect.any(String) })
    const sent = await mail()
    expect(sent.map((m) => `${m.to}: ${m.subject}`).sort()).toEqual(['learner-a@fixture.test: Your order is on its way', 'learner-b@fixture.test: Your order is on its way'])
    for (const [i, order] of orders.entries()) {
      const to = order.account === f.a.account.id ? 'learner-a@fixture.test' : 'learner-b@fixture.test'
      const text = sent.find((m) => m.to === to)!.text
      expect(text).toContain(`Order ${order.orderNumber} has been posted. Its tracking number is ${tracking[i]}.`)
      expect(text).toContain(`Track your delivery: ${TRACKING_PAGE.replace('{tracking}', tracking[i]!)}`)
    }
  }

  it('with tracking numbers typed, one order a line: each learner is emailed theirs with its tracking link', async () => {
    const orders = [await paidOrder('a'), await paidOrder('b')]
    const batch = await printedBatch(orders)
    await mail()
    smtp.received.length = 0
    const tracking = ['RM123456785GB', 'RM987654326GB']
    const answer = await support('POST', `/print-batches/${batch.id}/dispatch`, { tracking: `Order, Tracking\n${orders[0]!.orderNumber}, ${tracking[0]}\n\n${orders[1]!.orderNumber},${tracking[1]}\n` })
    expect(answer).toMatchObject({ status: 200, json: { ok: true, orders: 2 } })
    await expectDispatched(orders, tracking, batch.id)
  })

  it('with tracking numbers uploaded as a CSV file', async () => {
    const orders = [await paidOrder('a'), await paidOrder('b')]
    const batch = await printedBatch(orders)
    await mail()
    smtp.received.length = 0
    const tracking = ['RM111111115GB', 'RM222222225GB']
    const form = new FormData()
    form.append('file', new File([`\uFEFFOrder number,Tracking number\r\n${orders[1]!.orderNumber},${tracking[1]}\r\n${orders[0]!.orderNumber},${tracking[0]}\r\n`], 'tracking.csv', { type: 'text/csv' }))
    const answer = await support('POST', `/print-batches/${batch.id}/dispatch`, form)
    expect(answer).toMatchObject({ status: 200, json: { ok: true, orders: 2 } })
    await expectDispatched(orders, tracking, batch.id)
  })

  it('changes nothing at all when one order has no tracking number, an order is not in the batch, or the batch is not printed', async () => {
    const orders = [await paidOrder('a'), await paidOrder('b')]
    const open = await newBatch([await paidOrder('a')])
    const batch = await printedBatch(orders)
    const ids = orders.map((o) => o.id)
    await mail()
    smtp.received.length = 0
    const before = await snapshot(ids, batch.id)
    const [first, second] = orders.map((o) => o.orderNumber)
    const tries: Array<[unknown, number, string]> = [
      [{ tracking: `${first}, RM1` }, 400, `Give a tracking number for ${second}.`],
      [{ tracking: `${first}, RM1\n${second}` }, 400, `This line is not “order number, tracking number”: “${second}”. Nothing was dispatched.`],
      [{ tracking: `${first}, RM1\n${second}, RM2\nORD-NOPE-NOPE, RM3` }, 400, 'Not in this batch: ORD-NOPE-NOPE.'],
      [{ tracking: '' }, 400, 'Give a tracking number for each order: “order number, tracking number” per line.'],
    ]
    for (const [body, status, error] of tries) {
      expect(await support('POST', `/print-batches/${batch.id}/dispatch`, body), JSON.stringify(body)).toMatchObject({ status, json: { error } })
      expect(await snapshot(ids, batch.id)).toBe(before)
    }
    const notPrinted = await support('POST', `/print-batches/${open.id}/dispatch`, { tracking: `${(await orderOf(idOf(open.orders[0]!))).orderNumber}, RM1` })
    expect(notPrinted).toMatchObject({ status: 400, json: { error: 'Mark the batch printed before dispatching it.' } })
    expect(await mail()).toEqual([])
  })
})

describe('an order’s actions', () => {
  const act = (id: number, body: Record<string, unknown>) => support('POST', `/orders/${id}/act`, body)

  it('on hold with a reason the learner is emailed, then released back to where it was (paid, or printed)', async () => {
    const order = await paidOrder('a')
    await mail()
    smtp.received.length = 0
    expect(await act(order.id, { action: 'hold' })).toMatchObject({ status: 400, json: { error: 'Say why the order is on hold: the learner sees it.' } })
    expect(await act(order.id, { action: 'hold', reason: 'We need a copy of your deed poll for the name change.' })).toMatchObject({ status: 200, json: { ok: true, status: 'on-hold' } })
    expect(await orderOf(order.id)).toMatchObject({ status: 'on-hold', holdReason: 'We need a copy of your deed poll for the name change.', heldFrom: 'paid' })
    expect((await timelineOf(order.id)).at(-1)).toBe('on-hold:staff:We need a copy of your deed poll for the name change.')
    const [held, ...others] = await mail()
    expect(others).toEqual([])
    expect(held).toMatchObject({ to: 'learner-a@fixture.test', subject: 'Your order is on hold' })
    expect(held!.text).toContain(`We have put order ${order.orderNumber} on hold: We need a copy of your deed poll for the name change.`)
    smtp.received.length = 0
    expect(await act(order.id, { action: 'release' })).toMatchObject({ status: 200, json: { status: 'paid' } })
    expect(await orderOf(order.id)).toMatchObject({ status: 'paid', holdReason: null, heldFrom: null })
    const [released, ...more] = await mail()
    expect(more).toEqual([])
    expect(released).toMatchObject({ to: 'learner-a@fixture.test', subject: 'Your order is no longer on hold' })
    expect(released!.text).toContain(`Order ${order.orderNumber} is no longer on hold. We will print your documents and post them.`)
    expect(await auditOf('orders', order.id)).toEqual(expect.arrayContaining(['orders.on-hold', 'orders.released']))

    const printed = await paidOrder('b')
    await printedBatch([printed])
    expect((await act(printed.id, { action: 'hold', reason: 'Address to check' })).status).toBe(200)
    expect(await act(printed.id, { action: 'release' })).toMatchObject({ status: 200, json: { status: 'printed' } })
    expect(await act(printed.id, { action: 'release' })).toMatchObject({ status: 400, json: { error: 'The order is not on hold.' } })
  })

  it('cancelled with a reason the learner is emailed; a cancelled order cannot be held', async () => {
    const order = await paidOrder('a')
    await mail()
    smtp.received.length = 0
    expect(await act(order.id, { action: 'cancel', reason: 'Ordered twice by mistake.' })).toMatchObject({ status: 200, json: { status: 'cancelled' } })
    expect((await timelineOf(order.id)).at(-1)).toBe('cancelled:staff:Ordered twice by mistake.')
    const [cancelled, ...others] = await mail()
    expect(others).toEqual([])
    expect(cancelled).toMatchObject({ to: 'learner-a@fixture.test', subject: 'Your order has been cancelled' })
    expect(cancelled!.text).toContain(`Order ${order.orderNumber} has been cancelled. Ordered twice by mistake. If you paid, we will refund you and email you when we do.`)
    const before = await snapshot([order.id])
    expect(await act(order.id, { action: 'hold', reason: 'x' })).toMatchObject({ status: 400, json: { error: 'An order that is cancelled cannot be put on hold.' } })
    expect(await snapshot([order.id])).toBe(before)
  })

  it('refunded in part, then in full, in test-payment mode: recorded, emailed, and never more than was paid', async () => {
    const order = await paidOrder('a')
    expect(order.totalPence).toBe(3400)
    await mail()
    smtp.received.length = 0
    expect(await act(order.id, { action: 'refund', amountPence: 1000 })).toMatchObject({ status: 200, json: { status: 'partly-refunded' } })
    expect(await orderOf(order.id)).toMatchObject({ status: 'partly-refunded', refundedPence: 1000 })
    const before = await snapshot([order.id])
    for (const [amountPence, error] of [
      [2401, 'At most £24.00 is left to refund.'],
      [0, 'Give the amount to refund in whole pence, more than 0.'],
      ['12.50', 'Give the amount to refund in whole pence, more than 0.'],
    ] as const)
      expect(await act(order.id, { action: 'refund', amountPence }), String(amountPence)).toMatchObject({ status: 400, json: { error } })
    expect(await snapshot([order.id])).toBe(before)
    expect(await act(order.id, { action: 'refund', amountPence: 2400 })).toMatchObject({ status: 200, json: { status: 'refunded' } })
    expect(await orderOf(order.id)).toMatchObject({ status: 'refunded', refundedPence: 3400 })
    expect((await timelineOf(order.id)).slice(-2)).toEqual(['partly-refunded:staff:£10.00 refunded in all', 'refunded:staff:£34.00 refunded in all'])
    const sent = await mail()
    expect(sent.map((m) => `${m.to}: ${m.subject}`)).toEqual(['learner-a@fixture.test: Your order has been refunded', 'learner-a@fixture.test: Your order has been refunded'])
    expect(sent.filter((m) => m.text.includes(`We have refunded £10.00 of order ${order.orderNumber}.`))).toHaveLength(1)
    expect(sent.filter((m) => m.text.includes(`We have refunded order ${order.orderNumber} in full: £34.00.`))).toHaveLength(1)
    expect(await act(order.id, { action: 'refund', amountPence: 1 })).toMatchObject({ status: 400 })
  })

  describe('with Stripe keys set', () => {
    const keys = { STRIPE_SECRET_KEY: 'sk_test_staff', STRIPE_WEBHOOK_SECRET: 'whsec_staff', STRIPE_MAX_NETWORK_RETRIES: '0' }
    beforeEach(() => void Object.assign(process.env, keys))
    afterEach(() => {
      for (const key of Object.keys(keys)) delete process.env[key]
    })

    /** An order paid through Stripe Checkout (msw stands in for Stripe's API). */
    async function paidThroughStripe(): Promise<Order> {
      // Placed with the keys set, as the learner would.
      made += 1
      const product = await t.payload.create({ collection: 'products', data: { name: `Duplicate transcript ${made}`, code: `DUP-${made}`, pricePence: 3050, vatRatePercent: 0 }, ...system })
      const user = await learner('a')
      await addToBasket(t.payload, user, { product: product.id, achievement: f.a.achievement.id, reason: 'lost' })
      const draft = { billing: ADDRESSES.a, delivery: ADDRESSES.a, deliveryOption: deliveryOptionId }
      const placed = await placeOrder(t.payload, user, draft, 3400)
      if (!placed.ok) throw new Error(placed.error)
      stripe.use(http.post('https://api.stripe.com/v1/checkout/sessions', () => HttpResponse.json({ id: `cs_test_${placed.orderId}`, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/cs_test_${placed.orderId}` })))
      expect(await startPayment(t.payload, user, placed.orderId)).toMatchObject({ ok: true })
      expect(await settlePayment(t.payload, { type: 'paid', orderId: placed.orderId, reference: `pi_test_${placed.orderId}`, amountPence: 3400, currency: 'gbp' })).toBe('paid')
      return orderOf(placed.orderId)
    }

    it('a refund is asked of Stripe’s refund API, once per amount (Idempotency-Key), then recorded', async () => {
      const order = await paidThroughStripe()
      expect(order).toMatchObject({ paymentMode: 'stripe', status: 'paid' })
      const asked: Array<{ key: string | null; body: Record<string, string> }> = []
      stripe.use(
        http.post('https://api.stripe.com/v1/refunds', async ({ request }) => {
          asked.push({ key: request.headers.get('idempotency-key'), body: Object.fromEntries(new URLSearchParams(await request.text())) })
          return HttpResponse.json({ id: `re_${asked.length}`, object: 'refund', amount: 1200, status: 'succeeded' })
        }),
      )
      expect(await act(order.id, { action: 'refund', amountPence: 1200 })).toMatchObject({ status: 200, json: { status: 'partly-refunded' } })
      expect(asked).toEqual([{ key: `order-${order.id}-refund-to-1200`, body: { payment_intent: `pi_test_${order.id}`, amount: '1200', 'metadata[orderId]': String(order.id) } }])
      expect(await orderOf(order.id)).toMatchObject({ status: 'partly-refunded', refundedPence: 1200 })
      expect(await act(order.id, { action: 'refund', amountPence: 2200 })).toMatchObject({ status: 200, json: { status: 'refunded' } })
      expect(asked[1]).toMatchObject({ key: `order-${order.id}-refund-to-3400`, body: { amount: '2200' } })
    })

    it('a refund Stripe refuses changes nothing, and staff see Stripe’s reason', async () => {
      const order = await paidThroughStripe()
      await mail()
      smtp.received.length = 0
      stripe.use(
        http.post('https://api.stripe.com/v1/refunds', () =>
          HttpResponse.json({ error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Charge ch_1 has already been refunded.' } }, { status: 400 }),
        ),
      )
      const before = await snapshot([order.id])
      expect(await act(order.id, { action: 'refund', amountPence: 3400 })).toMatchObject({ status: 502, json: { error: 'Stripe refused the refund: Charge ch_1 has already been refunded.' } })
      expect(await snapshot([order.id])).toBe(before)
      expect(await mail()).toEqual([])
    })
  })
})

describe('orders to fulfil', () => {
  it('the admin menu’s views are the orders list filtered: paid and in no batch, printed, on hold', async () => {
    const waiting = await paidOrder('a')
    const batched = await paidOrder('b')
    await newBatch([batched])
    const list = async (label: string) => {
      const view = FULFILMENT_VIEWS.find((v) => v.label === label)!
      const answer = await support('GET', `/orders?${view.query}&limit=1000&depth=0`)
      expect(answer.status).toBe(200)
      return (answer.json.docs as Order[]).map((o) => o.id)
    }
    const toFulfil = await list('Orders to fulfil')
    expect(toFulfil).toContain(waiting.id)
    expect(toFulfil).not.toContain(batched.id)
    expect(toFulfil).not.toContain(f.a.order.id)
    for (const id of toFulfil) expect((await orderOf(id)).status).toBe('paid')
    expect(await list('Printed, to dispatch')).not.toContain(waiting.id)
  })
})

describe('who may fulfil orders', () => {
  it.each(['learner', 'thirdParty', 'content', 'anonymous'] as const)('%s: refused by every staff endpoint, and nothing changes', async (role) => {
    const order = await paidOrder('a')
    const batch = await newBatch([order])
    const other = await paidOrder('b')
    const before = await snapshot([order.id, other.id], batch.id)
    const tries: Array<[string, string, unknown]> = [
      ['POST', `/orders/${order.id}/act`, { action: 'hold', reason: 'Mine now' }],
      ['POST', `/orders/${order.id}/act`, { action: 'refund', amountPence: 3400 }],
      ['GET', `/print-batches/${batch.id}/printer.csv`, undefined],
      ['GET', `/print-batches/${batch.id}/labels.pdf`, undefined],
      ['POST', `/print-batches/${batch.id}/printed`, undefined],
      ['POST', `/print-batches/${batch.id}/dispatch`, { tracking: `${order.orderNumber}, RM1` }],
      ['POST', '/print-batches', { orders: [other.id] }],
    ]
    for (const [method, path, body] of tries) {
      const answer = await call(role, method, path, body)
      expect([401, 403], `${method} ${path}: ${answer.status}`).toContain(answer.status)
      expect(answer.bytes.toString('utf8')).not.toContain('Ada Lovelace')
    }
    expect(await snapshot([order.id, other.id], batch.id)).toBe(before)
  })
})

describe('tracking numbers', () => {
  it('a line that is not “order number, tracking number” is refused, quoted; an order number given as the tracking number is refused; nothing is emailed', async () => {
    const orders = [await paidOrder('a'), await paidOrder('b')]
    const batch = await printedBatch(orders)
    await mail()
    smtp.received.length = 0
    const ids = orders.map((o) => o.id)
    const before = await snapshot(ids, batch.id)
    const [first, second] = orders.map((o) => o.orderNumber)
    // The box comes pre-filled with "ORD-…, "; a whole line typed after it.
    const typedAfter = `${first}, ${first}, RM123456785GB`
    const tries: Array<[string, string]> = [
      [`${typedAfter}\n${second}, RM111111115GB`, `This line is not “order number, tracking number”: “${typedAfter}”. Nothing was dispatched.`],
      [`${first}, ${first}\n${second}, RM111111115GB`, `${first}: “${first}” is not a Royal Mail tracking number: two letters, nine digits and GB, for example RM123456785GB.`],
      [`${first}, RM123456784GB\n${second}, RM111111115GB`, `${first}: “RM123456784GB” is not a Royal Mail tracking number: two letters, nine digits and GB, for example RM123456785GB.`],
    ]
    for (const [tracking, error] of tries) {
      expect(await support('POST', `/print-batches/${batch.id}/dispatch`, { tracking }), tracking).toMatchObject({ status: 400, json: { error } })
      expect(await snapshot(ids, batch.id)).toBe(before)
    }
    expect(await mail()).toEqual([])
    // Typed with spaces and in lower case, it is stored as Royal Mail prints it.
    expect(await support('POST', `/print-batches/${batch.id}/dispatch`, { tracking: `${first}, rm 1234 5678 5gb\n${second}, RM111111115GB` })).toMatchObject({ status: 200 })
    expect((await orderOf(orders[0]!.id)).trackingNumber).toBe('RM123456785GB')
  })

  it('an international courier’s number: letters and digits with at least six digits', async () => {
    const order = await paidOrder('b', ADDRESSES.b)
    const batch = await printedBatch([order])
    expect(await support('POST', `/print-batches/${batch.id}/dispatch`, { tracking: `${order.orderNumber}, RM1` })).toMatchObject({
      status: 400,
      json: { error: `${order.orderNumber}: “RM1” is not a courier tracking number: 8 to 30 letters and digits, at least 6 of them digits.` },
    })
    expect(await support('POST', `/print-batches/${batch.id}/dispatch`, { tracking: `${order.orderNumber}, 1Z999AA10123456784` })).toMatchObject({ status: 200 })
    expect((await orderOf(order.id)).trackingNumber).toBe('1Z999AA10123456784')
  })

  it('support correct a dispatched order’s tracking number: checked, on the timeline and audited, and the learner emailed the right one; never by editing the field', async () => {
    const order = await paidOrder('a')
    const batch = await printedBatch([order])
    expect((await support('POST', `/print-batches/${batch.id}/dispatch`, { tracking: `${order.orderNumber}, RM111111115GB` })).status).toBe(200)
    await mail()
    smtp.received.length = 0
    const correct = (trackingNumber: string) => support('POST', `/orders/${order.id}/act`, { action: 'correct-tracking', trackingNumber })
    const before = await snapshot([order.id])
    expect(await support('PATCH', `/orders/${order.id}`, { trackingNumber: 'RM222222225GB' })).toMatchObject({ status: 200 })
    expect(await snapshot([order.id])).not.toContain('RM222222225GB')
    expect(await correct('ORD-1')).toMatchObject({ status: 400, json: { error: '“ORD-1” is not a Royal Mail tracking number: two letters, nine digits and GB, for example RM123456785GB.' } })
    expect(await correct('RM111111115GB')).toMatchObject({ status: 400, json: { error: 'The tracking number is RM111111115GB already.' } })
    expect(JSON.parse(await snapshot([order.id])).orders).toEqual(JSON.parse(before).orders.map((o: Record<string, unknown>) => ({ ...o, updatedAt: expect.any(String) })))
    expect(await mail()).toEqual([])
    expect(await correct('RM222222225GB')).toMatchObject({ status: 200 })
    expect(await orderOf(order.id)).toMatchObject({ status: 'dispatched', trackingNumber: 'RM222222225GB' })
    expect((await timelineOf(order.id)).at(-1)).toBe('tracking-corrected:staff:Tracking number RM111111115GB corrected to RM222222225GB')
    expect((await auditOf('orders', order.id)).at(-1)).toBe('orders.tracking-corrected')
    const [corrected, ...others] = await mail()
    expect(others).toEqual([])
    expect(corrected).toMatchObject({ to: 'learner-a@fixture.test', subject: 'A corrected tracking number for your order' })
    expect(corrected!.text).toContain(`The tracking number we sent you for order ${order.orderNumber} was wrong. The right one is RM222222225GB.`)
    expect(corrected!.text).toContain(`Track your delivery: ${TRACKING_PAGE.replace('{tracking}', 'RM222222225GB')}`)
    // Only a dispatched order has one to correct.
    const paid = await paidOrder('a')
    expect(await support('POST', `/orders/${paid.id}/act`, { action: 'correct-tracking', trackingNumber: 'RM222222225GB' })).toMatchObject({ status: 400, json: { error: 'Only a dispatched order’s tracking number can be corrected.' } })
  })
})

describe('enquiries, whose rule is whole in plugins/enquiries/collections/Enquiries.ts', () => {
  it('support cannot make a report in a learner’s name, nor move a report to another account or document', async () => {
    const made = await support('POST', '/enquiries', { subject: 'Hello', reporter: f.b.account.id, document: f.b.document.id, messages: [{ from: 'reporter', body: 'Made by support', sentAt: new Date().toISOString() }] })
    expect(made).toMatchObject({ status: 403, json: { errors: [{ message: 'You are not allowed to perform this action.' }] } })
    const before = await t.payload.findByID({ collection: 'enquiries', id: f.b.enquiry.id, ...system })
    const moved = await support('PATCH', `/enquiries/${f.b.enquiry.id}`, { reporter: f.a.account.id, document: f.a.document.id })
    expect(moved.status).toBe(200)
    expect(await t.payload.findByID({ collection: 'enquiries', id: f.b.enquiry.id, ...system })).toMatchObject({ reporter: before.reporter, document: before.document })
    expect((await call('learner', 'GET', `/enquiries/${f.b.enquiry.id}`)).status).toBe(404)
  })
})

describe('reconciliation goes on past an order Stripe cannot return', () => {
  const keys = { STRIPE_SECRET_KEY: 'sk_test_reconcile', STRIPE_WEBHOOK_SECRET: 'whsec_reconcile', STRIPE_MAX_NETWORK_RETRIES: '0' }
  beforeEach(() => void Object.assign(process.env, keys))
  afterEach(() => {
    for (const key of Object.keys(keys)) delete process.env[key]
  })

  /** An order of learner A's with Stripe's payment page opened, its webhook never arriving. */
  async function awaitingStripe(): Promise<Order> {
    made += 1
    const product = await t.payload.create({ collection: 'products', data: { name: `Letter ${made}`, code: `LET-${made}`, pricePence: 3050, vatRatePercent: 0 }, ...system })
    const user = await learner('a')
    await addToBasket(t.payload, user, { product: product.id, achievement: f.a.achievement.id, reason: 'lost' })
    const placed = await placeOrder(t.payload, user, { billing: ADDRESSES.a, delivery: ADDRESSES.a, deliveryOption: deliveryOptionId }, 3400)
    if (!placed.ok) throw new Error(placed.error)
    stripe.use(http.post('https://api.stripe.com/v1/checkout/sessions', () => HttpResponse.json({ id: `cs_rec_${placed.orderId}`, object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/x' })))
    expect(await startPayment(t.payload, user, placed.orderId)).toMatchObject({ ok: true })
    return orderOf(placed.orderId)
  }

  it('each order on its own: a session gone (404) is flagged and backed off, a Stripe error is logged, and the paid order after them is completed', async () => {
    const [gone, failing, paid, open] = [await awaitingStripe(), await awaitingStripe(), await awaitingStripe(), await awaitingStripe()]
    // The oldest first: the ones Stripe cannot return come before the paid one.
    await payloadPool(t.payload).query(`update orders set last_payment_started_at = now() - interval '1 hour' * (10 - array_position($1::int[], id)) where id = any($1::int[])`, [[gone.id, failing.id, paid.id, open.id]])
    const asked: string[] = []
    stripe.use(
      http.get('https://api.stripe.com/v1/checkout/sessions/:id', ({ params }) => {
        const id = String(params.id)
        asked.push(id)
        const base = { object: 'checkout.session', currency: 'gbp', amount_total: 3400, expires_at: Math.floor(Date.now() / 1000) + 3600 }
        if (id === gone.stripeSessionId) return HttpResponse.json({ error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such checkout.session: '${id}'` } }, { status: 404 })
        if (id === failing.stripeSessionId) return HttpResponse.json({ error: { type: 'api_error', message: 'Something went wrong on Stripe’s end.' } }, { status: 500 })
        if (id === paid.stripeSessionId) return HttpResponse.json({ ...base, id, status: 'complete', payment_status: 'paid', payment_intent: `pi_rec_${paid.id}` })
        return HttpResponse.json({ ...base, id, status: 'open', payment_status: 'unpaid', payment_intent: null })
      }),
    )
    const mine = [gone, failing, paid, open].map((o) => o.stripeSessionId!)
    const first = await reconcilePayments(t.payload)
    expect(first).toMatchObject({ paid: 1, failed: 2 })
    expect(asked.filter((id) => mine.includes(id))).toEqual(mine)
    expect(await orderOf(paid.id)).toMatchObject({ status: 'paid', paymentReference: `pi_rec_${paid.id}` })
    expect(await orderOf(gone.id)).toMatchObject({ status: 'awaiting-payment', paymentProblem: expect.stringContaining(`Stripe could not return this order’s payment page (No such checkout.session: '${gone.stripeSessionId}')`) })
    expect((await timelineOf(gone.id)).at(-1)).toMatch(/^payment-problem:payment:Stripe could not return/)
    // A passing Stripe error is not a problem for staff: it is asked again next time.
    expect(await orderOf(failing.id)).toMatchObject({ status: 'awaiting-payment', paymentProblem: null })
    for (const order of [gone, failing, paid, open]) expect((await orderOf(order.id)).paymentCheckedAt).toEqual(expect.any(String))

    // The next run: the flagged order waits a day; the others are asked again, the least recently checked first.
    asked.length = 0
    await payloadPool(t.payload).query(`update orders set payment_checked_at = now() - interval '1 minute' where id = $1`, [open.id])
    await reconcilePayments(t.payload)
    expect(asked.filter((id) => mine.includes(id))).toEqual([open.stripeSessionId, failing.stripeSessionId])
    // Later runs in this file need not ask Stripe about them.
    await payloadPool(t.payload).query(`update orders set status = 'cancelled' where id = any($1::int[])`, [[gone.id, failing.id, open.id]])
  })
})

describe('a Stripe refund whose record fails after Stripe answered', () => {
  const keys = { STRIPE_SECRET_KEY: 'sk_test_refund', STRIPE_WEBHOOK_SECRET: 'whsec_refund', STRIPE_MAX_NETWORK_RETRIES: '0' }
  beforeEach(() => void Object.assign(process.env, keys))
  afterEach(() => {
    for (const key of Object.keys(keys)) delete process.env[key]
  })

  it('keeps the refund on the order, and the payment check records it once (Stripe asked with the same key)', async () => {
    made += 1
    const product = await t.payload.create({ collection: 'products', data: { name: `Transcript ${made}`, code: `TR-${made}`, pricePence: 3050, vatRatePercent: 0 }, ...system })
    const user = await learner('a')
    await addToBasket(t.payload, user, { product: product.id, achievement: f.a.achievement.id, reason: 'lost' })
    const placed = await placeOrder(t.payload, user, { billing: ADDRESSES.a, delivery: ADDRESSES.a, deliveryOption: deliveryOptionId }, 3400)
    if (!placed.ok) throw new Error(placed.error)
    stripe.use(http.post('https://api.stripe.com/v1/checkout/sessions', () => HttpResponse.json({ id: `cs_ref_${placed.orderId}`, object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/x' })))
    await startPayment(t.payload, user, placed.orderId)
    expect(await settlePayment(t.payload, { type: 'paid', orderId: placed.orderId, reference: `pi_ref_${placed.orderId}`, amountPence: 3400, currency: 'gbp' })).toBe('paid')
    await mail()
    smtp.received.length = 0
    const keysAsked: Array<string | null> = []
    stripe.use(
      http.post('https://api.stripe.com/v1/refunds', ({ request }) => {
        keysAsked.push(request.headers.get('idempotency-key'))
        return HttpResponse.json({ id: 're_once', object: 'refund', amount: 1200, status: 'succeeded' })
      }),
    )
    // The database fails once, after Stripe has refunded, while the refund's timeline line is written.
    const create = t.payload.create.bind(t.payload)
    let failures = 0
    t.payload.create = (async (options: Parameters<typeof create>[0]) => {
      if (options.collection === 'order-events' && (options.data as { event?: string }).event === 'partly-refunded' && failures++ === 0) throw new Error('database went away')
      return create(options)
    }) as typeof t.payload.create
    try {
      const answer = await support('POST', `/orders/${placed.orderId}/act`, { action: 'refund', amountPence: 1200 })
      expect(answer).toMatchObject({ status: 502, json: { error: 'Stripe refunded £12.00, but recording it failed. It will be recorded within minutes; look at the order then.' } })
    } finally {
      t.payload.create = create
    }
    expect(await orderOf(placed.orderId)).toMatchObject({ status: 'paid', refundedPence: 0, refundPendingPence: 1200 })
    // Another refund waits for this one to be recorded.
    expect(await support('POST', `/orders/${placed.orderId}/act`, { action: 'refund', amountPence: 100 })).toMatchObject({ status: 409 })
    expect(await reconcilePayments(t.payload)).toMatchObject({ refundsRecorded: 1 })
    expect(await orderOf(placed.orderId)).toMatchObject({ status: 'partly-refunded', refundedPence: 1200, refundPendingPence: null })
    expect(keysAsked).toEqual([`order-${placed.orderId}-refund-to-1200`, `order-${placed.orderId}-refund-to-1200`])
    expect((await timelineOf(placed.orderId)).filter((line) => line.startsWith('partly-refunded'))).toHaveLength(1)
    expect((await mail()).map((m) => m.subject)).toEqual(['Your order has been refunded'])
  })
})
