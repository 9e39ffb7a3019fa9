import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { payloadPool } from '../../src/collections/sql'
import { deliverDueEmails } from '../../src/plugins/email-delivery'
import { actOnOrder, addToBasket, basketOf, finishTestPayment, handleStripeWebhook, placeOrder, reconcilePayments, removeFromBasket, settlePayment, startPayment, type CheckoutDraft } from '../../src/plugins/store'
import { type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'
import { startSmtpServer } from '../helpers/smtp'

/**
 * Payment truth and money, through the store's public functions on a real database and mail
 * server. msw stands in for Stripe's HTTP API; webhook events are signed with the real
 * `stripe` library, so only what Stripe would sign reaches the order.
 */
const SECRET_KEY = 'sk_test_store_payments'
const WEBHOOK_SECRET = 'whsec_store_payments_test_secret'
const system = { overrideAccess: true, depth: 0 } as const
const HOUR = 3_600_000

type FakeSession = {
  id: string
  object: 'checkout.session'
  url: string
  status: 'open' | 'complete' | 'expired'
  payment_status: 'unpaid' | 'paid'
  amount_total: number
  currency: string
  payment_intent: string | null
  client_reference_id: string
  metadata: Record<string, string>
  expires_at: number
}
/** Stripe, as far as the store talks to it: sessions made (by idempotency key, as Stripe keeps them), sessions read, refunds. */
const stripe = {
  sessions: new Map<string, FakeSession>(),
  byKey: new Map<string, FakeSession>(),
  created: [] as Array<{ idempotencyKey: string | null; form: URLSearchParams }>,
  retrieved: [] as string[],
  refunds: [] as Array<{ idempotencyKey: string | null; form: URLSearchParams }>,
}
let sessionCount = 0
const mockStripe = setupServer(
  http.post('https://api.stripe.com/v1/checkout/sessions', async ({ request }) => {
    const form = new URLSearchParams(await request.text())
    const idempotencyKey = request.headers.get('idempotency-key')
    stripe.created.push({ idempotencyKey, form })
    const known = idempotencyKey ? stripe.byKey.get(idempotencyKey) : undefined
    if (known) return HttpResponse.json(known)
    let amount = 0
    for (let i = 0; form.has(`line_items[${i}][quantity]`); i++) amount += Number(form.get(`line_items[${i}][quantity]`)) * Number(form.get(`line_items[${i}][price_data][unit_amount]`))
    const id = `cs_test_${++sessionCount}`
    const session: FakeSession = {
      id,
      object: 'checkout.session',
      url: `https://checkout.stripe.com/c/pay/${id}`,
      status: 'open',
      payment_status: 'unpaid',
      amount_total: amount,
      currency: form.get('currency') ?? '',
      payment_intent: null,
      client_reference_id: form.get('client_reference_id') ?? '',
      metadata: { orderId: form.get('metadata[orderId]') ?? '', orderNumber: form.get('metadata[orderNumber]') ?? '' },
      expires_at: Math.floor(Date.now() / 1000) + 24 * 3600,
    }
    stripe.sessions.set(id, session)
    if (idempotencyKey) stripe.byKey.set(idempotencyKey, session)
    return HttpResponse.json(session)
  }),
  http.get('https://api.stripe.com/v1/checkout/sessions/:id', ({ params }) => {
    stripe.retrieved.push(String(params.id))
    const session = stripe.sessions.get(String(params.id))
    return session ? HttpResponse.json(session) : HttpResponse.json({ error: { type: 'invalid_request_error', message: 'No such checkout.session' } }, { status: 404 })
  }),
  http.post('https://api.stripe.com/v1/checkout/sessions/:id/expire', ({ params }) => {
    const session = stripe.sessions.get(String(params.id))
    if (!session) return HttpResponse.json({ error: { type: 'invalid_request_error', message: 'No such checkout.session' } }, { status: 404 })
    if (session.status !== 'open') return HttpResponse.json({ error: { type: 'invalid_request_error', message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".` } }, { status: 400 })
    session.status = 'expired'
    return HttpResponse.json(session)
  }),
  http.post('https://api.stripe.com/v1/refunds', async ({ request }) => {
    const form = new URLSearchParams(await request.text())
    stripe.refunds.push({ idempotencyKey: request.headers.get('idempotency-key'), form })
    return HttpResponse.json({ id: `re_${stripe.refunds.length}`, object: 'refund', amount: Number(form.get('amount')), status: 'succeeded', payment_intent: form.get('payment_intent') })
  }),
)

let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let t: TestPayloadWithFixtures
let f: Fixtures
let firstClass: { id: number }
let courier: { id: number }

beforeAll(async () => {
  mockStripe.listen({ onUnhandledRequest: 'error' })
  smtp = await startSmtpServer()
  t = await startTestPayloadWithFixtures({ SMTP_URL: smtp.url, STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_MAX_NETWORK_RETRIES: '0' })
  f = t.fixtures
  firstClass = await t.payload.create({ collection: 'delivery-options', data: { name: 'Royal Mail Signed For 1st class', region: 'uk', pricePence: 350, estimatedDelivery: '1–2 working days', sortOrder: 2 }, ...system })
  courier = await t.payload.create({ collection: 'delivery-options', data: { name: 'International Courier', region: 'international', pricePence: 1225, sortOrder: 3 }, ...system })
})
afterAll(async () => {
  mockStripe.close()
  await t?.close()
  await smtp?.close()
})
beforeEach(async () => {
  await payloadPool(t.payload).query('delete from basket_items')
  await deliverDueEmails(t.payload)
  smtp.received.length = 0
})
afterEach(() => vi.restoreAllMocks())

const account = async (id: number) => ({ ...(await t.payload.findByID({ collection: 'accounts', id, ...system })), collection: 'accounts' }) as never
const learnerA = () => account(f.a.account.id)
const learnerB = () => account(f.b.account.id)
const staff = async (role: 'support' | 'administrator') => ({ ...(await t.payload.findByID({ collection: 'staff', id: f.staff[role].id, ...system })), collection: 'staff' }) as never

const UK_ADDRESS = { label: '', fullName: 'A Learner', line1: '1 High Street', line2: '', town: 'York', county: '', postcode: 'YO1 7HH', country: 'GB' }
const draft = (deliveryOption = firstClass.id): CheckoutDraft => ({ billing: UK_ADDRESS, delivery: UK_ADDRESS, deliveryOption })

const orderOf = (id: number) => t.payload.findByID({ collection: 'orders', id, ...system, joins: false })
const timelineOf = async (id: number) => (await t.payload.find({ collection: 'order-events', where: { order: { equals: id } }, sort: 'createdAt', limit: 100, ...system })).docs.map((e) => e.event)
const paymentEventRows = async (id: number) => (await payloadPool(t.payload).query('select event_id, type from payment_events where order_id = $1 order by id', [id])).rows
const ordersOfA = async () => (await t.payload.count({ collection: 'orders', where: { account: { equals: f.a.account.id } }, ...system })).totalDocs
/** Messages delivered to learner A since the test began, by subject. */
async function subjectsToA() {
  await deliverDueEmails(t.payload)
  return smtp.received
    .filter((m) => m.to === f.a.account.email)
    .map((m) => m.subject)
    .sort()
}

/** Learner A orders the fixture's duplicate certificate (£30.50) with UK 1st class (£3.50) and opens Stripe's payment page. */
async function orderAndStartPaying(): Promise<{ id: number; session: FakeSession }> {
  const learner = await learnerA()
  expect(await addToBasket(t.payload, learner, { product: f.product.id, achievement: f.a.achievement.id, reason: 'lost' })).toEqual({ ok: true })
  const placed = await placeOrder(t.payload, learner, draft(), 3400)
  if (!placed.ok) throw new Error(placed.error)
  const started = await startPayment(t.payload, learner, placed.orderId)
  if (!started.ok) throw new Error(started.error)
  const session = [...stripe.sessions.values()].find((s) => s.url === started.url)!
  return { id: placed.orderId, session }
}

// Stripe's events, as its API would send them.
let eventCount = 0
const stripeEvent = (type: string, object: Record<string, unknown>) => ({
  id: `evt_test_${++eventCount}_${Date.now()}`,
  object: 'event',
  api_version: '2025-01-27.acacia',
  created: Math.floor(Date.now() / 1000),
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type,
  data: { object },
})
const paidSession = (session: FakeSession, overrides: Partial<FakeSession> = {}) => ({ ...session, status: 'complete', payment_status: 'paid', payment_intent: `pi_for_${session.id}`, ...overrides })
const completed = (session: FakeSession, overrides: Partial<FakeSession> = {}) => stripeEvent('checkout.session.completed', paidSession(session, overrides))
const asyncSucceeded = (session: FakeSession) => stripeEvent('checkout.session.async_payment_succeeded', paidSession(session))
const asyncFailed = (session: FakeSession) => stripeEvent('checkout.session.async_payment_failed', { ...session, status: 'complete', payment_status: 'unpaid' })
const expired = (session: FakeSession) => stripeEvent('checkout.session.expired', { ...session, status: 'expired' })
const refunded = (session: FakeSession, refundedPence: number) =>
  stripeEvent('charge.refunded', {
    id: `ch_for_${session.id}`,
    object: 'charge',
    amount: session.amount_total,
    amount_refunded: refundedPence,
    currency: 'gbp',
    payment_intent: `pi_for_${session.id}`,
    metadata: session.metadata,
  })

const signer = new Stripe(SECRET_KEY)
const signed = (body: string, { secret = WEBHOOK_SECRET, timestamp = Math.floor(Date.now() / 1000) } = {}) => signer.webhooks.generateTestHeaderString({ payload: body, secret, timestamp })
/** Delivers an event to the webhook as Stripe does: the raw JSON and its signature header. */
const deliver = (event: object) => {
  const body = JSON.stringify(event)
  return handleStripeWebhook(t.payload, body, signed(body))
}

describe('money comes from the catalogue, not the browser', () => {
  it('the order is priced on the server: £30.50 with 1st class £3.50 is £34.00, and Stripe is asked for that, with the order’s idempotency key', async () => {
    const before = stripe.created.length
    const { id, session } = await orderAndStartPaying()
    const order = await orderOf(id)
    expect(order).toMatchObject({ status: 'awaiting-payment', subtotalPence: 3050, deliveryPence: 350, vatPence: 0, totalPence: 3400, paymentMode: 'stripe', paymentAttempts: 1, stripeSessionId: session.id })
    expect(order.items.map((i) => [i.unitPricePence, i.vatPence, i.reason])).toEqual([[3050, 0, 'lost']])
    const [request, ...more] = stripe.created.slice(before)
    expect(more).toEqual([])
    expect(request!.idempotencyKey).toBe(`order-${id}-attempt-1`)
    expect(session.amount_total).toBe(3400)
    expect([request!.form.get('currency'), request!.form.get('metadata[orderId]'), request!.form.get('client_reference_id')]).toEqual(['gbp', String(id), String(id)])
    // Paying again from the order's page is a new attempt: a new key, a new session.
    const again = await startPayment(t.payload, await learnerA(), id)
    expect(again.ok).toBe(true)
    expect(stripe.created.at(-1)!.idempotencyKey).toBe(`order-${id}-attempt-2`)
    expect((await orderOf(id)).paymentAttempts).toBe(2)
    expect(await timelineOf(id)).toEqual(['placed', 'payment-started', 'payment-started'])
  })

  it('a confirmed total that differs from today’s price places nothing and keeps the basket', async () => {
    const learner = await learnerA()
    expect(await addToBasket(t.payload, learner, { product: f.product.id, achievement: f.a.achievement.id, reason: 'damaged' })).toEqual({ ok: true })
    const before = await ordersOfA()
    for (const confirmed of [1, 3050, 3399, 0])
      expect(await placeOrder(t.payload, learner, draft(), confirmed)).toEqual({ ok: false, error: 'The total has changed since you confirmed: check the new total and confirm again.', step: 'confirm' })
    expect(await ordersOfA()).toBe(before)
    expect((await basketOf(t.payload, learner)).lines.map((l) => l.reason)).toEqual(['damaged'])
  })

  it('a delivery option that does not serve the delivery country is refused', async () => {
    const learner = await learnerA()
    await addToBasket(t.payload, learner, { product: f.product.id, achievement: f.a.achievement.id, reason: 'lost' })
    const before = await ordersOfA()
    const refusal = { ok: false, error: 'Choose a delivery option for that country.', step: 'delivery-option' }
    expect(await placeOrder(t.payload, learner, draft(courier.id), 3050 + 1225)).toEqual(refusal)
    expect(await placeOrder(t.payload, learner, { ...draft(firstClass.id), delivery: { ...UK_ADDRESS, country: 'FR', postcode: '75001' } }, 3400)).toEqual(refusal)
    expect(await ordersOfA()).toBe(before)
  })

  it('the basket refuses another learner’s achievement, an inactive product, a bad reason and a second of the same', async () => {
    const learner = await learnerA()
    const notFound = { ok: false, error: 'We could not find that product for that achievement.' }
    expect(await addToBasket(t.payload, learner, { product: f.product.id, achievement: f.b.achievement.id, reason: 'lost' })).toEqual(notFound)
    const retired = await t.payload.create({ collection: 'products', data: { name: 'Old letter', code: `OLD-${f.unique()}`, pricePence: 100, vatRatePercent: 0, active: false }, ...system })
    expect(await addToBasket(t.payload, learner, { product: retired.id, achievement: f.a.achievement.id, reason: 'lost' })).toEqual(notFound)
    expect(await addToBasket(t.payload, learner, { product: f.product.id, achievement: f.a.achievement.id, reason: 'stolen' })).toEqual({ ok: false, error: 'Choose why you need it: lost, damaged, name change or other.' })
    expect(await addToBasket(t.payload, learner, { product: f.product.id, achievement: f.a.achievement.id, reason: 'lost' })).toEqual({ ok: true })
    expect(await addToBasket(t.payload, learner, { product: f.product.id, achievement: f.a.achievement.id, reason: 'other' })).toEqual({
      ok: false,
      error: 'Duplicate certificate for Level 3 Diploma is already in your basket: you can order one of each.',
    })
    // Both of one learner's attempts at once: still one.
    await payloadPool(t.payload).query('delete from basket_items')
    const twice = await Promise.all([1, 2].map(() => addToBasket(t.payload, learner, { product: f.product.id, achievement: f.a.achievement.id, reason: 'lost' })))
    expect(twice.filter((r) => r.ok)).toHaveLength(1)
    const { lines } = await basketOf(t.payload, learner)
    expect(lines.map((l) => [l.product.id, l.achievementId, l.reason])).toEqual([[f.product.id, f.a.achievement.id, 'lost']])
  })

  it('a price changed since the item was added is shown as changed, and the order is at today’s price', async () => {
    const learner = await learnerA()
    await addToBasket(t.payload, learner, { product: f.product.id, achievement: f.a.achievement.id, reason: 'lost' })
    await t.payload.update({ collection: 'products', id: f.product.id, data: { pricePence: 3200 }, ...system })
    try {
      const [line] = (await basketOf(t.payload, learner)).lines
      expect(line).toMatchObject({ unitPricePence: 3200, earlierPricePence: 3050 })
      expect(await placeOrder(t.payload, learner, draft(), 3400)).toMatchObject({ ok: false, step: 'confirm' })
      const placed = await placeOrder(t.payload, learner, draft(), 3550)
      if (!placed.ok) throw new Error(placed.error)
      const order = await orderOf(placed.orderId)
      expect([order.subtotalPence, order.totalPence, order.items[0]!.unitPricePence]).toEqual([3200, 3550, 3200])
    } finally {
      await t.payload.update({ collection: 'products', id: f.product.id, data: { pricePence: 3050 }, ...system })
    }
  })
})

describe('VAT reaches what Stripe is asked to charge', () => {
  it('a 20 % VAT product: the order and every line Stripe is asked for carry the VAT, and Stripe’s total is the order’s', async () => {
    const letter = await t.payload.create({ collection: 'products', data: { name: 'Proof letter with VAT', code: `VAT-${f.unique()}`, documentType: 'proof-letter', pricePence: 2588, vatRatePercent: 20 }, ...system })
    const learner = await learnerA()
    expect(await addToBasket(t.payload, learner, { product: letter.id, achievement: f.a.achievement.id, reason: 'lost' })).toEqual({ ok: true })
    expect(await addToBasket(t.payload, learner, { product: f.product.id, achievement: f.a.achievement.id, reason: 'lost' })).toEqual({ ok: true })
    // £25.88 + 20 % (£5.18, half a penny up) + £30.50 at 0 % + £3.50 delivery (no VAT) = £65.06.
    const placed = await placeOrder(t.payload, learner, draft(), 6506)
    if (!placed.ok) throw new Error(placed.error)
    expect(await orderOf(placed.orderId)).toMatchObject({ subtotalPence: 5638, vatPence: 518, deliveryPence: 350, totalPence: 6506 })
    const before = stripe.created.length
    expect((await startPayment(t.payload, learner, placed.orderId)).ok).toBe(true)
    const [request] = stripe.created.slice(before)
    const lines: Array<[string | null, number]> = []
    for (let i = 0; request!.form.has(`line_items[${i}][quantity]`); i++) {
      expect(request!.form.get(`line_items[${i}][quantity]`)).toBe('1')
      expect(request!.form.get(`line_items[${i}][price_data][currency]`)).toBe('gbp')
      lines.push([request!.form.get(`line_items[${i}][price_data][product_data][name]`), Number(request!.form.get(`line_items[${i}][price_data][unit_amount]`))])
    }
    expect(lines).toEqual([
      ['Proof letter with VAT: Level 3 Diploma', 2588 + 518],
      ['Duplicate certificate: Level 3 Diploma', 3050],
      ['Delivery', 350],
    ])
    expect(stripe.sessions.get((await orderOf(placed.orderId)).stripeSessionId!)!.amount_total).toBe(6506)
  })
})

describe('nothing stuck', () => {
  it('an item that can no longer be ordered is shown with why and can be removed; the rest of the basket is ordered without it, and it stays unordered', async () => {
    const learner = await learnerA()
    const retiring = await t.payload.create({ collection: 'products', data: { name: 'Retiring transcript', code: `RET-${f.unique()}`, documentType: 'transcript', pricePence: 900, vatRatePercent: 0 }, ...system })
    const moved = await t.payload.create({ collection: 'achievements', data: { candidate: f.a.candidate.id, qualification: f.qualification.id, grade: 'Merit', issueDate: '2023-01-01T00:00:00.000Z' }, ...system })
    for (const [product, achievement] of [[retiring.id, f.a.achievement.id], [f.product.id, f.a.achievement.id], [f.product.id, moved.id]])
      expect(await addToBasket(t.payload, learner, { product, achievement, reason: 'lost' })).toEqual({ ok: true })
    // Staff withdraw the product; the achievement turns out to be another candidate's and is moved to their record.
    await t.payload.update({ collection: 'products', id: retiring.id, data: { active: false }, ...system })
    await payloadPool(t.payload).query('update achievements set candidate_id = $1 where id = $2', [f.b.candidate.id, moved.id])
    const basket = await basketOf(t.payload, learner)
    expect(basket.lines.map((l) => [l.product.id, l.achievementId])).toEqual([[f.product.id, f.a.achievement.id]])
    expect(basket.unorderable.map(({ title, why }) => [title, why])).toEqual([
      ['Retiring transcript for Level 3 Diploma', 'This product is no longer sold.'],
      ['Duplicate certificate', 'The achievement it was for is no longer among your records.'],
    ])
    // The rest of the basket checks out: £30.50 + £3.50.
    const placed = await placeOrder(t.payload, learner, draft(), 3400)
    if (!placed.ok) throw new Error(placed.error)
    expect((await orderOf(placed.orderId)).items.map((i) => [i.product, i.achievement])).toEqual([[f.product.id, f.a.achievement.id]])
    // The unorderable items are still there, not ordered, and each can be removed.
    const after = await basketOf(t.payload, learner)
    expect(after.lines).toEqual([])
    expect(after.unorderable.map((i) => i.id)).toEqual(basket.unorderable.map((i) => i.id))
    expect(await placeOrder(t.payload, learner, draft(), 350)).toEqual({ ok: false, error: 'Nothing in your basket can be ordered now.', step: 'basket' })
    for (const item of after.unorderable) expect(await removeFromBasket(t.payload, learner, item.id)).toEqual({ ok: true })
    expect(await basketOf(t.payload, learner)).toEqual({ lines: [], unorderable: [] })
  })

  it('the same basket placed several times at once makes one order', async () => {
    const learner = await learnerA()
    expect(await addToBasket(t.payload, learner, { product: f.product.id, achievement: f.a.achievement.id, reason: 'lost' })).toEqual({ ok: true })
    const before = await ordersOfA()
    const results = await Promise.all(Array.from({ length: 4 }, async () => placeOrder(t.payload, await learnerA(), draft(), 3400)))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok)).toEqual(Array(3).fill({ ok: false, error: 'Your basket changed while you were checking out: check it again.', step: 'basket' }))
    expect(await ordersOfA()).toBe(before + 1)
    expect(await basketOf(t.payload, learner)).toEqual({ lines: [], unorderable: [] })
  })

  it('Stripe out of reach: the order is kept, the learner is told to try again, and the next try opens the payment page', async () => {
    const learner = await learnerA()
    expect(await addToBasket(t.payload, learner, { product: f.product.id, achievement: f.a.achievement.id, reason: 'lost' })).toEqual({ ok: true })
    const placed = await placeOrder(t.payload, learner, draft(), 3400)
    if (!placed.ok) throw new Error(placed.error)
    mockStripe.use(http.post('https://api.stripe.com/v1/checkout/sessions', () => HttpResponse.error(), { once: true }))
    expect(await startPayment(t.payload, learner, placed.orderId)).toEqual({ ok: false, status: 502, error: 'We could not reach the payment service. Your order is kept: try paying again.' })
    expect(await orderOf(placed.orderId)).toMatchObject({ status: 'awaiting-payment', paymentAttempts: 0, stripeSessionId: null })
    expect(await timelineOf(placed.orderId)).toEqual(['placed'])
    const again = await startPayment(t.payload, learner, placed.orderId)
    expect(again).toMatchObject({ ok: true, url: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\//) })
    expect(await orderOf(placed.orderId)).toMatchObject({ paymentAttempts: 1 })
  })

  it('ids past PostgreSQL’s integer range are not found, never the database’s error', async () => {
    const learner = await learnerA()
    for (const id of ['99999999999', '2147483648', 99999999999, '1e3', '-1', '7.5', ''])
      expect(await startPayment(t.payload, learner, id)).toEqual({ ok: false, status: 404, error: 'We could not find that order.' })
    expect(await finishTestPayment(t.payload, learner, '99999999999', true)).toEqual({ ok: false, status: 404, error: 'We could not find that order.' })
    expect(await removeFromBasket(t.payload, learner, '99999999999')).toEqual({ ok: false, error: 'That item is no longer in your basket.' })
    expect(await addToBasket(t.payload, learner, { product: '99999999999', achievement: f.a.achievement.id, reason: 'lost' })).toEqual({ ok: false, error: 'We could not find that product for that achievement.' })
  })
})

describe('who reads and changes orders', () => {
  it('a learner reads only their own basket items, orders and order timeline; not the payment events', async () => {
    const { id } = await orderAndStartPaying()
    expect(await addToBasket(t.payload, await learnerA(), { product: f.product.id, achievement: f.a.achievement.id, reason: 'lost' })).toEqual({ ok: true })
    expect(await addToBasket(t.payload, await learnerB(), { product: f.product.id, achievement: f.b.achievement.id, reason: 'lost' })).toEqual({ ok: true })
    const asA = { overrideAccess: false, user: await learnerA(), depth: 0 } as const
    expect((await t.payload.find({ collection: 'basket-items', ...asA })).docs.map((i) => [i.account, i.achievement])).toEqual([[f.a.account.id, f.a.achievement.id]])
    expect((await t.payload.count({ collection: 'basket-items', ...system })).totalDocs).toBe(2)
    const orders = await t.payload.find({ collection: 'orders', limit: 100, ...asA })
    expect(orders.docs.map((o) => o.id)).toContain(id)
    expect(orders.docs.map((o) => o.account).filter((a) => a !== f.a.account.id)).toEqual([])
    expect((await t.payload.find({ collection: 'orders', where: { id: { equals: f.b.order.id } }, ...asA })).docs).toEqual([])
    // B's order has a timeline line too; A sees none of it.
    await t.payload.create({ collection: 'order-events', data: { order: f.b.order.id, event: 'placed', party: 'learner', at: new Date().toISOString() }, ...system })
    const events = await t.payload.find({ collection: 'order-events', limit: 100, ...asA })
    const ownOrders = orders.docs.map((o) => o.id)
    expect(events.docs.map((e) => e.order)).toContain(id)
    expect(events.docs.map((e) => e.order).filter((order) => !ownOrders.includes(order as number))).toEqual([])
    await expect(t.payload.find({ collection: 'payment-events', ...asA })).rejects.toThrow('You are not allowed to perform this action.')
  })

  it('a learner cannot change an order; support cannot set its status, payment or total through update, only through the order’s actions', async () => {
    const { id } = await orderAndStartPaying()
    const tampered = { status: 'paid', paidAt: new Date().toISOString(), totalPence: 1, paymentReference: 'pi_fake' } as never
    await expect(t.payload.update({ collection: 'orders', id, data: tampered, overrideAccess: false, user: await learnerA() })).rejects.toThrow('You are not allowed to perform this action.')
    await t.payload.update({ collection: 'orders', id, data: tampered, overrideAccess: false, user: await staff('support') })
    expect(await orderOf(id)).toMatchObject({ status: 'awaiting-payment', paidAt: null, totalPence: 3400 })
    expect((await orderOf(id)).paymentReference ?? null).toBeNull()
    await expect(t.payload.create({ collection: 'orders', data: { ...(await orderOf(id)), id: undefined, orderNumber: 'ORD-FAKE-0001' } as never, overrideAccess: false, user: await learnerA() })).rejects.toThrow(
      'You are not allowed to perform this action.',
    )
    expect(await actOnOrder(t.payload, await learnerA(), id, { type: 'cancel' })).toEqual({ ok: false, status: 403, error: 'Only support staff can change orders.' })
    const cancelled = await actOnOrder(t.payload, await staff('support'), id, { type: 'cancel', reason: 'Asked by phone' })
    expect(cancelled).toMatchObject({ ok: true, order: { status: 'cancelled' } })
  })
})

describe('the Stripe webhook', () => {
  it('a missing, tampered, stale or wrongly keyed signature changes nothing', async () => {
    const { id, session } = await orderAndStartPaying()
    const event = completed(session)
    const body = JSON.stringify(event)
    const refused = { status: 400, body: { error: 'The signature did not verify.' } }
    expect(await handleStripeWebhook(t.payload, body, null)).toEqual(refused)
    expect(await handleStripeWebhook(t.payload, body, '')).toEqual(refused)
    // Signed, then the body changed: a lower amount would still "match" an order changed the same way.
    expect(await handleStripeWebhook(t.payload, body.replace('"payment_status":"paid"', '"payment_status":"paid" '), signed(body))).toEqual(refused)
    expect(await handleStripeWebhook(t.payload, JSON.stringify({ ...event, id: 'evt_other' }), signed(body))).toEqual(refused)
    expect(await handleStripeWebhook(t.payload, body, signed(body, { timestamp: Math.floor(Date.now() / 1000) - 301 }))).toEqual(refused)
    expect(await handleStripeWebhook(t.payload, body, signed(body, { secret: 'whsec_someone_else' }))).toEqual(refused)
    expect(await orderOf(id)).toMatchObject({ status: 'awaiting-payment', paidAt: null })
    expect(await paymentEventRows(id)).toEqual([])
    expect(await timelineOf(id)).toEqual(['placed', 'payment-started'])
    expect(await subjectsToA()).toEqual(['We have your order'])
    // The same bytes, signed now, are accepted: the refusals were the signature's.
    expect(await handleStripeWebhook(t.payload, body, signed(body))).toEqual({ status: 200, body: { received: true, outcome: 'paid' } })
  })

  it('the same completed event ten times at once, with the return page’s settling at the same time, fulfils once', async () => {
    const { id, session } = await orderAndStartPaying()
    const event = completed(session)
    const fact = { type: 'paid' as const, orderId: id, reference: `pi_for_${session.id}`, amountPence: 3400, currency: 'gbp' }
    const [direct, ...answers] = await Promise.all([settlePayment(t.payload, fact), ...Array.from({ length: 10 }, () => deliver(event))])
    const outcomes = [direct, ...answers.map((a) => (a.body as { outcome: string }).outcome)]
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200))
    expect(outcomes.filter((o) => o === 'paid')).toHaveLength(1)
    // Whichever wins, the webhook's first delivery (or the direct settling) finds the order paid; the other nine find their event.
    expect(outcomes.filter((o) => o !== 'paid').sort()).toEqual([...Array(9).fill('duplicate'), 'unchanged'])
    const order = await orderOf(id)
    expect(order).toMatchObject({ status: 'paid', paymentReference: `pi_for_${session.id}` })
    expect(await timelineOf(id)).toEqual(['placed', 'payment-started', 'paid'])
    expect(await paymentEventRows(id)).toEqual([{ event_id: event.id, type: 'checkout.session.completed' }])
    expect(await subjectsToA()).toEqual(['Payment received for your order', 'We have your order'])
    // Later deliveries change nothing either, the paid date included.
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } })
    expect(await deliver(asyncSucceeded(session))).toEqual({ status: 200, body: { received: true, outcome: 'unchanged' } })
    expect((await orderOf(id)).paidAt).toBe(order.paidAt)
    expect(await subjectsToA()).toEqual(['Payment received for your order', 'We have your order'])
  })

  it('a handler that fails once is rolled back whole, and Stripe’s retry fulfils once', async () => {
    const { id, session } = await orderAndStartPaying()
    const event = completed(session)
    const create = t.payload.create.bind(t.payload)
    let failures = 0
    vi.spyOn(t.payload, 'create').mockImplementation((async (options: Parameters<typeof create>[0]) => {
      if (options.collection === 'order-events' && (options.data as { event?: string }).event === 'paid' && failures++ === 0) throw new Error('database went away')
      return create(options)
    }) as never)
    await expect(deliver(event)).rejects.toThrow('database went away')
    expect(await orderOf(id)).toMatchObject({ status: 'awaiting-payment', paidAt: null })
    expect(await paymentEventRows(id)).toEqual([])
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, outcome: 'paid' } })
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } })
    expect(failures).toBe(2)
    expect(await timelineOf(id)).toEqual(['placed', 'payment-started', 'paid'])
    expect(await subjectsToA()).toEqual(['Payment received for your order', 'We have your order'])
  })

  it('a payment of another amount or currency is flagged for staff, not fulfilled', async () => {
    const { id, session } = await orderAndStartPaying()
    expect(await deliver(completed(session, { amount_total: 3399 }))).toEqual({ status: 200, body: { received: true, outcome: 'flagged' } })
    const order = await orderOf(id)
    expect(order).toMatchObject({ status: 'awaiting-payment', paidAt: null, paymentProblem: `Payment pi_for_${session.id} was £33.99 in GBP; the order's total is £34.00 in GBP.` })
    expect(await timelineOf(id)).toEqual(['placed', 'payment-started', 'payment-problem'])
    expect(await deliver(completed(session, { currency: 'eur' }))).toEqual({ status: 200, body: { received: true, outcome: 'flagged' } })
    expect(await orderOf(id)).toMatchObject({ status: 'awaiting-payment', paidAt: null, paymentProblem: `Payment pi_for_${session.id} was £34.00 in EUR; the order's total is £34.00 in GBP.` })
    expect(await subjectsToA()).toEqual(['We have your order'])
    // While staff check, the learner is not sent to pay again.
    expect(await startPayment(t.payload, await learnerA(), id)).toEqual({ ok: false, status: 400, error: 'We are checking a payment for this order: please wait for us to contact you.' })
  })

  it('a new payment page is refused while the last one is completing: there is nothing to pay twice', async () => {
    const { id, session } = await orderAndStartPaying()
    Object.assign(session, { status: 'complete', payment_status: 'paid' })
    expect(await startPayment(t.payload, await learnerA(), id)).toEqual({
      ok: false,
      status: 400,
      error: 'Your payment for this order is being confirmed: there is no need to pay again. This page shows it as paid once it is.',
    })
    expect((await orderOf(id)).stripeSessionId).toBe(session.id)
  })

  it('a second payment for an order already paid (an older payment page) is flagged for staff to refund', async () => {
    const { id, session: first } = await orderAndStartPaying()
    const started = await startPayment(t.payload, await learnerA(), id)
    expect(started.ok).toBe(true)
    const second = stripe.sessions.get((await orderOf(id)).stripeSessionId!)!
    expect(second.id).not.toBe(first.id)
    // The new page closed the old one at Stripe; a payment on it anyway (it was completing as it closed) is still caught.
    expect(first.status).toBe('expired')
    expect((await deliver(completed(second))).body).toEqual({ received: true, outcome: 'paid' })
    expect((await deliver(completed(first))).body).toEqual({ received: true, outcome: 'flagged' })
    expect(await orderOf(id)).toMatchObject({ status: 'paid', paymentReference: `pi_for_${second.id}`, paymentProblem: `A second payment, pi_for_${first.id} of £34.00, was received for this paid order: refund it.` })
    // Staff refund that second payment in Stripe: the order's own payment is untouched.
    expect((await deliver(refunded(first, 3400))).body).toEqual({ received: true, outcome: 'unchanged' })
    expect(await orderOf(id)).toMatchObject({ status: 'paid', refundedPence: 0 })
    expect((await deliver(refunded(second, 1000))).body).toEqual({ received: true, outcome: 'refunded' })
    expect(await orderOf(id)).toMatchObject({ status: 'partly-refunded', refundedPence: 1000 })
    expect(await subjectsToA()).toEqual(['Payment received for your order', 'We have your order', 'Your order has been refunded'])
  })
})

describe('events in any order', () => {
  it('completed, async succeeded, async failed, expired, a partial and a full refund: orderings with each event first and last end refunded in full, paid once', { timeout: 600_000 }, async () => {
    const kinds = ['completed', 'async-succeeded', 'async-failed', 'expired', 'refund-part', 'refund-all'] as const
    // The state machine's own property test (tests/unit/orders.test.ts) covers every ordering of the facts; through
    // the webhook (about 0.3 s an ordering here), every choice of first and last event, with the rest in both directions.
    const orderings = kinds.flatMap((first) =>
      kinds.filter((k) => k !== first).flatMap((last) => {
        const middle = kinds.filter((k) => k !== first && k !== last)
        return [[first, ...middle, last], [first, ...[...middle].reverse(), last]]
      }),
    )
    expect(orderings).toHaveLength(60)
    expect(new Set(orderings.map((o) => o.join())).size).toBe(60)
    // One order placed through checkout; the others are copies of it, each with its own Stripe session.
    const template = await orderOf((await orderAndStartPaying()).id)
    const { id: _id, createdAt: _c, updatedAt: _u, orderNumber: _n, timeline: _t, ...copy } = template as typeof template & { timeline?: unknown }
    const settleOne = async (ordering: readonly (typeof kinds)[number][]) => {
      const session: FakeSession = { ...stripe.sessions.get(template.stripeSessionId!)!, id: `cs_test_${++sessionCount}` }
      const { id } = await t.payload.create({ collection: 'orders', data: { ...copy, items: copy.items.map(({ id: _row, ...item }) => item), orderNumber: `ORD-${f.unique()}`, stripeSessionId: session.id } as never, ...system })
      session.metadata = { orderId: String(id) }
      const events = { completed: completed(session), 'async-succeeded': asyncSucceeded(session), 'async-failed': asyncFailed(session), expired: expired(session), 'refund-part': refunded(session, 1000), 'refund-all': refunded(session, 3400) }
      for (const kind of ordering) expect((await deliver(events[kind])).status).toBe(200)
      const order = await orderOf(id)
      const timeline = await timelineOf(id)
      return { ordering: ordering.join(' '), status: order.status, refundedPence: order.refundedPence, paid: Boolean(order.paidAt), paidLines: timeline.filter((e) => e === 'paid').length, refundedLines: timeline.filter((e) => e === 'refunded').length }
    }
    const results: Array<Awaited<ReturnType<typeof settleOne>>> = []
    const queue = [...orderings]
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) results.push(await settleOne(next))
    }))
    const wrong = results.filter((r) => r.status !== 'refunded' || r.refundedPence !== 3400 || !r.paid || r.paidLines !== 1 || r.refundedLines !== 1)
    expect(wrong).toEqual([])
    expect(results).toHaveLength(60)
    // Their 2,000-odd emails are not what this test checks: the next tests' mail server need not receive them.
    await payloadPool(t.payload).query(`delete from email_outbox where status = 'queued'`)
  })
})

describe('reconciliation, with every webhook lost', () => {
  it('completes exactly the paid orders, cancels the abandoned, leaves the rest; twice at once changes nothing more', async () => {
    const paid = await orderAndStartPaying()
    const open = await orderAndStartPaying()
    const expiredRecently = await orderAndStartPaying()
    const abandoned = await orderAndStartPaying()
    const settling = await orderAndStartPaying()
    const mine = [paid, open, expiredRecently, abandoned, settling].map((o) => o.id)
    // Only this test's orders await payment.
    await payloadPool(t.payload).query(`update orders set status = 'cancelled' where status = 'awaiting-payment' and id <> all($1::int[])`, [mine])
    Object.assign(paid.session, paidSession(paid.session))
    Object.assign(expiredRecently.session, { status: 'expired' })
    Object.assign(abandoned.session, { status: 'expired' })
    // Paid by a delayed method (a bank debit), still settling a day later: not abandoned.
    Object.assign(settling.session, { status: 'complete', payment_status: 'unpaid' })
    await payloadPool(t.payload).query(`update orders set last_payment_started_at = now() - interval '25 hours', created_at = now() - interval '25 hours' where id = any($1::int[])`, [[abandoned.id, settling.id]])
    // Half an hour on: past the webhook's grace for every order, within a day for all but the abandoned one.
    const now = new Date(Date.now() + HOUR / 2)
    await deliverDueEmails(t.payload)
    smtp.received.length = 0

    const reports = await Promise.all([reconcilePayments(t.payload, now), reconcilePayments(t.payload, now)])
    expect(reports.map((r) => r.checked)).toEqual([5, 5])
    expect(reports.reduce((sum, r) => sum + r.paid, 0)).toBe(1)
    expect(reports.reduce((sum, r) => sum + r.expired, 0)).toBe(1)
    const statuses = async () => Promise.all(mine.map(async (id) => (await orderOf(id)).status))
    expect(await statuses()).toEqual(['paid', 'awaiting-payment', 'awaiting-payment', 'cancelled', 'awaiting-payment'])
    expect(await orderOf(paid.id)).toMatchObject({ paymentReference: `pi_for_${paid.session.id}` })
    expect(await timelineOf(paid.id)).toEqual(['placed', 'payment-started', 'paid'])
    expect(await timelineOf(abandoned.id)).toEqual(['placed', 'payment-started', 'expired'])
    expect(await subjectsToA()).toEqual(['Payment received for your order', 'Your order has been cancelled'])

    expect(await reconcilePayments(t.payload, now)).toEqual({ checked: 3, paid: 0, expired: 0, failed: 0, refundsRecorded: 0 })
    expect(await statuses()).toEqual(['paid', 'awaiting-payment', 'awaiting-payment', 'cancelled', 'awaiting-payment'])
    expect(await subjectsToA()).toHaveLength(2)
    // A webhook that arrives after all finds the order paid.
    expect((await deliver(completed(paid.session))).body).toEqual({ received: true, outcome: 'unchanged' })
  })
})
