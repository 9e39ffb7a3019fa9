import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { applyOrderAction, type OrderAction, type OrderActor, type OrderState, type OrderStatus } from '../../src/lib/orders'
import { checkTrackingNumber, s10CheckDigit } from '../../src/lib/tracking'

const TOTAL = 3400
const state = (overrides: Partial<OrderState> = {}): OrderState => ({ status: 'awaiting-payment', totalPence: TOTAL, paid: false, refundedPence: 0, heldFrom: null, ...overrides })
const paid = (overrides: Partial<OrderState> = {}) => state({ status: 'paid', paid: true, ...overrides })
const ok = (outcome: ReturnType<typeof applyOrderAction>) => {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`)
  return outcome
}
const refused = (s: OrderState, action: OrderAction, actor: OrderActor) => applyOrderAction(s, action, actor)

describe('paying', () => {
  it('only a confirmed payment marks an order paid, once', () => {
    expect(ok(applyOrderAction(state(), { type: 'pay' }, 'payment'))).toEqual({ ok: true, changed: true, next: paid() })
    expect(ok(applyOrderAction(paid(), { type: 'pay' }, 'payment'))).toEqual({ ok: true, changed: false, next: paid() })
    expect(refused(state(), { type: 'pay' }, 'staff')).toEqual({ ok: false, reason: 'Only a confirmed payment marks an order paid.' })
    expect(refused(state(), { type: 'pay' }, 'system')).toEqual({ ok: false, reason: 'Only a confirmed payment marks an order paid.' })
  })

  it('a payment that lands after the order was cancelled is recorded: the order is paid, for staff to fulfil or refund', () => {
    expect(ok(applyOrderAction(state({ status: 'cancelled' }), { type: 'pay' }, 'payment')).next).toEqual(paid())
  })
})

describe('expiring an unpaid order', () => {
  it('the payment check or the clock cancels an order still awaiting payment; anything else stays', () => {
    expect(ok(applyOrderAction(state(), { type: 'expire' }, 'system'))).toEqual({ ok: true, changed: true, next: state({ status: 'cancelled' }) })
    expect(ok(applyOrderAction(state(), { type: 'expire' }, 'payment')).next.status).toBe('cancelled')
    expect(ok(applyOrderAction(paid(), { type: 'expire' }, 'system'))).toEqual({ ok: true, changed: false, next: paid() })
    expect(refused(state(), { type: 'expire' }, 'staff')).toEqual({ ok: false, reason: 'Only the payment check expires an order.' })
  })
})

describe('staff-only actions', () => {
  const actions: OrderAction[] = [{ type: 'hold', reason: 'Name to check' }, { type: 'release' }, { type: 'print' }, { type: 'dispatch', trackingNumber: 'AB123' }, { type: 'cancel' }]
  it.each(actions.flatMap((action) => (['payment', 'system'] as const).map((actor) => [action.type, actor, action] as const)))('%s by %s is refused', (_type, actor, action) => {
    expect(refused(paid({ status: action.type === 'release' ? 'on-hold' : action.type === 'dispatch' ? 'printed' : 'paid' }), action, actor)).toEqual({ ok: false, reason: 'Only staff can do that.' })
  })

  it('a paid order is printed, then dispatched with its tracking number; not dispatched before printing', () => {
    const printed = ok(applyOrderAction(paid(), { type: 'print' }, 'staff')).next
    expect(printed.status).toBe('printed')
    expect(ok(applyOrderAction(printed, { type: 'dispatch', trackingNumber: 'AB123' }, 'staff')).next.status).toBe('dispatched')
    expect(refused(printed, { type: 'dispatch', trackingNumber: '  ' }, 'staff')).toEqual({ ok: false, reason: 'Give the tracking number.' })
    expect(refused(paid(), { type: 'dispatch', trackingNumber: 'AB123' }, 'staff')).toEqual({ ok: false, reason: 'An order that is paid cannot be dispatched: print it first.' })
    expect(refused(state(), { type: 'print' }, 'staff')).toEqual({ ok: false, reason: 'An order that is awaiting payment cannot be printed.' })
    expect(refused(state({ status: 'dispatched', paid: true }), { type: 'print' }, 'staff')).toEqual({ ok: false, reason: 'An order that is dispatched cannot be printed.' })
  })

  it('a hold needs a reason, remembers where the order was and goes back there when released', () => {
    expect(refused(paid(), { type: 'hold', reason: ' ' }, 'staff')).toEqual({ ok: false, reason: 'Say why the order is on hold: the learner sees it.' })
    const held = ok(applyOrderAction(state({ status: 'printed', paid: true }), { type: 'hold', reason: 'Address to check' }, 'staff')).next
    expect(held).toMatchObject({ status: 'on-hold', heldFrom: 'printed' })
    expect(ok(applyOrderAction(held, { type: 'release' }, 'staff')).next).toMatchObject({ status: 'printed', heldFrom: null })
    expect(refused(paid(), { type: 'release' }, 'staff')).toEqual({ ok: false, reason: 'The order is not on hold.' })
    expect(refused(state(), { type: 'hold', reason: 'x' }, 'staff')).toEqual({ ok: false, reason: 'An order that is awaiting payment cannot be put on hold.' })
    expect(refused(state({ status: 'dispatched', paid: true }), { type: 'hold', reason: 'x' }, 'staff')).toEqual({ ok: false, reason: 'An order that is dispatched cannot be put on hold.' })
  })

  it('cancel: before dispatch only', () => {
    for (const status of ['awaiting-payment', 'paid', 'on-hold', 'printed', 'partly-refunded'] as OrderStatus[])
      expect(ok(applyOrderAction(state({ status, paid: status !== 'awaiting-payment' }), { type: 'cancel' }, 'staff')).next).toMatchObject({ status: 'cancelled', heldFrom: null })
    expect(refused(state({ status: 'dispatched', paid: true }), { type: 'cancel' }, 'staff')).toEqual({ ok: false, reason: 'An order that is dispatched cannot be cancelled.' })
    expect(refused(state({ status: 'cancelled' }), { type: 'cancel' }, 'staff')).toEqual({ ok: false, reason: 'An order that is cancelled cannot be cancelled.' })
    expect(refused(paid({ status: 'refunded', refundedPence: TOTAL }), { type: 'cancel' }, 'staff')).toEqual({ ok: false, reason: 'An order that is refunded cannot be cancelled.' })
  })
})

describe('refunds', () => {
  it('staff refund part, then the rest: partly refunded, then refunded; never more than the total, nor the same amount twice', () => {
    const part = ok(applyOrderAction(paid(), { type: 'refund', refundedPence: 1000 }, 'staff')).next
    expect(part).toMatchObject({ status: 'partly-refunded', refundedPence: 1000 })
    expect(ok(applyOrderAction(part, { type: 'refund', refundedPence: TOTAL }, 'staff')).next).toMatchObject({ status: 'refunded', refundedPence: TOTAL })
    expect(refused(part, { type: 'refund', refundedPence: 1000 }, 'staff')).toEqual({ ok: false, reason: 'That amount has been refunded already.' })
    expect(refused(paid(), { type: 'refund', refundedPence: TOTAL + 1 }, 'staff')).toEqual({ ok: false, reason: 'That is more than the order’s total.' })
    expect(refused(state(), { type: 'refund', refundedPence: 100 }, 'staff')).toEqual({ ok: false, reason: 'Only a paid order can be refunded.' })
    expect(refused(paid(), { type: 'refund', refundedPence: 0 }, 'staff')).toEqual({ ok: false, reason: 'Give the amount to refund in whole pence, more than £0.00.' })
    expect(refused(paid(), { type: 'refund', refundedPence: 10.5 }, 'staff')).toEqual({ ok: false, reason: 'Give the amount to refund in whole pence, more than £0.00.' })
    expect(refused(paid(), { type: 'refund', refundedPence: 100 }, 'system')).toEqual({ ok: false, reason: 'Only staff or the payment provider refund an order.' })
  })

  it('the provider reporting a refund again, or less than known, changes nothing; more than the total is capped at it', () => {
    const part = paid({ status: 'partly-refunded', refundedPence: 1000 })
    expect(ok(applyOrderAction(part, { type: 'refund', refundedPence: 1000 }, 'payment'))).toEqual({ ok: true, changed: false, next: part })
    expect(ok(applyOrderAction(part, { type: 'refund', refundedPence: 500 }, 'payment'))).toEqual({ ok: true, changed: false, next: part })
    expect(ok(applyOrderAction(part, { type: 'refund', refundedPence: TOTAL * 2 }, 'payment')).next).toMatchObject({ status: 'refunded', refundedPence: TOTAL })
  })

  it('a refund the provider reports for an order not yet known to be paid says it was paid', () => {
    expect(ok(applyOrderAction(state(), { type: 'refund', refundedPence: 1000 }, 'payment')).next).toEqual(paid({ status: 'partly-refunded', refundedPence: 1000 }))
  })

  it('a refund of a held order takes it off hold', () => {
    expect(ok(applyOrderAction(paid({ status: 'on-hold', heldFrom: 'paid' }), { type: 'refund', refundedPence: TOTAL }, 'staff')).next).toMatchObject({ status: 'refunded', heldFrom: null })
  })
})

describe('payment facts in any order', () => {
  /** What the payment provider can say about one order: paid, refunds so far (growing), the page expired or failed. */
  type Fact = { type: 'pay' } | { type: 'refund'; refundedPence: number } | { type: 'expire' }
  const facts = fc
    .record({
      total: fc.integer({ min: 1, max: 100_000 }),
      refunds: fc.array(fc.integer({ min: 1, max: 60_000 }), { maxLength: 4 }),
      expired: fc.boolean(),
    })
    .map(({ total, refunds, expired }): { total: number; facts: Fact[] } => {
      let sum = 0
      const cumulative = refunds.map((r) => (sum += r))
      return { total, facts: [{ type: 'pay' }, ...cumulative.map((refundedPence) => ({ type: 'refund', refundedPence }) as Fact), ...(expired ? [{ type: 'expire' } as Fact] : [])] }
    })
  const settle = (total: number, sequence: readonly Fact[]) =>
    sequence.reduce((s, fact) => {
      const outcome = applyOrderAction(s, fact, 'payment')
      if (!outcome.ok) throw new Error(`refused ${JSON.stringify(fact)}: ${outcome.reason}`)
      return outcome.next
    }, state({ totalPence: total }))

  it('every ordering, with repeats, settles the same status and refunded amount, never more than the total', () => {
    fc.assert(
      fc.property(
        facts.chain(({ total, facts }) => fc.tuple(fc.constant(total), fc.constant(facts), fc.shuffledSubarray([...facts, ...facts], { minLength: facts.length * 2 }))),
        ([total, inOrder, shuffled]) => {
          const expected = settle(total, inOrder)
          const reordered = settle(total, shuffled)
          expect({ status: reordered.status, refundedPence: reordered.refundedPence, paid: reordered.paid }).toEqual({ status: expected.status, refundedPence: expected.refundedPence, paid: true })
          expect(reordered.refundedPence).toBeLessThanOrEqual(total)
          const refunded = Math.min(total, Math.max(0, ...inOrder.map((f) => (f.type === 'refund' ? f.refundedPence : 0))))
          expect(expected).toMatchObject({ refundedPence: refunded, status: refunded === 0 ? 'paid' : refunded === total ? 'refunded' : 'partly-refunded' })
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('tracking numbers are checked against the carrier’s format', () => {
  it('UK: Royal Mail S10, two letters, eight digits, the check digit and GB', () => {
    expect(checkTrackingNumber('RM123456785GB', 'uk')).toEqual({ ok: true, trackingNumber: 'RM123456785GB' })
    expect(checkTrackingNumber(' rm 1234 5678 5gb ', 'uk')).toEqual({ ok: true, trackingNumber: 'RM123456785GB' })
    for (const wrong of ['RM123456784GB', 'RM123456785FR', 'ORD-20261207-ABCD', 'RM12345678GB', '123456785GB', ''])
      expect(checkTrackingNumber(wrong, 'uk').ok, wrong).toBe(false)
    expect(checkTrackingNumber('ORD-1', 'uk')).toEqual({ ok: false, error: '“ORD-1” is not a Royal Mail tracking number: two letters, nine digits and GB, for example RM123456785GB.' })
  })

  it('the S10 check digit: 10 is written 0 and 11 is written 5', () => {
    expect(s10CheckDigit('12345678')).toBe(5)
    expect(s10CheckDigit('11111111')).toBe(5)
    expect(s10CheckDigit('98765432')).toBe(6)
    // Every serial has exactly one check digit that passes.
    for (const serial of ['00000000', '47312482', '99999999']) expect([...'0123456789'].filter((d) => checkTrackingNumber(`RR${serial}${d}GB`, 'uk').ok)).toHaveLength(1)
  })

  it('international: an S10 number of any post, or a courier’s 8 to 30 letters and digits with at least 6 digits', () => {
    expect(checkTrackingNumber('CP123456785DE', 'international').ok).toBe(true)
    expect(checkTrackingNumber('1Z999AA10123456784', 'international')).toEqual({ ok: true, trackingNumber: '1Z999AA10123456784' })
    expect(checkTrackingNumber('1234567890', 'international').ok).toBe(true)
    for (const wrong of ['RM1', 'ORD-20261207-ABCD', 'ABCDEFGH12', 'CP123456784DE', '1234-5678-90', 'X'.repeat(25) + '123456'])
      expect(checkTrackingNumber(wrong, 'international').ok, wrong).toBe(false)
  })
})
