import { describe, expect, it } from 'vitest'

import { isVerifyPath } from '../../src/endpoints/verify'
import { esc } from '../../src/endpoints/verify/html'
import { afterFailure, secondsToWait, VERIFY_LOOKUPS, type ThrottleState } from '../../src/lib/throttle'
import { codeFromInput, throttleAddress, verifyThrottleKey } from '../../src/lib/verify'

const CODE = 'hT3kQ9vLx2Wm7RbN0pYcZe5Ua8s'

describe('the code in what someone typed or pasted', () => {
  it.each([
    [CODE, CODE],
    [`  ${CODE}\n`, CODE],
    ['hT3kQ9vLx2Wm7 RbN0pYcZe5Ua8s', CODE],
    [`https://portal.example.org/verify/${CODE}`, CODE],
    [`portal.example.org/verify/${CODE}/document`, CODE],
    [`https://portal.example.org/verify/${CODE}?utm=qr#top`, CODE],
    ['', ''],
    ['https://portal.example.org/verify/', ''],
  ])('%j → %j', (typed, code) => expect(codeFromInput(typed)).toBe(code))

  it('never reads more than a pasted address needs', () => expect(codeFromInput('x'.repeat(100_000)).length).toBeLessThanOrEqual(500))
})

describe('the address a verification throttle counts', () => {
  it.each([
    ['198.51.100.7', '198.51.100.7'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['::ffff:c633:6407', '198.51.100.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s → %s', (ip, counted) => expect(throttleAddress(ip)).toBe(counted))

  it('keys by address', () => expect(verifyThrottleKey('2001:db8:1:2:aaaa::1')).toBe(verifyThrottleKey('2001:db8:1:2:bbbb::2')))
})

describe('verification throttling (VERIFY_LOOKUPS)', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, 0) + minutes * 60_000)

  it('lets 30 misses in 10 minutes through, then blocks for 5 minutes, doubling while misses go on', () => {
    let state: ThrottleState | null = null
    const waits: number[] = []
    for (let i = 0; i < 32; i++) {
      state = afterFailure(state, at(0), VERIFY_LOOKUPS)
      waits.push(secondsToWait(state, at(0)))
    }
    expect(waits.slice(0, 30)).toEqual(Array.from({ length: 30 }, () => 0))
    expect(waits.slice(30)).toEqual([300, 600])
    expect(afterFailure(state, at(11), VERIFY_LOOKUPS)).toMatchObject({ failures: 1, blockedUntil: null })
  })
})

describe('the fast path', () => {
  it.each([
    ['/verify', true],
    ['/verify/', true],
    ['/verify?code=abc', true],
    [`/verify/${CODE}`, true],
    [`/verify/${CODE}?x=1`, true],
    [`/verify/${CODE}/document`, false],
    ['/verifyx', false],
    ['/verify-other', false],
    ['/api/verify', false],
    ['/', false],
  ])('%s → %s', (url, fast) => expect(isVerifyPath(url)).toBe(fast))

  it('escapes everything it prints', () => expect(esc(`<a href="x">O'Brien & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;'))
})
