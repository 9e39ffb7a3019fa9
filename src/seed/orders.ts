import type { Payload } from 'payload'

import { newOrderNumber } from '../plugins/store/checkout'
import { AS_SEEDER } from './asSeeder'

// System task: the seed writes as the system, with audit entries and notifications off.
const AS_SYSTEM = { ...AS_SEEDER, depth: 0 } as const
const DAY = 86_400_000

type Step = [event: string, party: string, daysAgo: number, note?: string]

/** The demo learner's orders: one dispatched, one paid waiting for the printer, one awaiting payment. Only when there are none yet. */
export async function seedOrders(payload: Payload, learnerId: number): Promise<void> {
  if ((await payload.count({ collection: 'orders', overrideAccess: true })).totalDocs > 0) return
  const learner = await payload.findByID({ collection: 'accounts', id: learnerId, ...AS_SYSTEM })
  const { docs: achievements } = await payload.find({ collection: 'achievements', where: { candidate: { equals: learner.candidate } }, limit: 3, sort: 'id', ...AS_SYSTEM, depth: 1 })
  const [certificate, letter] = await Promise.all(['DUP-CERT', 'POQ-LETTER'].map(async (code) => (await payload.find({ collection: 'products', where: { code: { equals: code } }, limit: 1, ...AS_SYSTEM })).docs[0]!))
  const { docs: options } = await payload.find({ collection: 'delivery-options', sort: 'sortOrder', limit: 3, ...AS_SYSTEM })
  const address = { fullName: `${learner.firstName} ${learner.lastName}`, line1: '12 Station Road', town: 'Leeds', postcode: 'LS1 4DY', country: 'GB' }
  const title = (i: number) => (achievements[i]?.qualification as { title?: string } | undefined)?.title ?? 'Qualification'
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString()
  const demos: Array<{ achievement: number; product: typeof certificate; option: (typeof options)[number]; status: string; steps: Step[]; extra?: Record<string, unknown> }> = [
    {
      achievement: 0, product: certificate!, option: options[1]!, status: 'dispatched',
      steps: [['placed', 'learner', 20], ['payment-started', 'learner', 20], ['paid', 'payment', 20, 'payment reference TEST-DEMO-1'], ['printed', 'staff', 18], ['dispatched', 'staff', 17, 'Tracking number RM123456785GB']],
      extra: { paidAt: at(20), paymentReference: 'TEST-DEMO-1', paymentMode: 'test', paymentAttempts: 1, trackingNumber: 'RM123456785GB', dispatchedAt: at(17) },
    },
    { achievement: 1, product: letter!, option: options[0]!, status: 'paid', steps: [['placed', 'learner', 2], ['payment-started', 'learner', 2], ['paid', 'payment', 2, 'payment reference TEST-DEMO-2']], extra: { paidAt: at(2), paymentReference: 'TEST-DEMO-2', paymentMode: 'test', paymentAttempts: 1 } },
    { achievement: 0, product: letter!, option: options[0]!, status: 'awaiting-payment', steps: [['placed', 'learner', 0], ['payment-started', 'learner', 0], ['payment-failed', 'payment', 0, 'The order is still awaiting payment: the learner can pay again.']], extra: { paymentMode: 'test', paymentAttempts: 1, lastPaymentStartedAt: at(0) } },
  ]
  for (const demo of demos) {
    const achievement = achievements[demo.achievement]
    if (!achievement || !demo.product || !demo.option) continue
    const total = demo.product.pricePence + demo.option.pricePence
    const order = await payload.create({
      collection: 'orders',
      data: {
        orderNumber: newOrderNumber(),
        account: learnerId,
        status: demo.status as never,
        items: [{ product: demo.product.id, achievement: achievement.id, reason: 'lost', description: `${demo.product.name}: ${title(demo.achievement)}`, unitPricePence: demo.product.pricePence, vatPence: 0 }],
        billingAddress: address,
        deliveryAddress: address,
        deliveryOption: demo.option.id,
        subtotalPence: demo.product.pricePence,
        deliveryPence: demo.option.pricePence,
        vatPence: 0,
        totalPence: total,
        ...demo.extra,
      },
      ...AS_SYSTEM,
    })
    for (const [event, party, daysAgo, note] of demo.steps)
      await payload.create({ collection: 'order-events', data: { order: order.id, event: event as never, party: party as never, at: at(daysAgo), note }, ...AS_SYSTEM })
  }
}
