import { createLocalReq, type Payload } from 'payload'
import Stripe from 'stripe'

import { AS_SYSTEM } from '../../access/system'
import { isActiveLearner, relationId, type SignedInUser } from '../../access/users'
import { inTransaction } from '../../collections/transaction'
import { serverURL } from '../../lib/env'
import { recordId } from '../../lib/ids'
import type { Account, Order } from '../../payload-types'
import { settlePayment, type SettleOutcome } from './payments'
import { lockedOrder, orderStateOf, recordOrderEvent, saveOrder } from './record'
import { paymentMode, stripeClient } from './stripe'

export type StartResult = { ok: true; url: string } | { ok: false; error: string; status: 400 | 404 | 502 | 503 }

const NOT_FOUND = { ok: false, status: 404, error: 'We could not find that order.' } as const

/** Whether `user` is the approved, verified learner who placed `order`. */
const placedBy = (order: Pick<Order, 'account'>, user: SignedInUser | null) => isActiveLearner(user) && String(relationId(order.account)) === String(user.id)

/**
 * System task: opens a payment page for the learner's own order awaiting payment. Each attempt
 * is numbered on the locked order, and Stripe is asked with an idempotency key made of the order
 * and that number: a retried request returns the same session, a new attempt gets a new one.
 * Stripe out of reach (or refusing us) changes nothing: the order is kept, to be paid later.
 */
export async function startPayment(payload: Payload, user: SignedInUser | null, orderId: unknown): Promise<StartResult> {
  const id = recordId(orderId)
  const mode = paymentMode()
  if (mode === 'unavailable') return { ok: false, status: 503, error: 'Card payments are not available just now. Your order is kept: please try again later.' }
  if (id === null) return NOT_FOUND
  try {
    return await openPaymentPage(payload, user, id, mode)
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error
    payload.logger.error({ err: error, order: id }, 'Stripe did not open a payment page')
    return { ok: false, status: 502, error: UNREACHABLE }
  }
}

export const UNREACHABLE = 'We could not reach the payment service. Your order is kept: try paying again.'

async function openPaymentPage(payload: Payload, user: SignedInUser | null, id: number, mode: 'stripe' | 'test'): Promise<StartResult> {
  const req = await createLocalReq({ user: user as never, context: { skipAudit: true } }, payload)
  return inTransaction(req, async (): Promise<StartResult> => {
    const order = await lockedOrder(req, id)
    if (!order || !placedBy(order, user)) return NOT_FOUND
    if (order.status !== 'awaiting-payment' || order.paidAt) return { ok: false, status: 400, error: 'This order is not awaiting payment.' }
    if (order.paymentProblem) return { ok: false, status: 400, error: 'We are checking a payment for this order: please wait for us to contact you.' }
    const attempt = (order.paymentAttempts ?? 0) + 1
    const startedAt = new Date().toISOString()
    if (mode === 'test') {
      await saveOrder(req, order, orderStateOf(order), { paymentMode: 'test', paymentAttempts: attempt, lastPaymentStartedAt: startedAt })
      await recordOrderEvent(req, order, 'payment-started', 'learner', `Test payment, attempt ${attempt}`)
      return { ok: true, url: `/orders/${order.id}/test-payment` }
    }
    if (order.stripeSessionId && !(await closePreviousSession(order.stripeSessionId)))
      return { ok: false, status: 400, error: 'Your payment for this order is being confirmed: there is no need to pay again. This page shows it as paid once it is.' }
    const account = (await payload.findByID({ collection: 'accounts', id: Number(user!.id), ...AS_SYSTEM, req })) as Account
    const session = await stripeClient().checkout.sessions.create(
      {
        mode: 'payment',
        currency: 'gbp',
        client_reference_id: String(order.id),
        customer_email: account.email,
        metadata: { orderId: String(order.id), orderNumber: order.orderNumber },
        payment_intent_data: { metadata: { orderId: String(order.id), orderNumber: order.orderNumber } },
        line_items: [
          ...order.items.map((item) => ({ quantity: 1, price_data: { currency: 'gbp', unit_amount: item.unitPricePence + item.vatPence, product_data: { name: item.description } } })),
          ...(order.deliveryPence > 0 ? [{ quantity: 1, price_data: { currency: 'gbp', unit_amount: order.deliveryPence, product_data: { name: 'Delivery' } } }] : []),
        ],
        success_url: `${serverURL()}/orders/${order.id}?payment=returned`,
        cancel_url: `${serverURL()}/orders/${order.id}?payment=cancelled`,
      },
      { idempotencyKey: `order-${order.id}-attempt-${attempt}` },
    )
    if (!session.url) throw new Error(`Stripe gave session ${session.id} no URL`)
    await saveOrder(req, order, orderStateOf(order), { paymentMode: 'stripe', paymentAttempts: attempt, lastPaymentStartedAt: startedAt, stripeSessionId: session.id })
    await recordOrderEvent(req, order, 'payment-started', 'learner', `Stripe Checkout, attempt ${attempt}`)
    return { ok: true, url: session.url }
  })
}

/**
 * A new payment page closes the one before, so an order cannot be paid on both: false when the
 * earlier one was already completed (its payment is on its way to us) or completes as we close it.
 */
async function closePreviousSession(id: string): Promise<boolean> {
  const stripe = stripeClient()
  const previous = await stripe.checkout.sessions.retrieve(id)
  if (previous.status === 'complete' || previous.payment_status === 'paid') return false
  if (previous.status !== 'open') return true
  try {
    await stripe.checkout.sessions.expire(id)
    return true
  } catch {
    const now = await stripe.checkout.sessions.retrieve(id)
    return now.status === 'expired'
  }
}

/**
 * System task: the test payment page's answer, outside production and only while Stripe is not
 * set up. Its own check: the learner's own order, with a test payment page opened. Settles the
 * same way a Stripe webhook does.
 */
export async function finishTestPayment(payload: Payload, user: SignedInUser | null, orderId: unknown, succeed: boolean): Promise<{ ok: true; outcome: SettleOutcome } | { ok: false; error: string; status: 404 | 400 }> {
  if (paymentMode() !== 'test') return NOT_FOUND
  const id = recordId(orderId)
  if (id === null) return NOT_FOUND
  const order = await payload.findByID({ collection: 'orders', id, ...AS_SYSTEM, disableErrors: true })
  if (!order || !placedBy(order, user) || order.paymentMode !== 'test') return NOT_FOUND
  if (order.status !== 'awaiting-payment') return { ok: false, status: 400, error: 'This order is not awaiting payment.' }
  const reference = `TEST-${order.orderNumber.slice(4)}-${order.paymentAttempts ?? 1}`
  const outcome = succeed
    ? await settlePayment(payload, { type: 'paid', orderId: id, reference, amountPence: order.totalPence, currency: 'gbp' })
    : await settlePayment(payload, { type: 'failed', orderId: id })
  return { ok: true, outcome }
}
