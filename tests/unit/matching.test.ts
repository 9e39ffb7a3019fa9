import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { normaliseCandidateNumber } from '../../src/lib/candidateNumber'
import { closeness, compareWithRecord, matchRegistration, type CandidateRecord } from '../../src/lib/matching'
import { normaliseName } from '../../src/lib/names'

describe('name normalisation', () => {
  it('treats case, accents, hyphens, apostrophes and spaces alike', () => {
    expect(normaliseName("O'Sullivan")).toBe(normaliseName('OSULLIVAN'))
    expect(normaliseName('o sullivan')).toBe(normaliseName("O’Sullivan"))
    expect(normaliseName('  Zoë ')).toBe(normaliseName('ZOE'))
    expect(normaliseName('Núñez')).toBe('nunez')
    expect(normaliseName('Mary-Jane')).toBe(normaliseName('mary  jane'))
    expect(normaliseName('Straße')).toBe(normaliseName('STRASSE'))
    expect(normaliseName('Smith')).not.toBe(normaliseName('Smyth'))
  })

  it('is idempotent, and ignores case and surrounding or repeated spaces (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        const once = normaliseName(name)
        expect(normaliseName(once)).toBe(once)
        expect(normaliseName(name.toUpperCase())).toBe(normaliseName(name.toLowerCase()))
        expect(normaliseName(`  ${name.split(' ').join('   ')} `)).toBe(once)
      }),
    )
  })

  it('ignores any hyphens and apostrophes inserted between letters (property)', () => {
    const letters = fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,20}$/)
    const separator = fc.constantFrom('-', "'", '’', ' ', '  ')
    fc.assert(
      fc.property(letters, letters, separator, (left, right, sep) => {
        expect(normaliseName(`${left}${sep}${right}`)).toBe(normaliseName(`${left}${right}`))
      }),
    )
  })
})

describe('candidate number normalisation (property)', () => {
  it('ignores leading zeros, case and spaces', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9A-Za-z][0-9A-Za-z]{0,10}$/), fc.nat(4), (number, zeros) => {
        const typed = `${'0'.repeat(zeros)}${number.toLowerCase().split('').join(' ')}`
        expect(normaliseCandidateNumber(typed)).toBe(normaliseCandidateNumber(number.toUpperCase()))
      }),
    )
  })
})

describe('matching a registration to a record', () => {
  const record: CandidateRecord = { id: 7, firstName: 'Siobhán', surname: "O'Sullivan", dateOfBirth: '1990-06-15T00:00:00.000Z' }
  const registration = { candidateNumber: '00123', firstName: 'siobhan', surname: 'O SULLIVAN', dateOfBirth: '1990-06-15T00:00:00.000Z' }

  it('approves an exact match after normalisation', () => {
    expect(matchRegistration(registration, [record])).toEqual({ kind: 'matched', candidateId: 7 })
  })
  it('sends to review: no number, unknown number, any mismatch, several records', () => {
    expect(matchRegistration({ ...registration, candidateNumber: '' }, [record])).toEqual({ kind: 'review', reason: 'no-number' })
    expect(matchRegistration({ ...registration, candidateNumber: null }, [])).toEqual({ kind: 'review', reason: 'no-number' })
    expect(matchRegistration(registration, [])).toEqual({ kind: 'review', reason: 'not-found' })
    expect(matchRegistration({ ...registration, surname: 'Sullivan' }, [record])).toEqual({ kind: 'review', reason: 'mismatch' })
    expect(matchRegistration({ ...registration, firstName: 'Siobhan Marie' }, [record])).toEqual({ kind: 'review', reason: 'mismatch' })
    expect(matchRegistration({ ...registration, dateOfBirth: '1990-06-16T00:00:00.000Z' }, [record])).toEqual({ kind: 'review', reason: 'mismatch' })
    expect(matchRegistration(registration, [record, { ...record, id: 8 }])).toEqual({ kind: 'review', reason: 'several' })
  })
  it('sends to review an exact match on a record another account already holds, naming the record', () => {
    expect(matchRegistration(registration, [{ ...record, linkedToAccount: true }])).toEqual({ kind: 'review', reason: 'already-linked', candidateId: 7 })
    expect(matchRegistration(registration, [{ ...record, linkedToAccount: false }])).toEqual({ kind: 'matched', candidateId: 7 })
  })
})

describe('the review panel compares each detail of a registration with a record', () => {
  const registration = { candidateNumber: '00123', firstName: 'siobhan', surname: 'Walsh', dateOfBirth: '1990-06-15T00:00:00.000Z' }
  const record = { id: 7, candidateNumber: '123', candidateNumberNormalised: '123', firstName: 'Siobhán', surname: "O'Sullivan", dateOfBirth: '1990-06-15T00:00:00.000Z' }
  const results = (comparison: ReturnType<typeof compareWithRecord>) => Object.fromEntries(comparison.map((c) => [c.detail, c.result]))

  it('number, first name and date of birth match and the surname differs: each is said, not one band', () => {
    const comparison = compareWithRecord(registration, record)
    expect(comparison).toEqual([
      { detail: 'candidateNumber', label: 'Candidate number', given: '00123', onRecord: '123', result: 'match' },
      { detail: 'firstName', label: 'First name', given: 'siobhan', onRecord: 'Siobhán', result: 'match' },
      { detail: 'surname', label: 'Surname', given: 'Walsh', onRecord: "O'Sullivan", result: 'differs' },
      { detail: 'dateOfBirth', label: 'Date of birth', given: '1990-06-15', onRecord: '1990-06-15', result: 'match' },
    ])
    expect(closeness(comparison)).toBe(8)
  })
  it('a number not given is missing, not a difference', () => {
    expect(results(compareWithRecord({ ...registration, candidateNumber: '' }, record))).toEqual({ candidateNumber: 'missing', firstName: 'match', surname: 'differs', dateOfBirth: 'match' })
    expect(results(compareWithRecord({ ...registration, candidateNumber: null }, record)).candidateNumber).toBe('missing')
  })
  it('agrees with the matching rule: a registration matched automatically matches on every detail', () => {
    const exact = { ...registration, surname: 'O SULLIVAN' }
    expect(matchRegistration(exact, [record])).toEqual({ kind: 'matched', candidateId: 7 })
    expect(results(compareWithRecord(exact, record))).toEqual({ candidateNumber: 'match', firstName: 'match', surname: 'match', dateOfBirth: 'match' })
    expect(closeness(compareWithRecord(exact, record))).toBe(10)
    expect(results(compareWithRecord({ ...exact, candidateNumber: '124', dateOfBirth: '1990-06-16T00:00:00.000Z' }, record))).toEqual({
      candidateNumber: 'differs',
      firstName: 'match',
      surname: 'match',
      dateOfBirth: 'differs',
    })
  })
})
