import Stripe from 'stripe'

import { isProduction } from '../../lib/env'

/**
 * How learners pay: Stripe when both its keys are set; otherwise, outside production, the
 * clearly labelled test payment (no money moves); in production without keys, not at all.
 */
export type PaymentMode = 'stripe' | 'test' | 'unavailable'

export function paymentMode(): PaymentMode {
  if (process.env.STRIPE_SECRET_KEY && process.env.STRIPE_WEBHOOK_SECRET) return 'stripe'
  return isProduction() ? 'unavailable' : 'test'
}

export const webhookSecret = (): string => process.env.STRIPE_WEBHOOK_SECRET ?? ''

/**
 * The Stripe client. Its fetch client (rather than Node's http) keeps requests visible to the
 * tests' msw stand-in; fetch is looked up at call time for the same reason.
 */
export function stripeClient(): Stripe {
  const key = process.env.STRIPE_SECRET_KEY
  if (!key) throw new Error('STRIPE_SECRET_KEY is not set.')
  return new Stripe(key, {
    httpClient: Stripe.createFetchHttpClient((...args: Parameters<typeof fetch>) => fetch(...args)),
    maxNetworkRetries: Number(process.env.STRIPE_MAX_NETWORK_RETRIES ?? 2),
    appInfo: { name: 'digital-achievement-portal' },
  })
}
