import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { payloadPool } from '../../src/collections/sql'
import { PASSWORD, type Fixtures } from '../helpers/fixtures'
import { formsIn, submitForm } from '../helpers/forms'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'
import { signIn, startServer, type RunningServer } from '../helpers/server'

/**
 * The store's pages and forms as the server answers them (no browser, test-payment mode): what
 * a learner sees of a basket they cannot wholly order, the confirm step, two clicks on "Place
 * order", ids past PostgreSQL's range, and accounts not yet approved.
 */
let t: TestPayloadWithFixtures
let f: Fixtures
let server: RunningServer
let learner = ''
const system = { overrideAccess: true, depth: 0 } as const
const UK_ADDRESS = { label: '', fullName: 'A Learner', line1: '1 High Street', line2: '', town: 'York', county: '', postcode: 'YO1 7HH', country: 'GB' }
const OUT_OF_RANGE = ['99999999999', '2147483648']

beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
  f = t.fixtures
  for (const status of ['awaiting-review', 'rejected'])
    await t.payload.create({
      collection: 'accounts',
      data: { email: `${status}@fixture.test`, password: PASSWORD, _verified: true, kind: 'learner', status, firstName: 'Not', lastName: 'Yet' } as never,
      disableVerificationEmail: true,
      ...system,
    })
  // The fixture's order of learner A, as a test payment page leaves it.
  await t.payload.update({ collection: 'orders', id: f.a.order.id, data: { paymentMode: 'test', paymentAttempts: 1 }, ...system })
  server = await startServer({ DATABASE_URL: t.databaseUrl })
  learner = await signIn(server.url, 'accounts', 'learner-a@fixture.test', PASSWORD)
}, 600_000)

afterAll(async () => {
  await server?.stop()
  await t?.close()
})

const get = async (path: string, cookie = learner) => {
  const response = await fetch(new URL(path, server.url), { redirect: 'manual', headers: { 'Sec-Fetch-Site': 'same-origin', Cookie: cookie } })
  return { status: response.status, location: response.headers.get('location'), html: await response.text() }
}
const text = (html: string) => html.replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<!-- -->/g, '').replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ')
const formWith = (html: string, marker: string) => {
  const form = formsIn(html).find((candidate) => candidate.body.includes(marker))
  if (!form) throw new Error(`No form with ${marker}`)
  return form.body
}
const basketItems = async () => (await payloadPool(t.payload).query('select id, product_id from basket_items where account_id = $1 order by id', [f.a.account.id])).rows
const ordersOfA = async () => (await t.payload.count({ collection: 'orders', where: { account: { equals: f.a.account.id } }, ...system })).totalDocs
const draftCookie = (deliveryOption: number) => `checkout-draft=${Buffer.from(JSON.stringify({ billing: UK_ADDRESS, delivery: UK_ADDRESS, deliveryOption })).toString('base64url')}`

describe('a basket with an item that can no longer be ordered', () => {
  it('shows the item with why and a Remove button, checks out the rest, and removes it', async () => {
    await payloadPool(t.payload).query('delete from basket_items where account_id = $1', [f.a.account.id])
    const withdrawn = await t.payload.create({ collection: 'products', data: { name: 'Withdrawn letter', code: `WD-${f.unique()}`, pricePence: 500, vatRatePercent: 0 }, ...system })
    for (const product of [withdrawn.id, f.product.id])
      await t.payload.create({ collection: 'basket-items', data: { account: f.a.account.id, product, achievement: f.a.achievement.id, reason: 'lost', pricePenceWhenAdded: 500 }, ...system })
    await t.payload.update({ collection: 'products', id: withdrawn.id, data: { active: false }, ...system })

    const basket = await get('/basket')
    expect(basket.status).toBe(200)
    expect(text(basket.html)).toContain('An item you cannot order now They stay in your basket but are not part of your order and are not charged: the rest of your basket checks out without them.')
    expect(text(basket.html)).toContain('Withdrawn letter for Level 3 Diploma This product is no longer sold. Remove Withdrawn letter for Level 3 Diploma')
    // The header counts what will be ordered: the certificate alone.
    expect(text(basket.html)).toContain('Basket: 1 item, £30.50')

    // Place the order through the confirm page's form: the certificate is ordered, the withdrawn letter stays.
    const cookie = `${learner}; ${draftCookie(f.deliveryOption.id)}`
    const confirm = await get('/checkout?step=confirm', cookie)
    expect(confirm.status).toBe(200)
    const before = await ordersOfA()
    const placed = await submitForm(`${server.url}/checkout?step=confirm`, formWith(confirm.html, 'confirmedTotalPence'), {}, cookie)
    expect(placed.status).toBe(303)
    expect(placed.headers.get('location')).toMatch(/^\/orders\/\d+\/test-payment$/)
    expect(await ordersOfA()).toBe(before + 1)
    expect((await basketItems()).map((row) => row.product_id)).toEqual([withdrawn.id])

    const left = await get('/basket')
    expect(text(left.html)).toContain('They stay in your basket but cannot be ordered or charged.')
    const removed = await submitForm(`${server.url}/basket`, formWith(left.html, 'name="item"'), {}, learner)
    expect([removed.status, removed.headers.get('location')]).toEqual([303, '/basket?notice=removed'])
    expect(await basketItems()).toEqual([])
  })
})

describe('the confirm step and placing an order', () => {
  it('shows each line’s document reference and the name printed on it', async () => {
    await payloadPool(t.payload).query('delete from basket_items where account_id = $1', [f.a.account.id])
    const certificate = await t.payload.create({ collection: 'products', data: { name: 'Duplicate qualification certificate', code: `CERT-${f.unique()}`, documentType: 'certificate', pricePence: 3050, vatRatePercent: 0 }, ...system })
    await t.payload.create({ collection: 'basket-items', data: { account: f.a.account.id, product: certificate.id, achievement: f.a.achievement.id, reason: 'damaged' }, ...system })
    const confirm = await get('/checkout?step=confirm', `${learner}; ${draftCookie(f.deliveryOption.id)}`)
    expect(confirm.status).toBe(200)
    const { reference } = await t.payload.findByID({ collection: 'documents', id: f.a.document.id, ...system })
    expect(reference).toMatch(/\S/)
    expect(text(confirm.html)).toContain(`Duplicate qualification certificate Level 3 Diploma Reference ${reference} Name printed First100 Surname100 Reason Damaged`)
  })

  it('two posts of the same confirm form at once make one order', async () => {
    await payloadPool(t.payload).query('delete from basket_items where account_id = $1', [f.a.account.id])
    await t.payload.create({ collection: 'basket-items', data: { account: f.a.account.id, product: f.product.id, achievement: f.a.achievement.id, reason: 'lost' }, ...system })
    const cookie = `${learner}; ${draftCookie(f.deliveryOption.id)}`
    const form = formWith((await get('/checkout?step=confirm', cookie)).html, 'confirmedTotalPence')
    const before = await ordersOfA()
    const answers = await Promise.all([1, 2].map(() => submitForm(`${server.url}/checkout?step=confirm`, form, {}, cookie)))
    expect(answers.map((a) => a.status)).toEqual([303, 303])
    expect(answers.map((a) => a.headers.get('location')).filter((l) => /^\/orders\/\d+\/test-payment$/.test(l ?? ''))).toHaveLength(1)
    expect(await ordersOfA()).toBe(before + 1)
  })
})

describe('ids past PostgreSQL’s integer range, and accounts not yet approved', () => {
  it('order, receipt and test payment pages answer not found', async () => {
    for (const id of OUT_OF_RANGE)
      for (const path of [`/orders/${id}`, `/orders/${id}/receipt`, `/orders/${id}/test-payment`]) {
        const answer = await get(path)
        expect(answer.status, path).toBe(404)
        expect(answer.html, path).not.toMatch(/out of range|integer/i)
      }
    // A store link for an achievement id past the range shows the whole store.
    const store = await get(`/store?achievement=${OUT_OF_RANGE[0]}`)
    expect([store.status, text(store.html).includes('Duplicate certificate')]).toEqual([200, true])
  })

  it('the same ids in the pay, test payment and basket forms answer not found (or that the item is gone)', async () => {
    const orderPage = await get(`/orders/${f.a.order.id}`)
    expect(orderPage.status).toBe(200)
    const testPage = await get(`/orders/${f.a.order.id}/test-payment`)
    expect(testPage.status).toBe(200)
    for (const id of OUT_OF_RANGE) {
      const pay = await submitForm(`${server.url}/orders/${f.a.order.id}`, formWith(orderPage.html, 'name="order"'), { order: id }, learner)
      expect(pay.status, `pay ${id}`).toBe(404)
      const testPay = await submitForm(`${server.url}/orders/${f.a.order.id}/test-payment`, formWith(testPage.html, 'name="order"'), { order: id, outcome: 'succeed' }, learner)
      expect(testPay.status, `test payment ${id}`).toBe(404)
    }
    expect(await t.payload.findByID({ collection: 'orders', id: f.a.order.id, ...system })).toMatchObject({ status: 'awaiting-payment', paidAt: null })
    await payloadPool(t.payload).query('delete from basket_items where account_id = $1', [f.a.account.id])
    await t.payload.create({ collection: 'basket-items', data: { account: f.a.account.id, product: f.product.id, achievement: f.a.achievement.id, reason: 'lost' }, ...system })
    const basket = await get('/basket')
    for (const form of [formWith(basket.html, 'name="reason"'), formWith(basket.html, 'Remove')]) {
      const answer = await submitForm(`${server.url}/basket`, form, { item: OUT_OF_RANGE[0]!, reason: 'lost' }, learner)
      expect([answer.status, answer.headers.get('location')]).toEqual([303, '/basket?notice=gone'])
    }
  })

  it('/orders tells a learner awaiting review or rejected that the store opens once approved', async () => {
    for (const status of ['awaiting-review', 'rejected']) {
      const cookie = await signIn(server.url, 'accounts', `${status}@fixture.test`, PASSWORD)
      const orders = await get('/orders', cookie)
      expect(orders.status, status).toBe(200)
      expect(text(orders.html), status).toContain('Orders Printed documents you have ordered. Open an order for its details, receipt and tracking. The store opens once your account is approved.')
      expect((await get(`/orders/${f.a.order.id}`, cookie)).status, status).toBe(404)
    }
  })

  it('the order page says when the payment service could not be reached, and offers to pay again', async () => {
    const page = await get(`/orders/${f.a.order.id}?notice=payment-unreachable`)
    expect(text(page.html)).toContain('We could not reach the payment service. Your order is kept: try paying again.')
    expect(text(page.html)).toContain('Pay £30.50 now')
  })
})
