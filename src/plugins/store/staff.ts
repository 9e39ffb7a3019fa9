import { sql } from '@payloadcms/db-postgres'
import { addDataAndFileToRequest, createLocalReq, type Endpoint, type Payload, type PayloadRequest } from 'payload'

import { AS_SYSTEM } from '../../access/system'
import { relationId, staffHasRole, type SignedInUser } from '../../access/users'
import { queryInTransaction } from '../../collections/sql'
import { inTransaction } from '../../collections/transaction'
import { formatPence } from '../../lib/money'
import { applyOrderAction, type OrderAction } from '../../lib/orders'
import { checkTrackingNumber } from '../../lib/tracking'
import type { DeliveryOption, Order } from '../../payload-types'
import * as mail from './emails'
import { announceRefund } from './payments'
import { emailLearner, lockedOrder, orderStateOf, recordOrderEvent, saveOrder } from './record'
import { paymentMode, stripeClient } from './stripe'

export type StaffAction =
  | { type: 'hold'; reason: string }
  | { type: 'release' }
  | { type: 'cancel'; reason?: string }
  | { type: 'print' }
  | { type: 'dispatch'; trackingNumber: string }
  | { type: 'correct-tracking'; trackingNumber: string }
  | { type: 'refund'; amountPence: number }

export type StaffResult = { ok: true; order: Order } | { ok: false; error: string; status: 400 | 403 | 404 | 409 | 502 }

/** A delivery option's tracking page for a tracking number, if it has one. */
export const trackingUrlOf = (option: Pick<DeliveryOption, 'trackingUrl'> | null | undefined, trackingNumber: string | null | undefined) =>
  option?.trackingUrl && trackingNumber ? option.trackingUrl.replace('{tracking}', encodeURIComponent(trackingNumber)) : null

const deliveryOptionOf = async (req: PayloadRequest, order: Order) =>
  order.deliveryOption ? ((await req.payload.findByID({ collection: 'delivery-options', id: Number(relationId(order.deliveryOption)), ...AS_SYSTEM, req, disableErrors: true })) as DeliveryOption | null) : null

/** What happens next, for the learner whose order is no longer on hold. */
const WHAT_NEXT: Partial<Record<string, string>> = {
  paid: 'We will print your documents and post them.',
  'partly-refunded': 'We will print your documents and post them.',
  printed: 'Your documents are printed: we will post them soon.',
}

/**
 * System task: support staff change an order (in `req`'s transaction when it has one). Its own
 * check: the user is support or an administrator; the state machine allows it. The order is
 * locked; the change, its timeline line, audit entry and the learner's email commit together.
 * A refund of a Stripe payment is recorded in steps of its own (see `refundThroughStripe`).
 */
export async function actOnOrder(payload: Payload, user: SignedInUser | null, orderId: unknown, action: StaffAction, outer?: PayloadRequest): Promise<StaffResult> {
  if (!staffHasRole(user, ['administrator', 'support'])) return { ok: false, status: 403, error: 'Only support staff can change orders.' }
  const req = outer ?? (await createLocalReq({ user: user as never, context: { skipAudit: true } }, payload))
  let stripeRefund: { order: Order; targetPence: number } | null = null
  const result = await inTransaction(req, async (): Promise<StaffResult> => {
    const order = await lockedOrder(req, Number(orderId))
    if (!order) return { ok: false, status: 404, error: 'We could not find that order.' }
    if (action.type === 'correct-tracking') return correctTracking(req, order, action.trackingNumber)
    const state = orderStateOf(order)
    if (action.type === 'refund' && (!Number.isSafeInteger(action.amountPence) || action.amountPence <= 0)) return { ok: false, status: 400, error: 'Give the amount to refund in whole pence, more than £0.00.' }
    if (action.type === 'refund' && order.refundPendingPence)
      return { ok: false, status: 409, error: `A refund to ${formatPence(order.refundPendingPence)} in all is still being recorded: wait a few minutes and look again.` }
    if (action.type === 'refund' && state.paid && action.amountPence > state.totalPence - state.refundedPence)
      return { ok: false, status: 400, error: `At most ${formatPence(state.totalPence - state.refundedPence)} is left to refund.` }
    // The state machine counts refunds as the total so far; a staff refund is an amount on top.
    const machineAction: OrderAction = action.type === 'refund' ? { type: 'refund', refundedPence: state.refundedPence + action.amountPence } : action
    const outcome = applyOrderAction(state, machineAction, 'staff')
    if (!outcome.ok) return { ok: false, status: 400, error: outcome.reason }
    if (action.type === 'refund') {
      if (order.paymentMode === 'stripe') {
        if (paymentMode() !== 'stripe') return { ok: false, status: 502, error: 'Stripe is not set up here, so this Stripe payment cannot be refunded from here.' }
        // The intent commits before Stripe is asked: a failure after Stripe answers leaves it for the payment check to finish.
        stripeRefund = { order, targetPence: outcome.next.refundedPence }
        await setRefundPending(req, order.id, outcome.next.refundedPence)
        return { ok: true, order }
      }
      const saved = await saveOrder(req, order, outcome.next)
      await announceRefund(req, saved)
      return { ok: true, order: saved }
    }
    const option = action.type === 'dispatch' ? await deliveryOptionOf(req, order) : null
    let trackingNumber: string | null = null
    if (action.type === 'dispatch') {
      const checked = checkTrackingNumber(action.trackingNumber, option?.region)
      if (!checked.ok) return { ok: false, status: 400, error: checked.error }
      trackingNumber = checked.trackingNumber
    }
    const fields: Partial<Order> =
      action.type === 'hold'
        ? { holdReason: action.reason.trim().slice(0, 500) }
        : action.type === 'release' || action.type === 'cancel'
          ? { holdReason: null }
          : action.type === 'dispatch'
            ? { trackingNumber, dispatchedAt: new Date().toISOString() }
            : {}
    const saved = await saveOrder(req, order, outcome.next, fields)
    const event = action.type === 'hold' ? 'on-hold' : action.type === 'release' ? 'released' : action.type === 'cancel' ? 'cancelled' : action.type === 'print' ? 'printed' : 'dispatched'
    const note = action.type === 'hold' ? action.reason.trim() : action.type === 'cancel' ? action.reason?.trim() : action.type === 'dispatch' ? `Tracking number ${saved.trackingNumber}` : undefined
    await recordOrderEvent(req, saved, event, 'staff', note)
    if (action.type === 'hold') await emailLearner(req, saved, mail.orderOnHoldMessage, { reason: saved.holdReason ?? '' })
    if (action.type === 'release') await emailLearner(req, saved, mail.orderReleasedMessage, { next: WHAT_NEXT[saved.status] ?? '' })
    if (action.type === 'print') await emailLearner(req, saved, mail.orderPrintedMessage, {})
    if (action.type === 'cancel')
      await emailLearner(req, saved, mail.orderCancelledMessage, {
        why: [action.reason?.trim(), saved.paidAt ? 'If you paid, we will refund you and email you when we do.' : 'Nothing was taken.'].filter(Boolean).join(' '),
      })
    if (action.type === 'dispatch') await emailLearner(req, saved, mail.orderDispatchedMessage, { trackingNumber: saved.trackingNumber ?? '', trackingUrl: trackingUrlOf(option, saved.trackingNumber) })
    return { ok: true, order: saved }
  })
  if (!result.ok || !stripeRefund) return result
  const { order, targetPence } = stripeRefund as { order: Order; targetPence: number }
  return refundThroughStripe(payload, user, order, targetPence)
}

/** A dispatched order's tracking number put right: checked like the first, on its timeline and audited, and the learner emailed the right one. */
async function correctTracking(req: PayloadRequest, order: Order, typed: string): Promise<StaffResult> {
  if (!order.trackingNumber || !order.dispatchedAt) return { ok: false, status: 400, error: 'Only a dispatched order’s tracking number can be corrected.' }
  const option = await deliveryOptionOf(req, order)
  const checked = checkTrackingNumber(typed, option?.region)
  if (!checked.ok) return { ok: false, status: 400, error: checked.error }
  if (checked.trackingNumber === order.trackingNumber) return { ok: false, status: 400, error: `The tracking number is ${order.trackingNumber} already.` }
  const saved = await saveOrder(req, order, orderStateOf(order), { trackingNumber: checked.trackingNumber })
  await recordOrderEvent(req, saved, 'tracking-corrected', 'staff', `Tracking number ${order.trackingNumber} corrected to ${checked.trackingNumber}`)
  await emailLearner(req, saved, mail.orderTrackingCorrectedMessage, { trackingNumber: checked.trackingNumber, trackingUrl: trackingUrlOf(option, checked.trackingNumber) })
  return { ok: true, order: saved }
}

/** The refund's intent is bookkeeping, not a change to the order: written without touching its fields (`updatedAt` included). */
const setRefundPending = (req: PayloadRequest, orderId: number, pence: number | null, onlyIf?: number) =>
  queryInTransaction(req, sql`update orders set refund_pending_pence = ${pence} where id = ${orderId} ${onlyIf === undefined ? sql`` : sql`and refund_pending_pence = ${onlyIf}`}`)

/** Stripe said no (a 4xx other than a conflict or rate limit): nothing was refunded. Anything else may have been. */
const isRefusal = (error: unknown) => {
  const status = (error as { statusCode?: number }).statusCode
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 409 && status !== 429
}

/**
 * System task: a Stripe refund whose intent (`refundPendingPence`, the total refunded once it is
 * done) is committed on the order. Stripe is asked with a key made of the order and that total,
 * so asking again (here, or from the payment check after a failure) never refunds twice; then
 * the refund is recorded in a transaction of its own. Stripe refusing clears the intent.
 */
export async function refundThroughStripe(payload: Payload, user: SignedInUser | null, order: Order, targetPence: number): Promise<StaffResult> {
  const req = await createLocalReq({ user: (user ?? undefined) as never, context: { skipAudit: true } }, payload)
  // Already recorded (Stripe's own refund event came first): only the intent is left to clear.
  if ((order.refundedPence ?? 0) < targetPence) {
    try {
      await stripeClient().refunds.create(
        { payment_intent: order.paymentReference!, amount: targetPence - (order.refundedPence ?? 0), metadata: { orderId: String(order.id) } },
        { idempotencyKey: `order-${order.id}-refund-to-${targetPence}` },
      )
    } catch (error) {
      if (!isRefusal(error)) return { ok: false, status: 502, error: `Stripe did not answer (${(error as Error).message}). The refund will be asked again within minutes; look at the order then.` }
      await inTransaction(req, () => setRefundPending(req, order.id, null, targetPence))
      return { ok: false, status: 502, error: `Stripe refused the refund: ${(error as Error).message}` }
    }
  }
  try {
    return await inTransaction(req, async (): Promise<StaffResult> => {
      const current = (await lockedOrder(req, order.id))!
      // Stripe's own refund event may have recorded it first: facts only grow.
      const outcome = applyOrderAction(orderStateOf(current), { type: 'refund', refundedPence: targetPence }, 'payment')
      if (!outcome.ok) return { ok: false, status: 400, error: outcome.reason }
      const saved = outcome.changed ? await saveOrder(req, current, outcome.next) : current
      await setRefundPending(req, order.id, null)
      if (outcome.changed) await announceRefund(req, saved)
      return { ok: true, order: saved }
    })
  } catch (error) {
    payload.logger.error({ err: error, order: order.id }, 'A Stripe refund was made but could not be recorded yet: the payment check will record it.')
    return { ok: false, status: 502, error: `Stripe refunded ${formatPence(targetPence - (order.refundedPence ?? 0))}, but recording it failed. It will be recorded within minutes; look at the order then.` }
  }
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
    case 'correct-tracking':
      return text('trackingNumber') ? { type: 'correct-tracking', trackingNumber: text('trackingNumber') } : 'Give the right tracking number.'
    case 'refund': {
      const pence = Number(text('amountPence'))
      return Number.isSafeInteger(pence) && pence > 0 ? { type: 'refund', amountPence: pence } : 'Give the amount to refund in whole pence, more than 0.'
    }
    default:
      return 'Choose what to do: hold, release, cancel, print, dispatch, correct-tracking or refund.'
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
