import { describe, expect, it } from 'vitest'

import { checkCandidateNumber, normaliseCandidateNumber } from '../../src/lib/candidateNumber'
import { isWellFormedVerificationCode, newReference, newVerificationCode } from '../../src/lib/codes'
import { formatUkDate, parseUkDate, toDateOnly } from '../../src/lib/dates'
import { checkPence, checkQualificationNumber, checkReference, readUkDate, tooLong } from '../../src/lib/formats'
import { checkContactDetails, checkEligibility, checkLoginDetails } from '../../src/lib/registration'
import { formatPence } from '../../src/lib/money'

describe('candidate numbers', () => {
  it('compare without leading zeros, case or spaces', () => {
    expect(normaliseCandidateNumber(' 00ab 123 ')).toBe('AB123')
    expect(normaliseCandidateNumber('02956700')).toBe(normaliseCandidateNumber('2956700'))
  })
  it('reject blanks, punctuation and all zeros with a clear message', () => {
    expect(checkCandidateNumber('')).toMatch(/Enter the candidate/)
    expect(checkCandidateNumber('12-34')).toMatch(/letters and digits/)
    expect(checkCandidateNumber('0000')).toMatch(/all zeros/)
    expect(checkCandidateNumber('0042 17')).toBe(true)
  })
})

describe('formats', () => {
  it('accepts regulated qualification numbers only in the regulated format', () => {
    expect(checkQualificationNumber('603/4182/8', 'regulated')).toBe(true)
    expect(checkQualificationNumber('600/9411/X', 'regulated')).toBe(true)
    expect(checkQualificationNumber('6034182', 'regulated')).toMatch(/603\/4182\/8/)
    expect(checkQualificationNumber('QA-2041-01', 'quality-assured')).toBe(true)
    expect(checkQualificationNumber('', 'membership')).toMatch(/Enter the qualification number/)
  })
  it('accepts references like the ones on issued documents', () => {
    expect(checkReference('07171402-01-P6NA')).toBe(true)
    expect(checkReference('2956788-01-PJPC')).toBe(true)
    expect(checkReference('0717140201P6NA')).toMatch(/for example 07171402-01-P6NA/)
    expect(checkReference(newReference(3))).toBe(true)
  })
  it('holds money as whole pence and shows it as pounds', () => {
    expect(checkPence(3050)).toBe(true)
    expect(checkPence(0)).toBe(true)
    expect(checkPence(-1)).toMatch(/whole pence/)
    expect(checkPence(30.5)).toMatch(/whole pence/)
    expect(formatPence(3050)).toBe('£30.50')
    expect(formatPence(0)).toBe('£0.00')
    expect(() => formatPence(1.5)).toThrow()
  })
})

describe('verification codes', () => {
  it('are url-safe, at least 128 bits, and never repeat', () => {
    const codes = new Set(Array.from({ length: 10_000 }, newVerificationCode))
    expect(codes.size).toBe(10_000)
    for (const code of [...codes].slice(0, 100)) {
      expect(isWellFormedVerificationCode(code)).toBe(true)
      expect(Buffer.from(code, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
    }
  })
})

describe('dates', () => {
  it('show as dd/mm/yyyy in London, across summer time', () => {
    expect(formatUkDate('2026-06-30T23:30:00.000Z')).toBe('01/07/2026')
    expect(formatUkDate('2026-12-31T23:30:00.000Z')).toBe('31/12/2026')
  })
  it('keep date-only values on their London calendar day', () => {
    expect(toDateOnly('2026-06-14T23:30:00.000Z')).toBe('2026-06-15T00:00:00.000Z')
    expect(toDateOnly('1990-01-15T12:00:00.000Z')).toBe('1990-01-15T00:00:00.000Z')
  })
  it('parse typed dd/mm/yyyy dates and reject impossible ones', () => {
    expect(parseUkDate('15/06/1990')).toBe('1990-06-15T00:00:00.000Z')
    expect(parseUkDate('31/02/1990')).toBeNull()
    expect(parseUkDate('1990-06-15')).toBeNull()
  })
})

describe('registration messages name the real problem', () => {
  const today = new Date('2026-01-01T00:00:00.000Z')
  const step1 = { candidateNumber: '123', firstName: 'Ann', surname: 'Example', dateOfBirth: '15/06/1990', consent: 'on' }

  it('a date written right that does not exist is "not a real date"; one written wrong is the format message', () => {
    expect(readUkDate('31/02/1990')).toEqual({ ok: false, problem: 'not-a-date' })
    expect(readUkDate('1990-02-31')).toEqual({ ok: false, problem: 'format' })
    expect(readUkDate('15/06/1990')).toEqual({ ok: true, iso: '1990-06-15T00:00:00.000Z' })
    expect(checkEligibility({ ...step1, dateOfBirth: '31/02/1990' }, today).errors).toEqual({ dateOfBirth: '31/02/1990 is not a real date. Check the day and the month.' })
    expect(checkEligibility({ ...step1, dateOfBirth: '1990-06-15' }, today).errors).toEqual({ dateOfBirth: 'Enter your date of birth as day/month/year, for example 27/03/1990.' })
  })
  it('150 letters are "too long (at most 100 characters)", not the wrong characters', () => {
    expect(tooLong('Your surname', 100)).toBe('Your surname is too long (at most 100 characters).')
    expect(checkEligibility({ ...step1, firstName: 'A'.repeat(150), surname: 'B'.repeat(101) }, today).errors).toEqual({
      firstName: 'Your first name is too long (at most 100 characters).',
      surname: 'Your surname is too long (at most 100 characters).',
    })
    expect(checkEligibility({ ...step1, candidateNumber: '1'.repeat(21) }, today).errors).toEqual({ candidateNumber: 'Your candidate or membership number is too long (at most 20 characters).' })
  })
  it('contact details: an over-long line is refused (not cut), an unknown country named, the telephone number kept in E.164', () => {
    expect(checkContactDetails({ addressLine1: 'x'.repeat(201), country: 'GB' }).errors).toEqual({ addressLine1: 'Address line 1 is too long (at most 200 characters).' })
    expect(checkContactDetails({ addressLine1: '1 High St', country: 'UN' }).errors).toEqual({ country: 'We do not recognise the country “UN”. Choose the country from the list.' })
    expect(checkContactDetails({ phoneCountry: 'GB', phoneNumber: '+44 07700 900123' })).toMatchObject({ errors: {}, values: { phone: '+447700900123' } })
    expect(checkContactDetails({ phoneCountry: 'FR', phoneNumber: '06 12 34 56 78' })).toMatchObject({ errors: {}, values: { phone: '+33612345678' } })
    expect(checkContactDetails({ phoneCountry: 'GB', phoneNumber: '0770' }).errors).toEqual({ phoneNumber: 'The telephone number is too short. Check it has all its digits.' })
  })
  it('login details: a weak password and a different confirmation are both told at once', () => {
    expect(checkLoginDetails({ email: 'a'.repeat(250) + '@x.test', password: 'short', confirmPassword: 'other' }).errors).toEqual({
      email: 'Your email address is too long (at most 254 characters).',
      password: 'Your password must be at least 12 characters long.',
      confirmPassword: 'The passwords do not match.',
    })
  })
})

describe('recordId', () => {
  it('takes a positive whole number within PostgreSQL integer range and refuses the rest', async () => {
    const { recordId } = await import('../../src/lib/ids')
    expect(recordId('42')).toBe(42)
    expect(recordId(' 7 ')).toBe(7)
    expect(recordId(2147483647)).toBe(2147483647)
    for (const bad of ['2147483648', '99999999999', '0', '-1', '1.5', '1e3', 'abc', '', null, undefined, '0012']) expect(recordId(bad)).toBeNull()
  })
})
