import { addDataAndFileToRequest, createLocalReq, type Endpoint, type Payload, type PayloadRequest } from 'payload'

import { staffHasRole, type SignedInUser } from '../../access/users'
import { inTransaction } from '../../collections/transaction'
import { formatPence } from '../../lib/money'
import { applyOrderAction, type OrderAction } from '../../lib/orders'
import type { DeliveryOption, Order } from '../../payload-types'
import * as mail from './emails'
import { announceRefund } from './payments'
import { AS_SYSTEM, emailLearner, lockedOrder, orderStateOf, recordOrderEvent, saveOrder } from './record'
import { paymentMode, stripeClient } from './stripe'

export type StaffAction =
  | { type: 'hold'; reason: string }
  | { type: 'release' }
  | { type: 'cancel'; reason?: string }
  | { type: 'print' }
  | { type: 'dispatch'; trackingNumber: string }
  | { type: 'refund'; amountPence: number }

export type StaffResult = { ok: true; order: Order } | { ok: false; error: string; status: 400 | 403 | 404 | 502 }

/** A delivery option's tracking page for a tracking number, if it has one. */
export const trackingUrlOf = (option: Pick<DeliveryOption, 'trackingUrl'> | null | undefined, trackingNumber: string | null | undefined) =>
  option?.trackingUrl && trackingNumber ? option.trackingUrl.replace('{tracking}', encodeURIComponent(trackingNumber)) : null

/**
 * System task: support staff change an order (in `req`'s transaction when it has one). Its own
 * check: the user is support or an administrator; the state machine allows it. The order is
 * locked; the change, its timeline line, audit entry and the learner's email commit together.
 * A refund goes through Stripe first when the order was paid through Stripe.
 */
export async function actOnOrder(payload: Payload, user: SignedInUser | null, orderId: unknown, action: StaffAction, outer?: PayloadRequest): Promise<StaffResult> {
  if (!staffHasRole(user, ['administrator', 'support'])) return { ok: false, status: 403, error: 'Only support staff can change orders.' }
  const req = outer ?? (await createLocalReq({ user: user as never, context: { skipAudit: true } }, payload))
  return inTransaction(req, async (): Promise<StaffResult> => {
    const order = await lockedOrder(req, Number(orderId))
    if (!order) return { ok: false, status: 404, error: 'We could not find that order.' }
    const state = orderStateOf(order)
    if (action.type === 'refund' && (!Number.isSafeInteger(action.amountPence) || action.amountPence <= 0)) return { ok: false, status: 400, error: 'Give the amount to refund in whole pence, more than £0.00.' }
    if (action.type === 'refund' && state.paid && action.amountPence > state.totalPence - state.refundedPence)
      return { ok: false, status: 400, error: `At most ${formatPence(state.totalPence - state.refundedPence)} is left to refund.` }
    // The state machine counts refunds as the total so far; a staff refund is an amount on top.
    const machineAction: OrderAction = action.type === 'refund' ? { type: 'refund', refundedPence: state.refundedPence + action.amountPence } : action
    const outcome = applyOrderAction(state, machineAction, 'staff')
    if (!outcome.ok) return { ok: false, status: 400, error: outcome.reason }
    if (action.type === 'refund') {
      if (order.paymentMode === 'stripe') {
        if (paymentMode() !== 'stripe') return { ok: false, status: 502, error: 'Stripe is not set up here, so this Stripe payment cannot be refunded from here.' }
        try {
          await stripeClient().refunds.create({ payment_intent: order.paymentReference!, amount: action.amountPence, metadata: { orderId: String(order.id) } }, { idempotencyKey: `order-${order.id}-refund-to-${outcome.next.refundedPence}` })
        } catch (error) {
          return { ok: false, status: 502, error: `Stripe refused the refund: ${(error as Error).message}` }
        }
      }
      const saved = await saveOrder(req, order, outcome.next)
      await announceRefund(req, saved)
      return { ok: true, order: saved }
    }
    const fields: Partial<Order> =
      action.type === 'hold'
        ? { holdReason: action.reason.trim().slice(0, 500) }
        : action.type === 'release' || action.type === 'cancel'
          ? { holdReason: null }
          : action.type === 'dispatch'
            ? { trackingNumber: action.trackingNumber.trim().slice(0, 60), dispatchedAt: new Date().toISOString() }
            : {}
    const saved = await saveOrder(req, order, outcome.next, fields)
    const event = action.type === 'hold' ? 'on-hold' : action.type === 'release' ? 'released' : action.type === 'cancel' ? 'cancelled' : action.type === 'print' ? 'printed' : 'dispatched'
    const note = action.type === 'hold' ? action.reason.trim() : action.type === 'cancel' ? action.reason?.trim() : action.type === 'dispatch' ? `Tracking number ${saved.trackingNumber}` : undefined
    await recordOrderEvent(req, saved, event, 'staff', note)
    if (action.type === 'hold') await emailLearner(req, saved, mail.orderOnHoldMessage, { reason: saved.holdReason ?? '' })
    if (action.type === 'cancel')
      await emailLearner(req, saved, mail.orderCancelledMessage, {
        why: [action.reason?.trim(), saved.paidAt ? 'If you paid, we will refund you and email you when we do.' : 'Nothing was taken.'].filter(Boolean).join(' '),
      })
    if (action.type === 'dispatch') {
      const option = saved.deliveryOption ? await payload.findByID({ collection: 'delivery-options', id: Number(saved.deliveryOption), ...AS_SYSTEM, req, disableErrors: true }) : null
      await emailLearner(req, saved, mail.orderDispatchedMessage, { trackingNumber: saved.trackingNumber ?? '', trackingUrl: trackingUrlOf(option, saved.trackingNumber) })
    }
    return { ok: true, order: saved }
  })
}

/** The staff action a request body asks for, or why it is not one. */
export function staffActionFrom(body: Record<string, unknown>): StaffAction | string {
  const text = (name: string) => String(body[name] ?? '').trim()
  switch (text('action')) {
    case 'hold':
      return text('reason') ? { type: 'hold', reason: text('reason') } : 'Say why the order is on hold: the learner sees it.'
    case 'release':
      return { type: 'release' }
    case 'cancel':
      return { type: 'cancel', reason: text('reason') }
    case 'print':
      return { type: 'print' }
    case 'dispatch':
      return text('trackingNumber') ? { type: 'dispatch', trackingNumber: text('trackingNumber') } : 'Give the tracking number.'
    case 'refund': {
      const pence = Number(text('amountPence'))
      return Number.isSafeInteger(pence) && pence > 0 ? { type: 'refund', amountPence: pence } : 'Give the amount to refund in whole pence, more than 0.'
    }
    default:
      return 'Choose what to do: hold, release, cancel, print, dispatch or refund.'
  }
}

/** POST /api/orders/:id/act with { action, reason?, trackingNumber?, amountPence? }: support staff only. */
export const orderActionEndpoint: Endpoint = {
  path: '/:id/act',
  method: 'post',
  handler: async (req) => {
    if (!staffHasRole(req.user, ['administrator', 'support'])) return Response.json({ error: 'Only support staff can change orders.' }, { status: 403 })
    await addDataAndFileToRequest(req)
    const action = staffActionFrom((req.data ?? {}) as Record<string, unknown>)
    if (typeof action === 'string') return Response.json({ error: action }, { status: 400 })
    const result = await actOnOrder(req.payload, req.user as never, req.routeParams?.id, action)
    return result.ok ? Response.json({ ok: true, status: result.order.status }) : Response.json({ error: result.error }, { status: result.status })
  },
}
