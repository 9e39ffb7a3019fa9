/**
 * Orders: the one state machine. Every change to an order's status goes through
 * `applyOrderAction`, which says whether it may happen now and what the order becomes.
 * Pure: no database, no clock. Payment and refunds are facts (paid or not, pence refunded
 * so far) that only ever grow, so events arriving twice or in any order settle the same way.
 */

export type OrderStatus = 'awaiting-payment' | 'paid' | 'on-hold' | 'printed' | 'dispatched' | 'cancelled' | 'refunded' | 'partly-refunded'

/** Who acts: the payment provider (webhook, reconciliation or test payment), staff, or the clock. */
export type OrderActor = 'payment' | 'staff' | 'system'

export type OrderState = {
  status: OrderStatus
  totalPence: number
  paid: boolean
  refundedPence: number
  /** Where a held order goes back to when released. */
  heldFrom: OrderStatus | null
}

export type OrderAction =
  | { type: 'pay' }
  | { type: 'hold'; reason: string }
  | { type: 'release' }
  | { type: 'print' }
  | { type: 'dispatch'; trackingNumber: string }
  | { type: 'cancel' }
  | { type: 'expire' }
  /** `refundedPence`: the total refunded so far, as the payment provider reports it. */
  | { type: 'refund'; refundedPence: number }

export type OrderOutcome = { ok: true; next: OrderState; changed: boolean } | { ok: false; reason: string }

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  'awaiting-payment': 'Awaiting payment',
  paid: 'Paid',
  'on-hold': 'On hold',
  printed: 'Printed',
  dispatched: 'Dispatched',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  'partly-refunded': 'Partly refunded',
}

const STAFF_ONLY = new Set<OrderAction['type']>(['hold', 'release', 'print', 'dispatch', 'cancel'])
const refuse = (reason: string): OrderOutcome => ({ ok: false, reason })
const to = (state: OrderState, patch: Partial<OrderState>): OrderOutcome => ({ ok: true, next: { ...state, ...patch }, changed: true })
const unchanged = (state: OrderState): OrderOutcome => ({ ok: true, next: state, changed: false })

/** Statuses a paid order can still be printed, held or dispatched from. */
const IN_FULFILMENT = new Set<OrderStatus>(['paid', 'partly-refunded'])

export function applyOrderAction(state: OrderState, action: OrderAction, actor: OrderActor): OrderOutcome {
  if (STAFF_ONLY.has(action.type) && actor !== 'staff') return refuse('Only staff can do that.')
  const { status } = state
  switch (action.type) {
    case 'pay':
      if (actor !== 'payment') return refuse('Only a confirmed payment marks an order paid.')
      if (state.paid) return unchanged(state)
      // A payment that lands after the order was cancelled is still the learner's money: the order is paid, for staff to fulfil or refund.
      return to(state, { paid: true, status: 'paid' })
    case 'refund': {
      if (actor === 'system') return refuse('Only staff or the payment provider refund an order.')
      const refunded = Math.min(Math.max(state.refundedPence, action.refundedPence), state.totalPence)
      if (!Number.isInteger(action.refundedPence) || action.refundedPence <= 0) return refuse('Give the amount to refund in whole pence, more than £0.00.')
      // The provider refunds only money it took: its refund arriving first also says the order was paid.
      if (!state.paid && actor !== 'payment') return refuse('Only a paid order can be refunded.')
      if (actor === 'staff' && action.refundedPence > state.totalPence) return refuse('That is more than the order’s total.')
      if (refunded === state.refundedPence && state.paid) return actor === 'staff' ? refuse('That amount has been refunded already.') : unchanged(state)
      return to(state, { paid: true, refundedPence: refunded, status: refundStatus(state.totalPence, refunded), heldFrom: null })
    }
    case 'expire':
      if (actor !== 'system' && actor !== 'payment') return refuse('Only the payment check expires an order.')
      return status === 'awaiting-payment' && !state.paid ? to(state, { status: 'cancelled' }) : unchanged(state)
    case 'cancel':
      if (status === 'awaiting-payment' || status === 'on-hold' || IN_FULFILMENT.has(status) || status === 'printed') return to(state, { status: 'cancelled', heldFrom: null })
      return refuse(`An order that is ${ORDER_STATUS_LABELS[status].toLowerCase()} cannot be cancelled.`)
    case 'hold':
      if (!action.reason.trim()) return refuse('Say why the order is on hold: the learner sees it.')
      if (IN_FULFILMENT.has(status) || status === 'printed') return to(state, { status: 'on-hold', heldFrom: status })
      return refuse(`An order that is ${ORDER_STATUS_LABELS[status].toLowerCase()} cannot be put on hold.`)
    case 'release':
      if (status !== 'on-hold') return refuse('The order is not on hold.')
      return to(state, { status: state.heldFrom ?? 'paid', heldFrom: null })
    case 'print':
      if (IN_FULFILMENT.has(status)) return to(state, { status: 'printed' })
      return refuse(`An order that is ${ORDER_STATUS_LABELS[status].toLowerCase()} cannot be printed.`)
    case 'dispatch':
      if (!action.trackingNumber.trim()) return refuse('Give the tracking number.')
      if (status === 'printed') return to(state, { status: 'dispatched' })
      return refuse(`An order that is ${ORDER_STATUS_LABELS[status].toLowerCase()} cannot be dispatched: print it first.`)
  }
}

function refundStatus(totalPence: number, refundedPence: number): OrderStatus {
  return refundedPence >= totalPence ? 'refunded' : 'partly-refunded'
}
