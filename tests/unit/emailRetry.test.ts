import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { afterFailedAttempt, MAX_ATTEMPTS } from '../../src/lib/emailRetry'

const NOW = new Date('2026-12-01T09:00:00.000Z')
const minutesLater = (next: { status: string; nextAttemptAt?: Date }) => (next.nextAttemptAt!.getTime() - NOW.getTime()) / 60_000

describe('when a failed email is tried again', () => {
  it('waits 1 minute, 5 minutes, 30 minutes, 2 hours and 12 hours, then gives up', () => {
    const waits = [1, 2, 3, 4, 5].map((attempts) => minutesLater(afterFailedAttempt(attempts, NOW) as never))
    expect(waits).toEqual([1, 5, 30, 120, 720])
    expect(afterFailedAttempt(6, NOW)).toEqual({ status: 'failed' })
    expect(MAX_ATTEMPTS).toBe(6)
  })

  it('refuses an attempt count that is no count', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => afterFailedAttempt(bad, NOW)).toThrow(RangeError)
  })

  it('always waits longer after more failures, and never gives up before the last attempt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (attempts, now) => {
        const next = afterFailedAttempt(attempts, now)
        if (attempts >= MAX_ATTEMPTS) return next.status === 'failed'
        if (next.status !== 'queued' || next.nextAttemptAt <= now) return false
        const later = afterFailedAttempt(attempts + 1, now)
        return later.status === 'failed' || later.nextAttemptAt > next.nextAttemptAt
      }),
    )
  })
})
