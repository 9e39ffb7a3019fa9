import { describe, expect, it } from 'vitest'

import { afterFailure, PER_ACCOUNT_FROM_IP, secondsToWait, type ThrottleState } from '../../src/lib/throttle'

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, 0) + minutes * 60_000)

describe('sign-in throttling', () => {
  it('lets the first five failures through, then makes each further try wait twice as long', () => {
    let state: ThrottleState | null = null
    const waits: number[] = []
    for (let i = 0; i < 8; i++) {
      state = afterFailure(state, at(0), PER_ACCOUNT_FROM_IP)
      waits.push(secondsToWait(state, at(0)))
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 30, 60, 120])
  })

  it('never waits longer than 15 minutes, and forgets failures after the window', () => {
    let state: ThrottleState | null = null
    for (let i = 0; i < 30; i++) state = afterFailure(state, at(0), PER_ACCOUNT_FROM_IP)
    expect(secondsToWait(state, at(0))).toBe(15 * 60)
    expect(secondsToWait(state, at(15))).toBe(0)
    expect(afterFailure(state, at(16), PER_ACCOUNT_FROM_IP)).toMatchObject({ failures: 1, blockedUntil: null })
  })
})
