import type { Endpoint, Payload } from 'payload'
import type Stripe from 'stripe'

import { settlePayment, type PaymentFact, type SettleOutcome } from './payments'
import { paymentMode, stripeClient, webhookSecret } from './stripe'

const orderIdOf = (metadata: Stripe.Metadata | null | undefined, fallback?: string | null) => Number(metadata?.orderId ?? fallback ?? NaN)

const referenceOf = (paymentIntent: string | Stripe.PaymentIntent | null | undefined, fallback: string) =>
  (typeof paymentIntent === 'string' ? paymentIntent : paymentIntent?.id) ?? fallback

/** What a Stripe event says about an order, or null for an event the store does not act on. */
export function factOf(event: Stripe.Event): PaymentFact | null {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object
      const orderId = orderIdOf(session.metadata, session.client_reference_id)
      // A completed session paid by a delayed method is not paid yet: async_payment_succeeded follows.
      if (session.payment_status !== 'paid') return null
      return { type: 'paid', orderId, reference: referenceOf(session.payment_intent, session.id), amountPence: session.amount_total ?? -1, currency: session.currency ?? '' }
    }
    case 'checkout.session.async_payment_failed':
      return { type: 'failed', orderId: orderIdOf(event.data.object.metadata, event.data.object.client_reference_id), sessionId: event.data.object.id }
    case 'checkout.session.expired':
      return { type: 'expired', orderId: orderIdOf(event.data.object.metadata, event.data.object.client_reference_id), sessionId: event.data.object.id }
    case 'charge.refunded': {
      const charge = event.data.object
      return { type: 'refunded', orderId: orderIdOf(charge.metadata), reference: referenceOf(charge.payment_intent, charge.id), amountPence: charge.amount, refundedPence: charge.amount_refunded, currency: charge.currency }
    }
    default:
      return null
  }
}

export type WebhookAnswer = { status: number; body: { received: true; outcome: SettleOutcome | 'ignored' } | { error: string } }

/**
 * A Stripe webhook delivery: the signature over the raw bytes is checked before anything else
 * (stale timestamps, over five minutes, fail it too); then the event is settled once.
 */
export async function handleStripeWebhook(payload: Payload, rawBody: string, signature: string | null): Promise<WebhookAnswer> {
  if (paymentMode() !== 'stripe') return { status: 404, body: { error: 'Stripe is not set up here.' } }
  let event: Stripe.Event
  try {
    event = stripeClient().webhooks.constructEvent(rawBody, signature ?? '', webhookSecret())
  } catch {
    return { status: 400, body: { error: 'The signature did not verify.' } }
  }
  const fact = factOf(event)
  if (!fact) return { status: 200, body: { received: true, outcome: 'ignored' } }
  const outcome = await settlePayment(payload, fact, { id: event.id, type: event.type })
  return { status: 200, body: { received: true, outcome } }
}

/** POST /api/stripe/webhook */
export const stripeWebhookEndpoint: Endpoint = {
  path: '/stripe/webhook',
  method: 'post',
  handler: async (req) => {
    const raw = req.text ? await req.text() : ''
    const { status, body } = await handleStripeWebhook(req.payload, raw, req.headers.get('stripe-signature'))
    return Response.json(body, { status })
  },
}
