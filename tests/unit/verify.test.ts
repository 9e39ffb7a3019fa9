import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { isVerifyPath } from '../../src/endpoints/verify'
import { esc } from '../../src/endpoints/verify/html'
import { afterFailure, secondsToWait, VERIFY_LOOKUPS, type ThrottleState } from '../../src/lib/throttle'
import { londonCalendarDate } from '../../src/lib/dates'
import { codeFromInput, documentStatus, isHoldersSurname, referenceFromInput, statusOn, throttleAddress, verifyThrottleKey } from '../../src/lib/verify'

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

describe('the status a document is shown with (valid, expired, revoked, superseded)', () => {
  const at = (iso: string) => new Date(iso)

  it('an achievement that expires 31/12/2018 is valid through that day in London, expired from 01/01/2019', () => {
    for (const expiryDate of ['2018-12-31', '2018-12-31T00:00:00.000Z']) {
      expect(documentStatus({ status: 'valid', expiryDate }, at('2018-12-31T00:00:00.000Z'))).toBe('valid')
      expect(documentStatus({ status: 'valid', expiryDate }, at('2018-12-31T23:59:59.999Z'))).toBe('valid')
      expect(documentStatus({ status: 'valid', expiryDate }, at('2019-01-01T00:00:00.000Z'))).toBe('expired')
      expect(documentStatus({ status: 'valid', expiryDate }, at('2026-12-01T09:00:00.000Z'))).toBe('expired')
    }
  })

  it('in summer the London day, not the UTC day, decides', () => {
    // 30/06/2019 23:30 UTC is already 01/07/2019 00:30 in London (BST).
    expect(documentStatus({ status: 'valid', expiryDate: '2019-06-30' }, at('2019-06-30T22:59:59.000Z'))).toBe('valid')
    expect(documentStatus({ status: 'valid', expiryDate: '2019-06-30' }, at('2019-06-30T23:30:00.000Z'))).toBe('expired')
  })

  it('revoked and superseded say more than expired; no expiry date never expires', () => {
    expect(statusOn('revoked', '2018-12-31', '2026-01-01')).toBe('revoked')
    expect(statusOn('superseded', '2018-12-31', '2026-01-01')).toBe('superseded')
    expect(statusOn('valid', null, '2999-01-01')).toBe('valid')
    expect(statusOn('valid', '', '2999-01-01')).toBe('valid')
  })

  // Instants from 1990 to 2100, so every daylight-saving change in between is crossed.
  const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms))
  const HOUR = 3_600_000

  it('property: valid at every instant of its expiry day, and expired at every instant of any later day', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom<'date' | 'instant'>('date', 'instant'), (now, form) => {
        const today = londonCalendarDate(now)
        const as = (day: string) => (form === 'date' ? day : `${day}T00:00:00.000Z`)
        // A London day lasts at most 25 hours: 25 h earlier is always an earlier day.
        const earlier = londonCalendarDate(new Date(now.getTime() - 25 * HOUR))
        expect(documentStatus({ status: 'valid', expiryDate: as(today) }, now)).toBe('valid')
        expect(documentStatus({ status: 'valid', expiryDate: as(earlier) }, now)).toBe('expired')
      }),
      { numRuns: 500 },
    )
  })

  it('property: once expired, expired for good; revoked and superseded never change', () => {
    fc.assert(
      fc.property(instant, instant, instant, (expiry, a, b) => {
        const [first, later] = a <= b ? [a, b] : [b, a]
        const expiryDate = londonCalendarDate(expiry)
        if (documentStatus({ status: 'valid', expiryDate }, first) === 'expired') expect(documentStatus({ status: 'valid', expiryDate }, later)).toBe('expired')
        expect(documentStatus({ status: 'revoked', expiryDate }, later)).toBe('revoked')
        expect(documentStatus({ status: 'superseded', expiryDate }, later)).toBe('superseded')
      }),
      { numRuns: 300 },
    )
  })
})

describe('the printed reference and the holder\'s surname', () => {
  it.each([
    ['57116714-01-MHHN', '57116714-01-MHHN'],
    [' 57116714-01-mhhn ', '57116714-01-MHHN'],
    ['57116714 - 01 - MHHN', '57116714-01-MHHN'],
    ['57116714\u201301\u2013MHHN', '57116714-01-MHHN'],
    ['2956788-01-PJPC', '2956788-01-PJPC'],
    ['57116714-01', null],
    ['57116714-01-MHHN-X', null],
    ["57116714-01-MHHN' or 1=1", null],
    ['', null],
  ])('reference %j → %j', (typed, reference) => expect(referenceFromInput(typed)).toBe(reference))

  it.each([
    ['Adebayo-Williams', 'Adebayo-Williams'],
    ['adebayo williams', 'Adebayo-Williams'],
    ['  ADEBAYO–WILLIAMS ', 'Adebayo-Williams'],
    ["o'hammond", "O'Hammond"],
    ['O’Hammond', "O'Hammond"],
    ['OHammond', "O'Hammond"],
    ['Wasowska', 'Wąsowska'],
    ['Lukasiewicz', 'Łukasiewicz'],
    ['Muller', 'Müller'],
    ['Strasse', 'Straße'],
  ])('%j is the surname %j', (typed, onRecord) => expect(isHoldersSurname(typed, onRecord)).toBe(true))

  it.each([
    ['Williams', 'Adebayo-Williams'],
    ['Adebayo', 'Adebayo-Williams'],
    ['Hammond', "O'Hammond"],
    ['', "O'Hammond"],
    ["'", "'"],
    [' ', ''],
    ['Smith', null],
  ])('%j is not the surname %j', (typed, onRecord) => expect(isHoldersSurname(typed, onRecord)).toBe(false))
})
