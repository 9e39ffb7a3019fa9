import { describe, expect, it } from 'vitest'

import { checkCandidateNumber, normaliseCandidateNumber } from '../../src/lib/candidateNumber'
import { isWellFormedVerificationCode, newReference, newVerificationCode } from '../../src/lib/codes'
import { formatUkDate, parseUkDate, toDateOnly } from '../../src/lib/dates'
import { checkPence, checkQualificationNumber, checkReference } from '../../src/lib/formats'
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
