import { message } from '../../email/message'
import { serverURL } from '../../lib/env'

/** One named template per order event the learner hears about. */
export type OrderMail = { firstName: string; orderNumber: string; order: number; total: string }

const open = ({ order }: OrderMail) => ({ label: 'See your order', href: `${serverURL()}/orders/${order}` })

export const orderPlacedMessage = message<OrderMail>(
  'order-placed',
  'We have your order',
  ({ orderNumber, total }) => [`Thank you: order ${orderNumber} (${total}) is placed.`, 'It is awaiting payment. If the payment did not go through, you can pay from the order’s page.'],
  open,
)

export const orderPaidMessage = message<OrderMail & { paidOn: string; reference: string }>(
  'order-paid',
  'Payment received for your order',
  ({ orderNumber, total, paidOn, reference }) => [`We received ${total} for order ${orderNumber} on ${paidOn} (payment reference ${reference}).`, 'We will print your documents and post them. Your receipt is on the order’s page.'],
  open,
)

export const orderDispatchedMessage = message<OrderMail & { trackingNumber: string; trackingUrl: string | null }>(
  'order-dispatched',
  'Your order is on its way',
  ({ orderNumber, trackingNumber }) => [`Order ${orderNumber} has been posted. Its tracking number is ${trackingNumber}.`],
  (data) => (data.trackingUrl ? { label: 'Track your delivery', href: data.trackingUrl } : open(data)),
)

export const orderOnHoldMessage = message<OrderMail & { reason: string }>(
  'order-on-hold',
  'Your order is on hold',
  ({ orderNumber, reason }) => [`We have put order ${orderNumber} on hold: ${reason}`, 'Reply to this email or contact support if you can help us go on with it.'],
  open,
)

export const orderCancelledMessage = message<OrderMail & { why: string }>(
  'order-cancelled',
  'Your order has been cancelled',
  ({ orderNumber, why }) => [`Order ${orderNumber} has been cancelled. ${why}`],
  open,
)

export const orderRefundedMessage = message<OrderMail & { refunded: string; whole: boolean }>(
  'order-refunded',
  'Your order has been refunded',
  ({ orderNumber, refunded, whole }) => [
    whole ? `We have refunded order ${orderNumber} in full: ${refunded}.` : `We have refunded ${refunded} of order ${orderNumber}.`,
    'It usually reaches your card within 5 to 10 working days.',
  ],
  open,
)

export const orderReleasedMessage = message<OrderMail & { next: string }>(
  'order-released',
  'Your order is no longer on hold',
  ({ orderNumber, next }) => [`Order ${orderNumber} is no longer on hold. ${next}`],
  open,
)

export const orderPrintedMessage = message<OrderMail>(
  'order-printed',
  'Your documents are printed',
  ({ orderNumber }) => [`The documents of order ${orderNumber} are printed. We will post them soon and email you their tracking number.`],
  open,
)

export const orderTrackingCorrectedMessage = message<OrderMail & { trackingNumber: string; trackingUrl: string | null }>(
  'order-tracking-corrected',
  'A corrected tracking number for your order',
  ({ orderNumber, trackingNumber }) => [`The tracking number we sent you for order ${orderNumber} was wrong. The right one is ${trackingNumber}.`],
  (data) => (data.trackingUrl ? { label: 'Track your delivery', href: data.trackingUrl } : open(data)),
)
