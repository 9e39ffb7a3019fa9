import { sql } from '@payloadcms/db-postgres'
import type { Payload, TaskConfig } from 'payload'
import type Stripe from 'stripe'

import { AS_SYSTEM } from '../../access/system'
import type { Order } from '../../payload-types'
import { settlePayment } from './payments'
import { refundThroughStripe } from './staff'
import { paymentMode, stripeClient } from './stripe'

export const STORE_QUEUE = 'store'
export const RECONCILE_TASK = 'reconcile-payments'

/** Stripe's Checkout Sessions expire 24 hours after they are made; an order left that long unpaid is abandoned. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000
/** Give the webhook this long before asking Stripe ourselves. */
const WEBHOOK_GRACE_MS = 10 * 60 * 1000
/** An order whose payment needs checking by staff is asked of Stripe again once a day, not every run. */
const FLAGGED_BACK_OFF_MS = 24 * 60 * 60 * 1000
/** Orders checked in one run: those checked longest ago (or never) first, so none waits behind the others for good. */
export const RECONCILE_BATCH = 200

export type ReconcileReport = { checked: number; paid: number; expired: number; failed: number; refundsRecorded: number }

type Due = { id: number; stripeSessionId: string | null; lastPaymentStartedAt: string | null; createdAt: string; paymentMode: string | null; paymentProblem: string | null }

const execute = (payload: Payload, query: ReturnType<typeof sql>) =>
  (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: Array<Record<string, unknown>> }> } }).drizzle.execute(query)

/** Stripe says this session does not exist for these keys (a 404, or a session made with test keys asked with live ones): it never will. */
const isGoneForGood = (error: unknown) => (error as { type?: string }).type === 'StripeInvalidRequestError'

/**
 * The lost-webhook case: every order awaiting payment whose payment page was opened a while ago
 * is checked with Stripe. A paid session completes its order (settled like the webhook would,
 * once); an order left unpaid past the session's expiry is cancelled. Each order is handled on its
 * own: what goes wrong with one is logged (and, when Stripe will never return its session,
 * flagged on it for staff) and the run goes on. Every order checked is stamped, and the least
 * recently checked come first, so no order is starved by others. Safe to run twice or at once:
 * settling locks the order and acts on facts that only grow.
 */
export async function reconcilePayments(payload: Payload, now = new Date()): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, paid: 0, expired: 0, failed: 0, refundsRecorded: 0 }
  const mode = paymentMode()
  if (mode === 'stripe') await finishPendingRefunds(payload, report)
  const at = (ms: number) => new Date(now.getTime() - ms).toISOString()
  const { rows } = await execute(payload, sql`
    select id, stripe_session_id, last_payment_started_at, created_at, payment_mode, payment_problem from orders
    where status = 'awaiting-payment' and paid_at is null
      and (last_payment_started_at < ${at(WEBHOOK_GRACE_MS)} or created_at < ${at(ABANDONED_AFTER_MS)})
      and (payment_problem is null or payment_checked_at is null or payment_checked_at < ${at(FLAGGED_BACK_OFF_MS)})
    order by payment_checked_at asc nulls first, id asc
    limit ${RECONCILE_BATCH}`)
  const due: Due[] = rows.map((row) => ({
    id: Number(row.id),
    stripeSessionId: (row.stripe_session_id as string | null) ?? null,
    lastPaymentStartedAt: row.last_payment_started_at ? new Date(row.last_payment_started_at as string).toISOString() : null,
    createdAt: new Date(row.created_at as string).toISOString(),
    paymentMode: (row.payment_mode as string | null) ?? null,
    paymentProblem: (row.payment_problem as string | null) ?? null,
  }))
  for (const order of due) {
    report.checked++
    try {
      await checkOne(payload, order, mode, now, report)
    } catch (error) {
      report.failed++
      payload.logger.error({ err: error, order: order.id }, `Payment check of order ${order.id} failed; the other orders are checked all the same.`)
      if (isGoneForGood(error)) await flagUncheckable(payload, order, (error as Error).message).catch((flagError: unknown) => payload.logger.error({ err: flagError, order: order.id }, 'Could not flag the order.'))
    }
    await execute(payload, sql`update orders set payment_checked_at = ${now.toISOString()} where id = ${order.id}`).catch((error: unknown) => payload.logger.error({ err: error, order: order.id }, 'Could not stamp the payment check.'))
  }
  return report
}

async function checkOne(payload: Payload, order: Due, mode: ReturnType<typeof paymentMode>, now: Date, report: ReconcileReport) {
  const abandoned = now.getTime() - new Date(order.lastPaymentStartedAt ?? order.createdAt).getTime() > ABANDONED_AFTER_MS
  if (mode === 'stripe' && order.paymentMode === 'stripe' && order.stripeSessionId) {
    const session: Stripe.Checkout.Session = await stripeClient().checkout.sessions.retrieve(order.stripeSessionId)
    if (session.payment_status === 'paid') {
      const reference = (typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id) ?? session.id
      const outcome = await settlePayment(payload, { type: 'paid', orderId: order.id, reference, amountPence: session.amount_total ?? -1, currency: session.currency ?? '' })
      if (outcome === 'paid') report.paid++
      return
    }
    // Complete but unpaid: a delayed payment method is still settling, and its own event will say how it went.
    if (session.status === 'complete' || (session.status === 'open' && session.expires_at * 1000 > now.getTime())) return
  }
  if (abandoned && !order.paymentProblem && (await settlePayment(payload, { type: 'abandoned', orderId: order.id, lastActivityBefore: new Date(now.getTime() - ABANDONED_AFTER_MS) })) === 'expired') report.expired++
}

/** An order Stripe will never return the payment page of: staff check it (the order is not cancelled for them). */
async function flagUncheckable(payload: Payload, order: Due, why: string) {
  const problem = `Stripe could not return this order’s payment page (${why}). Check the payment in Stripe’s dashboard, then cancel or refund the order.`
  await settlePayment(payload, { type: 'unverifiable', orderId: order.id, problem })
}

/** Stripe refunds staff asked for whose record did not commit: asked again (the same key, so refunded once) and recorded. */
async function finishPendingRefunds(payload: Payload, report: ReconcileReport) {
  const { docs } = await payload.find({ collection: 'orders', where: { refundPendingPence: { greater_than: 0 } }, limit: RECONCILE_BATCH, pagination: false, ...AS_SYSTEM })
  for (const order of docs as Order[]) {
    const result = await refundThroughStripe(payload, null, order, order.refundPendingPence!).catch((error: unknown) => ({ ok: false as const, error: (error as Error).message }))
    if (result.ok) report.refundsRecorded++
    else payload.logger.error({ order: order.id, error: result.error }, 'A pending refund is still not recorded.')
  }
}

export const reconcilePaymentsTask: TaskConfig<{ input: Record<string, never>; output: ReconcileReport }> = {
  slug: RECONCILE_TASK,
  label: 'Check payments with Stripe and cancel abandoned orders',
  retries: 2,
  schedule: [{ cron: '*/5 * * * *', queue: STORE_QUEUE }],
  handler: async ({ req }) => ({ output: await reconcilePayments(req.payload) }),
}
