import type { Payload, TaskConfig } from 'payload'

import { settlePayment } from './payments'
import { AS_SYSTEM } from './record'
import { paymentMode, stripeClient } from './stripe'

export const STORE_QUEUE = 'store'
export const RECONCILE_TASK = 'reconcile-payments'

/** Stripe's Checkout Sessions expire 24 hours after they are made; an order left that long unpaid is abandoned. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000
/** Give the webhook this long before asking Stripe ourselves. */
const WEBHOOK_GRACE_MS = 10 * 60 * 1000

export type ReconcileReport = { checked: number; paid: number; expired: number }

/**
 * The lost-webhook case: every order awaiting payment whose payment page was opened a while ago
 * is checked with Stripe. A paid session completes its order (settled like the webhook would,
 * once); an order left unpaid past the session's expiry is cancelled. Safe to run twice or at
 * once: settling locks the order and acts on facts that only grow.
 */
export async function reconcilePayments(payload: Payload, now = new Date()): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, paid: 0, expired: 0 }
  const mode = paymentMode()
  const { docs } = await payload.find({
    collection: 'orders',
    where: {
      status: { equals: 'awaiting-payment' },
      paidAt: { exists: false },
      or: [{ lastPaymentStartedAt: { less_than: new Date(now.getTime() - WEBHOOK_GRACE_MS).toISOString() } }, { createdAt: { less_than: new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString() } }],
    },
    sort: 'lastPaymentStartedAt',
    limit: 200,
    pagination: false,
    select: { stripeSessionId: true, lastPaymentStartedAt: true, createdAt: true, paymentMode: true, paymentProblem: true },
    ...AS_SYSTEM,
  })
  for (const order of docs) {
    report.checked++
    const abandoned = now.getTime() - new Date(order.lastPaymentStartedAt ?? order.createdAt).getTime() > ABANDONED_AFTER_MS
    if (mode === 'stripe' && order.paymentMode === 'stripe' && order.stripeSessionId) {
      const session = await stripeClient().checkout.sessions.retrieve(order.stripeSessionId)
      if (session.payment_status === 'paid') {
        const reference = (typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id) ?? session.id
        const outcome = await settlePayment(payload, { type: 'paid', orderId: order.id, reference, amountPence: session.amount_total ?? -1, currency: session.currency ?? '' })
        if (outcome === 'paid') report.paid++
        continue
      }
      // Complete but unpaid: a delayed payment method is still settling, and its own event will say how it went.
      if (session.status === 'complete' || (session.status === 'open' && session.expires_at * 1000 > now.getTime())) continue
    }
    if (abandoned && !order.paymentProblem && (await settlePayment(payload, { type: 'abandoned', orderId: order.id, lastActivityBefore: new Date(now.getTime() - ABANDONED_AFTER_MS) })) === 'expired') report.expired++
  }
  return report
}

export const reconcilePaymentsTask: TaskConfig<{ input: Record<string, never>; output: ReconcileReport }> = {
  slug: RECONCILE_TASK,
  label: 'Check payments with Stripe and cancel abandoned orders',
  retries: 2,
  schedule: [{ cron: '*/5 * * * *', queue: STORE_QUEUE }],
  handler: async ({ req }) => ({ output: await reconcilePayments(req.payload) }),
}
