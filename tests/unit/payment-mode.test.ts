import { afterEach, describe, expect, it, vi } from 'vitest'

import { finishTestPayment, paymentMode, startPayment } from '../../src/plugins/store'

/**
 * How learners pay is set by the environment: Stripe with both its keys, the test payment
 * outside production otherwise, and in production without keys no payment at all (the order
 * is kept). The refusals come before anything is read: no order, no database.
 */
const learner = { collection: 'accounts', id: 1, kind: 'learner', status: 'approved', _verified: true } as never
const noDatabase = null as never

afterEach(() => vi.unstubAllEnvs())

describe('payment mode', () => {
  it('is Stripe only with both keys, the test payment without them outside production, and nothing in production', () => {
    vi.stubEnv('STRIPE_SECRET_KEY', '')
    vi.stubEnv('STRIPE_WEBHOOK_SECRET', '')
    expect(paymentMode()).toBe('test')
    vi.stubEnv('STRIPE_SECRET_KEY', 'sk_test_x')
    expect(paymentMode()).toBe('test')
    vi.stubEnv('STRIPE_WEBHOOK_SECRET', 'whsec_x')
    expect(paymentMode()).toBe('stripe')
    vi.stubEnv('NODE_ENV', 'production')
    expect(paymentMode()).toBe('stripe')
    vi.stubEnv('STRIPE_WEBHOOK_SECRET', '')
    expect(paymentMode()).toBe('unavailable')
  })

  it('in production without Stripe, paying is refused with a message and the test payment page does not exist', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    vi.stubEnv('STRIPE_SECRET_KEY', '')
    vi.stubEnv('STRIPE_WEBHOOK_SECRET', '')
    expect(await startPayment(noDatabase, learner, 1)).toEqual({ ok: false, status: 503, error: 'Card payments are not available just now. Your order is kept: please try again later.' })
    expect(await finishTestPayment(noDatabase, learner, 1, true)).toEqual({ ok: false, status: 404, error: 'We could not find that order.' })
  })

  it('with Stripe set up, the test payment page does not exist either', async () => {
    vi.stubEnv('STRIPE_SECRET_KEY', 'sk_test_x')
    vi.stubEnv('STRIPE_WEBHOOK_SECRET', 'whsec_x')
    expect(await finishTestPayment(noDatabase, learner, 1, true)).toEqual({ ok: false, status: 404, error: 'We could not find that order.' })
  })
})
