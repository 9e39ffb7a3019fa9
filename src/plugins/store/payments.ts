import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { queryInTransaction } from '../../collections/sql'
import { inTransaction } from '../../collections/transaction'
import { formatUkDateTime } from '../../lib/dates'
import { formatPence } from '../../lib/money'
import { applyOrderAction } from '../../lib/orders'
import type { Order } from '../../payload-types'
import * as mail from './emails'
import { emailLearner, lockedOrder, orderStateOf, recordOrderEvent, saveOrder } from './record'

/**
 * What the payment provider says happened to an order, whoever carried the news (a webhook,
 * the reconciliation job, the test payment page). Amounts in pence, currency lower case.
 */
export type PaymentFact =
  | { type: 'paid'; orderId: number; reference: string; amountPence: number; currency: string }
  | { type: 'failed'; orderId: number; sessionId?: string }
  | { type: 'expired'; orderId: number; sessionId?: string }
  | { type: 'refunded'; orderId: number; reference: string; amountPence: number; refundedPence: number; currency: string }
  /** The payment provider will never say how the order's payment went (its session is gone): staff check it. */
  | { type: 'unverifiable'; orderId: number; problem: string }
  /** Left unpaid past the payment page's expiry (the reconciliation job's finding). */
  | { type: 'abandoned'; orderId: number; lastActivityBefore: Date }

export type SettleOutcome = 'duplicate' | 'no-order' | 'paid' | 'refunded' | 'flagged' | 'noted' | 'expired' | 'unchanged'

/**
 * System task: settles one payment fact on its order, once. With `eventId`, the event is recorded
 * first in the same transaction: a repeat (at once or later) waits on that row and then finds it,
 * and a failure rolls both back so the provider's retry settles it. The order's row is locked
 * while it changes; a payment that does not match the order's total is flagged, not fulfilled.
 */
export async function settlePayment(payload: Payload, fact: PaymentFact, event?: { id: string; type: string }): Promise<SettleOutcome> {
  const req = await createLocalReq({ context: { skipAudit: true } }, payload)
  return inTransaction(req, async () => {
    if (event) {
      const order = Number.isInteger(fact.orderId) && fact.orderId > 0 ? fact.orderId : null
      const { rowCount } = await queryInTransaction(
        req,
        sql`insert into payment_events (event_id, type, order_id, updated_at, created_at)
            select ${event.id}, ${event.type}, ${order}, now(), now() where ${order}::int is null or exists (select 1 from orders where id = ${order})
            on conflict (event_id) do nothing`,
      )
      if (!rowCount) {
        const seen = await queryInTransaction(req, sql`select 1 from payment_events where event_id = ${event.id}`)
        if (seen.rowCount) return 'duplicate'
      }
    }
    const order = await lockedOrder(req, fact.orderId)
    if (!order) return 'no-order'
    return settleLocked(req, order, fact)
  })
}

async function settleLocked(req: PayloadRequest, order: Order, fact: PaymentFact): Promise<SettleOutcome> {
  const state = orderStateOf(order)
  switch (fact.type) {
    case 'paid':
      return pay(req, order, fact)
    case 'failed':
    case 'expired': {
      if (state.paid) return 'unchanged'
      if (fact.type === 'expired' && fact.sessionId && fact.sessionId !== order.stripeSessionId) return 'unchanged'
      await recordOrderEvent(req, order, fact.type === 'failed' ? 'payment-failed' : 'payment-expired', 'payment', 'The order is still awaiting payment: the learner can pay again.')
      return 'noted'
    }
    case 'unverifiable':
      return state.paid ? 'unchanged' : flag(req, order, fact.problem)
    case 'abandoned': {
      // Checked again under the lock: a payment page opened since the job looked keeps the order.
      if (new Date(order.lastPaymentStartedAt ?? order.createdAt) >= fact.lastActivityBefore) return 'unchanged'
      const outcome = applyOrderAction(state, { type: 'expire' }, 'system')
      if (!outcome.ok || !outcome.changed) return 'unchanged'
      const saved = await saveOrder(req, order, outcome.next)
      await recordOrderEvent(req, saved, 'expired', 'system', 'Not paid within 24 hours of the last payment page.')
      await emailLearner(req, saved, mail.orderCancelledMessage, { why: 'It was not paid within 24 hours, so nothing was taken. You can order again from the store.' })
      return 'expired'
    }
    case 'refunded': {
      // A refund of another payment for the order (a second one, flagged for staff) is not the order's.
      if (state.paid && order.paymentReference && fact.reference !== order.paymentReference) return 'unchanged'
      let current = order
      if (!state.paid) {
        // A charge can only be refunded once it was paid: the refund also tells us of the payment.
        const paid = await pay(req, order, { type: 'paid', orderId: order.id, reference: fact.reference, amountPence: fact.amountPence, currency: fact.currency })
        if (paid !== 'paid') return paid
        current = (await lockedOrder(req, order.id))!
      }
      const outcome = applyOrderAction(orderStateOf(current), { type: 'refund', refundedPence: fact.refundedPence }, 'payment')
      if (!outcome.ok || !outcome.changed) return 'unchanged'
      const saved = await saveOrder(req, current, outcome.next)
      await announceRefund(req, saved)
      return 'refunded'
    }
  }
}

async function pay(req: PayloadRequest, order: Order, fact: Extract<PaymentFact, { type: 'paid' }>): Promise<SettleOutcome> {
  if (order.paidAt) {
    if (!order.paymentReference || fact.reference === order.paymentReference) return 'unchanged'
    // Paid on an older payment page as well as the newer one: the learner paid twice.
    return flag(req, order, `A second payment, ${fact.reference} of ${formatPence(fact.amountPence)}, was received for this paid order: refund it.`)
  }
  if (fact.amountPence !== order.totalPence || fact.currency.toLowerCase() !== 'gbp') {
    const problem = `Payment ${fact.reference} was ${formatPence(fact.amountPence)} in ${fact.currency.toUpperCase()}; the order's total is ${formatPence(order.totalPence)} in GBP.`
    return flag(req, order, problem, { paymentReference: fact.reference })
  }
  const outcome = applyOrderAction(orderStateOf(order), { type: 'pay' }, 'payment')
  if (!outcome.ok || !outcome.changed) return 'unchanged'
  const paidAt = new Date()
  const saved = await saveOrder(req, order, outcome.next, { paidAt: paidAt.toISOString(), paymentReference: fact.reference, paymentProblem: null })
  await recordOrderEvent(req, saved, 'paid', 'payment', `${formatPence(fact.amountPence)}, payment reference ${fact.reference}`, paidAt)
  await emailLearner(req, saved, mail.orderPaidMessage, { paidOn: formatUkDateTime(paidAt), reference: fact.reference })
  return 'paid'
}

/** A payment staff must check: noted on the order and its timeline once, nothing fulfilled. */
async function flag(req: PayloadRequest, order: Order, problem: string, fields: Partial<Order> = {}): Promise<SettleOutcome> {
  if (order.paymentProblem === problem) return 'flagged'
  await saveOrder(req, order, orderStateOf(order), { paymentProblem: problem, ...fields })
  await recordOrderEvent(req, order, 'payment-problem', 'payment', problem)
  return 'flagged'
}

/** The refund's timeline line, audit entry and email, once the order records it. */
export async function announceRefund(req: PayloadRequest, order: Order) {
  const whole = order.status === 'refunded'
  await recordOrderEvent(req, order, whole ? 'refunded' : 'partly-refunded', req.user ? 'staff' : 'payment', `${formatPence(order.refundedPence ?? 0)} refunded in all`)
  await emailLearner(req, order, mail.orderRefundedMessage, { refunded: formatPence(order.refundedPence ?? 0), whole })
}
