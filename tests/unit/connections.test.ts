import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { endOfLondonDay, formatAccessUntil, lastLondonDayOf, oneMonthFrom } from '../../src/lib/dates'
import { answerBy, applyConnectionAction, checkAccessDate, endsAt, thirdPartyMaySee, type ConnectionAction, type ConnectionState, type Party } from '../../src/lib/connections'

const NOW = new Date('2026-12-01T12:00:00.000Z')
const days = (n: number) => new Date(NOW.getTime() + n * 24 * 60 * 60 * 1000)
const base = (overrides: Partial<ConnectionState> = {}): ConnectionState => ({
  status: 'pending',
  initiatedBy: 'learner',
  accessUntil: days(30),
  documents: [1, 2],
  extension: null,
  madeAt: NOW,
  accepted: overrides.status === 'active' || overrides.status === 'expired',
  ...overrides,
})
const act = (state: ConnectionState, action: ConnectionAction, party: Party, now = NOW) => applyConnectionAction(state, action, party, now)
const ok = (outcome: ReturnType<typeof act>) => {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`)
  return outcome
}

describe('answering a pending connection', () => {
  it('the third party accepts what a learner started, and the learner what a third party asked for, choosing documents', () => {
    expect(ok(act(base(), { type: 'accept' }, 'third-party'))).toMatchObject({ event: 'accepted', next: { status: 'active', documents: [1, 2] } })
    const asked = base({ initiatedBy: 'third-party', documents: [] })
    expect(ok(act(asked, { type: 'accept', documents: [3, 3, 4] }, 'learner'))).toMatchObject({ next: { status: 'active', documents: [3, 4] } })
    expect(act(asked, { type: 'accept', documents: [] }, 'learner')).toEqual({ ok: false, reason: 'Choose at least one document to share.' })
  })

  it('nobody answers their own request, and only a pending connection is answered', () => {
    expect(act(base(), { type: 'accept' }, 'learner').ok).toBe(false)
    expect(act(base(), { type: 'decline' }, 'learner').ok).toBe(false)
    expect(act(base({ initiatedBy: 'third-party' }), { type: 'accept', documents: [1] }, 'third-party').ok).toBe(false)
    expect(act(base({ status: 'active' }), { type: 'accept' }, 'third-party').ok).toBe(false)
    expect(act(base({ status: 'active' }), { type: 'decline' }, 'third-party').ok).toBe(false)
    expect(ok(act(base(), { type: 'decline' }, 'third-party')).next).toMatchObject({ status: 'declined' })
  })
})

describe('the learner’s changes', () => {
  it('extends or shortens the access date, within two years, never into the past', () => {
    const active = base({ status: 'active' })
    expect(ok(act(active, { type: 'change-access-date', until: days(60) }, 'learner')).event).toBe('extended')
    expect(ok(act(active, { type: 'change-access-date', until: days(5) }, 'learner')).event).toBe('shortened')
    expect(act(active, { type: 'change-access-date', until: days(-1) }, 'learner')).toEqual({ ok: false, reason: 'The access date must be in the future.' })
    expect(act(active, { type: 'change-access-date', until: days(800) }, 'learner')).toEqual({ ok: false, reason: 'The access date can be at most two years from today.' })
    expect(act(active, { type: 'change-access-date', until: days(60) }, 'third-party').ok).toBe(false)
  })

  it('changes the documents (at least one) and deletes at any time, even after the end', () => {
    expect(ok(act(base({ status: 'active' }), { type: 'change-documents', documents: [2] }, 'learner')).next).toMatchObject({ documents: [2] })
    expect(act(base({ status: 'active' }), { type: 'change-documents', documents: [] }, 'learner').ok).toBe(false)
    expect(act(base({ status: 'active' }), { type: 'change-documents', documents: [9] }, 'third-party').ok).toBe(false)
    for (const status of ['pending', 'active', 'declined', 'cancelled', 'expired'] as const) expect(ok(act(base({ status }), { type: 'delete' }, 'learner'))).toEqual({ ok: true, next: null, event: 'deleted' })
    expect(act(base(), { type: 'delete' }, 'third-party').ok).toBe(false)
  })

  it('deletes a third party’s request only once answered: before, its going would tell the third party the address is a learner’s', () => {
    const asked = base({ initiatedBy: 'third-party', documents: [] })
    expect(act(asked, { type: 'delete' }, 'learner')).toEqual({ ok: false, reason: 'Decline a request before you delete it.' })
    expect(act({ ...asked, status: 'expired' }, { type: 'delete' }, 'learner').ok).toBe(false) // lapsed unanswered
    expect(ok(act({ ...asked, status: 'declined' }, { type: 'delete' }, 'learner')).event).toBe('deleted')
    expect(ok(act({ ...asked, status: 'expired', accepted: true }, { type: 'delete' }, 'learner')).event).toBe('deleted')
  })
})

describe('extension requests', () => {
  it('the third party asks for a later date once at a time; the learner approves (the date moves) or declines', () => {
    const active = base({ status: 'active' })
    const asked = ok(act(active, { type: 'request-extension', until: days(90) }, 'third-party')).next!
    expect(asked.extension).toEqual({ status: 'requested', until: days(90) })
    expect(act(asked, { type: 'request-extension', until: days(100) }, 'third-party')).toEqual({ ok: false, reason: 'An extension has already been asked for.' })
    expect(ok(act(asked, { type: 'approve-extension' }, 'learner')).next).toMatchObject({ accessUntil: days(90), extension: { status: 'approved' } })
    expect(ok(act(asked, { type: 'decline-extension' }, 'learner')).next).toMatchObject({ accessUntil: days(30), extension: { status: 'declined' } })
    expect(act(asked, { type: 'approve-extension' }, 'third-party').ok).toBe(false)
    expect(act(active, { type: 'approve-extension' }, 'learner').ok).toBe(false)
    expect(act(active, { type: 'request-extension', until: days(10) }, 'third-party')).toEqual({ ok: false, reason: 'Ask for a date after the current access date.' })
    expect(act(base(), { type: 'request-extension', until: days(90) }, 'third-party').ok).toBe(false) // still pending
  })
})

describe('an expired connection is extended', () => {
  const expired = base({ status: 'expired', accessUntil: days(-3) })

  it('by the learner giving it a new access date: it is active again until then, and the third party can see again', () => {
    const outcome = ok(act(expired, { type: 'change-access-date', until: days(20) }, 'learner'))
    expect(outcome).toMatchObject({ event: 'extended', next: { status: 'active', accessUntil: days(20) } })
    expect(thirdPartyMaySee(outcome.next!, NOW)).toBe(true)
    // The job has not run yet: its date passed while it was still active; the same.
    expect(ok(act(base({ status: 'active' }), { type: 'change-access-date', until: days(40) }, 'learner', days(31))).next).toMatchObject({ status: 'active', accessUntil: days(40) })
    expect(act(expired, { type: 'change-access-date', until: days(-1) }, 'learner')).toEqual({ ok: false, reason: 'The access date must be in the future.' })
    expect(act(expired, { type: 'change-access-date', until: days(20) }, 'third-party').ok).toBe(false)
  })

  it('by the third party asking and the learner approving (or declining: it stays expired)', () => {
    const asked = ok(act(expired, { type: 'request-extension', until: days(60) }, 'third-party'))
    expect(asked).toMatchObject({ event: 'extension-requested', next: { status: 'expired', extension: { status: 'requested', until: days(60) } } })
    expect(ok(act(asked.next!, { type: 'approve-extension' }, 'learner'))).toMatchObject({ event: 'extension-approved', next: { status: 'active', accessUntil: days(60) } })
    expect(ok(act(asked.next!, { type: 'decline-extension' }, 'learner')).next).toMatchObject({ status: 'expired', extension: { status: 'declined' } })
    expect(act(asked.next!, { type: 'approve-extension' }, 'third-party').ok).toBe(false)
    // Nothing else happens to an expired connection.
    for (const action of [{ type: 'accept' }, { type: 'cancel' }, { type: 'change-documents', documents: [1] }] as const) expect(act(expired, action, 'learner').ok).toBe(false)
    expect(act(expired, { type: 'cancel' }, 'third-party').ok).toBe(false)
  })

  it('never one nobody accepted: it lapsed, and the learner makes a new connection instead', () => {
    const lapsed = base({ status: 'expired', accepted: false })
    expect(act(lapsed, { type: 'change-access-date', until: days(20) }, 'learner')).toEqual({
      ok: false,
      reason: 'This connection ended before it was accepted, so it cannot be extended. Make a new connection instead.',
    })
    expect(act(lapsed, { type: 'request-extension', until: days(60) }, 'third-party').ok).toBe(false)
  })
})

describe('a connection nobody answers lapses', () => {
  it('at the end of the London day 30 days after it was made, or at its access date if sooner', () => {
    expect(answerBy(NOW).toISOString()).toBe('2027-01-01T00:00:00.000Z') // 31/12/2026, to the end of that day
    expect(answerBy(new Date('2027-06-01T22:30:00.000Z')).toISOString()).toBe('2027-07-01T23:00:00.000Z') // already 2 June in London: to the end of 2 July (BST)
    const pending = base({ accessUntil: days(300) })
    expect(endsAt(pending)).toEqual(answerBy(NOW))
    expect(endsAt({ ...pending, accessUntil: days(10) })).toEqual(days(10))
    expect(endsAt({ ...pending, status: 'active' })).toEqual(days(300))
  })

  it('the system expires it then; nobody can answer it after', () => {
    const pending = base({ accessUntil: days(300) })
    const by = answerBy(NOW)
    expect(act(pending, { type: 'expire' }, 'system', new Date(by.getTime() - 1)).ok).toBe(false)
    expect(ok(act(pending, { type: 'expire' }, 'system', by)).next).toMatchObject({ status: 'expired' })
    expect(act(pending, { type: 'accept' }, 'third-party', by)).toEqual({ ok: false, reason: 'Nobody answered this connection in time, so it has lapsed.' })
    expect(ok(act(pending, { type: 'accept' }, 'third-party', new Date(by.getTime() - 1))).next).toMatchObject({ status: 'active' })
    // Still cancelled or deleted by the side that made it while it waits.
    expect(ok(act(base({ initiatedBy: 'third-party', documents: [] }), { type: 'cancel' }, 'third-party')).next).toMatchObject({ status: 'cancelled' })
  })
})

describe('ending', () => {
  it('the third party cancels; the system expires only once the date has passed; nothing but delete happens after the end', () => {
    expect(ok(act(base({ status: 'active' }), { type: 'cancel' }, 'third-party')).next).toMatchObject({ status: 'cancelled' })
    expect(act(base({ status: 'active' }), { type: 'cancel' }, 'learner').ok).toBe(false)
    expect(ok(act(base({ status: 'active' }), { type: 'cancel' }, 'support')).next).toMatchObject({ status: 'cancelled' }) // on the learner's request
    expect(act(base({ status: 'active' }), { type: 'change-documents', documents: [1] }, 'support')).toEqual({ ok: false, reason: 'Support staff can only cancel a connection.' })
    expect(act(base({ status: 'active' }), { type: 'delete' }, 'support').ok).toBe(false)
    expect(act(base({ status: 'active' }), { type: 'expire' }, 'system').ok).toBe(false)
    expect(ok(act(base({ status: 'active' }), { type: 'expire' }, 'system', days(30))).next).toMatchObject({ status: 'expired' })
    expect(act(base({ status: 'active' }), { type: 'expire' }, 'learner', days(31)).ok).toBe(false)
    const lapsed = base({ status: 'active' })
    expect(act(lapsed, { type: 'change-documents', documents: [1] }, 'learner', days(31))).toEqual({ ok: false, reason: 'This connection has expired. The learner can give it a new access date.' })
    for (const status of ['declined', 'cancelled'] as const) expect(act(base({ status }), { type: 'change-access-date', until: days(40) }, 'learner')).toEqual({ ok: false, reason: 'This connection has ended.' })
  })

  it('checks an access date the same way on its own', () => {
    expect(checkAccessDate(new Date('not a date'), NOW)).toBe('Enter a real date.')
    expect(checkAccessDate(days(1), NOW)).toBeNull()
  })
})

describe('what a third party can see, over any sequence of actions by both sides and the clock', () => {
  const party = fc.constantFrom<Party>('learner', 'third-party', 'support', 'system')
  const when = fc.integer({ min: -5, max: 800 }).map(days)
  const documents = fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 4 })
  const action: fc.Arbitrary<ConnectionAction> = fc.oneof(
    documents.map((d) => ({ type: 'accept' as const, documents: d })),
    fc.constant({ type: 'decline' as const }),
    fc.constant({ type: 'cancel' as const }),
    when.map((until) => ({ type: 'change-access-date' as const, until })),
    documents.map((d) => ({ type: 'change-documents' as const, documents: d })),
    when.map((until) => ({ type: 'request-extension' as const, until })),
    fc.constant({ type: 'approve-extension' as const }),
    fc.constant({ type: 'decline-extension' as const }),
    fc.constant({ type: 'expire' as const }),
    fc.constant({ type: 'delete' as const }),
  )
  const step = fc.record({ action, party, advanceHours: fc.integer({ min: 0, max: 24 * 40 }) })

  it('only the right party changes each thing, an active connection shares something, only an accepted, expired one comes back (by the learner), and nothing is seen from the access date on', () => {
    fc.assert(
      fc.property(fc.constantFrom<'learner' | 'third-party'>('learner', 'third-party'), documents, fc.array(step, { maxLength: 40 }), (initiatedBy, shared, steps) => {
        let state: ConnectionState | null = base({ initiatedBy, documents: initiatedBy === 'learner' ? [...new Set(shared.length ? shared : [1])] : [] })
        let now = NOW
        let ended = false
        for (const { action, party, advanceHours } of steps) {
          now = new Date(now.getTime() + advanceHours * 60 * 60 * 1000)
          if (!state) break
          const before: ConnectionState = state
          const outcome = applyConnectionAction(before, action, party, now)
          if (!outcome.ok) continue
          state = outcome.next
          if (state === null) break
          // Only the party the rule names changes each thing.
          if (state.status !== before.status && outcome.event === 'expired' && party !== 'system') return false
          if (state.accessUntil.getTime() !== before.accessUntil.getTime() && party !== 'learner') return false
          const cameBack = before.status === 'expired' && state.status === 'active'
          if (cameBack && !(party === 'learner' && before.accepted)) return false
          if (ended && state.status !== before.status && !cameBack) return false
          ended = !['pending', 'active'].includes(state.status)
          if (state.status === 'pending' && now.getTime() >= endsAt(state).getTime()) return false
          // Active means at least one document, and the date never runs past two years from the change.
          if (state.status === 'active' && state.documents.length === 0) return false
          if (state.accessUntil.getTime() - now.getTime() > 731 * 24 * 60 * 60 * 1000) return false
          // Seen up to the last millisecond before the access date while active; from the date on, never.
          const until = state.accessUntil.getTime()
          if (thirdPartyMaySee(state, new Date(until)) || thirdPartyMaySee(state, new Date(until + 1000))) return false
          if (thirdPartyMaySee(state, new Date(until - 1)) !== (state.status === 'active')) return false
        }
        return true
      }),
      { numRuns: 2000 },
    )
  })
})

describe('access dates as people pick them: to the end of a London day', () => {
  it('ends at the next London midnight, winter and summer, and reads back as the day picked', () => {
    expect(endOfLondonDay('2027-01-01')!.toISOString()).toBe('2027-01-02T00:00:00.000Z')
    expect(endOfLondonDay('2027-07-01')!.toISOString()).toBe('2027-07-01T23:00:00.000Z') // BST
    expect(endOfLondonDay('2027-03-28')!.toISOString()).toBe('2027-03-28T23:00:00.000Z') // the clocks went forward that morning: a 23-hour day
    expect(endOfLondonDay('2027-02-30')).toBeNull()
    expect(endOfLondonDay('01/02/2027')).toBeNull()
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (day) => {
        const picked = day.toISOString().slice(0, 10)
        const until = endOfLondonDay(picked)!
        return lastLondonDayOf(until) === picked && lastLondonDayOf(new Date(until.getTime() + 1)) !== picked
      }),
    )
  })

  it('defaults to the same day a month on, or the month’s last day', () => {
    expect(formatAccessUntil(oneMonthFrom(new Date('2026-01-31T12:00:00Z')))).toBe('28/02/2026')
    expect(formatAccessUntil(oneMonthFrom(new Date('2026-12-01T16:00:00Z')))).toBe('01/01/2027')
    expect(formatAccessUntil(oneMonthFrom(new Date('2026-06-30T23:30:00Z')))).toBe('01/08/2026') // already 1 July in London
  })
})
