import Stripe from 'stripe'
import type { Payload } from 'payload'

import { addToBasket } from '../src/plugins/store'
import { payloadPool } from '../src/runtime/pool'
import { signIn } from '../tests/helpers/server'
import { atRate, checkPage } from './connections'
import { benchDatabase, ensureProductionBuild, startProduction } from './production'

/**
 * npm run bench -- store (issue 18), on the production build: Stripe webhook deliveries per
 * second on distinct events (one checkout.session.completed per order, each fulfilling its
 * order), a burst of one event delivered 100 times at once (exactly one fulfilment), and the
 * signed-in learner's /checkout?step=confirm and /orders at fixed request rates.
 */
const ORDERS = 500
const CONCURRENCY = 10
const BURST = 100
const PAST_ORDERS = 30
const RATES = [20, 50]
const STEP_SECONDS = 10
const WARM_UP_SECONDS = 5
const PASSWORD = 'amber canyon whistle quietly'
const SECRET_KEY = 'sk_test_bench_store'
const WEBHOOK_SECRET = 'whsec_bench_store'
const TOTAL = 3400

type Row = [string, string, string]
const system = { overrideAccess: true, depth: 0, context: { skipAudit: true } } as const
const seconds = (since: number) => (performance.now() - since) / 1000

/** A learner with one achievement, the £30.50 duplicate certificate and UK 1st class (£3.50). */
async function seedStore(payload: Payload) {
  const create = async (collection: 'qualifications' | 'candidates' | 'achievements' | 'documents' | 'accounts' | 'products' | 'delivery-options', data: Record<string, unknown>) =>
    (await payload.create({ collection, data, disableVerificationEmail: true, ...system } as never)) as unknown as { id: number }
  const qualification = await create('qualifications', { qualificationNumber: '603/9999/1', title: 'Bench Diploma', level: '3', type: 'regulated' })
  const candidate = await create('candidates', { candidateNumber: 'C910001', firstName: 'Bench', surname: 'Buyer', dateOfBirth: '1990-01-01T00:00:00.000Z' })
  const achievement = await create('achievements', { candidate: candidate.id, qualification: qualification.id, grade: 'Merit', issueDate: '2024-06-01T00:00:00.000Z' })
  await create('documents', { achievement: achievement.id, type: 'certificate' })
  const learner = await create('accounts', { email: 'buyer@bench.example', password: PASSWORD, _verified: true, status: 'approved', kind: 'learner', firstName: 'Bench', lastName: 'Buyer', candidate: candidate.id })
  const product = await create('products', { name: 'Duplicate certificate', code: 'BENCH-DUP', pricePence: 3050, vatRatePercent: 0 })
  const deliveryOption = await create('delivery-options', { name: 'Royal Mail Signed For 1st class', region: 'uk', pricePence: 350, estimatedDelivery: '1–2 working days' })
  return { learner: learner.id, achievement: achievement.id, product: product.id, deliveryOption: deliveryOption.id }
}

type Seeded = Awaited<ReturnType<typeof seedStore>>
const ADDRESS = { label: '', fullName: 'Bench Buyer', line1: '1 High Street', line2: '', town: 'York', county: '', postcode: 'YO1 7HH', country: 'GB' }

/** Orders awaiting payment as checkout leaves them (made directly: checkout's own cost is not what this measures). */
async function ordersAwaitingPayment(payload: Payload, seeded: Seeded, count: number, prefix: string): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    const order = await payload.create({
      collection: 'orders',
      data: {
        orderNumber: `ORD-${prefix}-${String(i).padStart(5, '0')}`,
        account: seeded.learner,
        status: 'awaiting-payment',
        items: [{ product: seeded.product, achievement: seeded.achievement, reason: 'lost', description: 'Duplicate certificate: Bench Diploma', unitPricePence: 3050, vatPence: 0 }],
        billingAddress: ADDRESS,
        deliveryAddress: ADDRESS,
        deliveryOption: seeded.deliveryOption,
        subtotalPence: 3050,
        deliveryPence: 350,
        vatPence: 0,
        totalPence: TOTAL,
        paymentMode: 'stripe',
      } as never,
      ...system,
    })
    ids.push(order.id)
  }
  return ids
}

const signer = new Stripe(SECRET_KEY)
let events = 0
/** A signed checkout.session.completed for an order, as Stripe sends it. */
function completedEvent(orderId: number) {
  const body = JSON.stringify({
    id: `evt_bench_${++events}`,
    object: 'event',
    type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: { id: `cs_bench_${orderId}`, object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: TOTAL, currency: 'gbp', payment_intent: `pi_bench_${orderId}`, client_reference_id: String(orderId), metadata: { orderId: String(orderId) } } },
  })
  return { body, signature: signer.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET }) }
}

async function deliver(app: string, event: { body: string; signature: string }): Promise<string> {
  const response = await fetch(`${app}/api/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': event.signature }, body: event.body })
  const answer = (await response.json()) as { outcome?: string; error?: string }
  if (response.status !== 200) throw new Error(`the webhook answered ${response.status}: ${answer.error}`)
  return answer.outcome ?? '?'
}

/** `items` through `work`, `concurrency` at a time. */
async function inParallel<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const item = items[next++]!
      results.push(await work(item))
    }
  }))
  return results
}

export async function benchStore(): Promise<Row[]> {
  process.env.JOBS_AUTORUN = 'false'
  process.env.STRIPE_SECRET_KEY = SECRET_KEY
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
  ensureProductionBuild()
  const db = await benchDatabase('bench-store')
  const rows: Row[] = []
  const print = (row: Row) => (rows.push(row), console.log(`  ${row[0]}: ${row[1]}`))
  try {
    const pool = payloadPool(db.payload)
    const seeded = await seedStore(db.payload)
    const distinct = await ordersAwaitingPayment(db.payload, seeded, ORDERS, 'BNCH')
    const [burstOrder] = await ordersAwaitingPayment(db.payload, seeded, 1, 'BRST')
    // The learner's order history for /orders: paid orders settled the way the webhook settles them.
    const history = await ordersAwaitingPayment(db.payload, seeded, PAST_ORDERS, 'PAST')

    const server = await startProduction(db.url, { STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_MAX_NETWORK_RETRIES: '0' })
    try {
      const app = server.url.replace('localhost', '127.0.0.1')
      for (const id of history) await deliver(app, completedEvent(id))

      const signed = distinct.map(completedEvent)
      let started = performance.now()
      const outcomes = await inParallel(signed, CONCURRENCY, (event) => deliver(app, event))
      const took = seconds(started)
      const paid = Number((await pool.query(`select count(*) from orders where id = any($1::int[]) and status = 'paid' and paid_at is not null`, [distinct])).rows[0].count)
      if (paid !== ORDERS || outcomes.some((o) => o !== 'paid')) throw new Error(`${paid} of ${ORDERS} orders paid; outcomes ${[...new Set(outcomes)].join(', ')}`)
      print([`webhook: ${ORDERS} distinct checkout.session.completed events over HTTP, ${CONCURRENCY} at a time (each fulfils its order: paid, timeline, audit, email queued)`, `${(ORDERS / took).toFixed(0)} events/s (${took.toFixed(1)} s)`, 'none'])

      const event = completedEvent(burstOrder!)
      started = performance.now()
      const burst = await Promise.all(Array.from({ length: BURST }, () => deliver(app, event)))
      const burstSeconds = seconds(started)
      const fulfilled = burst.filter((o) => o === 'paid').length
      const lines = Number((await pool.query(`select count(*) from order_events where order_id = $1 and event = 'paid'`, [burstOrder])).rows[0].count)
      const emails = Number((await pool.query(`select count(*) from email_outbox where template = 'order-paid' and text like '%' || (select order_number from orders where id = $1) || '%'`, [burstOrder])).rows[0].count)
      if (fulfilled !== 1 || lines !== 1 || emails !== 1) throw new Error(`the burst fulfilled ${fulfilled} times (${lines} paid timeline lines, ${emails} paid emails)`)
      const others = [...new Set(burst.filter((o) => o !== 'paid'))].join(', ')
      print([`webhook: one event delivered ${BURST} times at once`, `1 fulfilment, ${BURST - 1} ${others}; all answered in ${(burstSeconds * 1000).toFixed(0)} ms`, 'one fulfilment'])

      // The learner mid-checkout: one item in the basket, both addresses and the delivery option chosen.
      const learner = { ...(await db.payload.findByID({ collection: 'accounts', id: seeded.learner, ...system })), collection: 'accounts' as const }
      const added = await addToBasket(db.payload, learner as never, { product: seeded.product, achievement: seeded.achievement, reason: 'lost' })
      if (!added.ok) throw new Error(added.error)
      const draft = Buffer.from(JSON.stringify({ billing: ADDRESS, delivery: ADDRESS, deliveryOption: seeded.deliveryOption })).toString('base64url')
      const cookie = `${await signIn(app, 'accounts', 'buyer@bench.example', PASSWORD)}; checkout-draft=${draft}`
      const pages = [
        { name: '/checkout?step=confirm (one item, UK 1st class)', url: `${app}/checkout?step=confirm` },
        { name: `/orders (${PAST_ORDERS + ORDERS + 1} orders, ${PAST_ORDERS + ORDERS + 1} paid)`, url: `${app}/orders` },
      ]
      for (const page of pages) {
        await checkPage(page.url, cookie)
        await atRate(page.url, cookie, RATES[0]!, WARM_UP_SECONDS)
        for (const rate of RATES) {
          const step = await atRate(page.url, cookie, rate, STEP_SECONDS)
          print([`${page.name} @ ${rate} req/s for ${STEP_SECONDS} s: p50 / p99`, `${step.p50} ms / ${step.p99} ms (${step.achieved.toFixed(0)}/s answered, ${step.failures})`, 'none'])
        }
      }
    } finally {
      await server.stop()
    }
    return rows
  } finally {
    await db.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchStore()) console.log(`${row[0]}: ${row[1]} (target ${row[2]})`)
  process.exit(0)
}
