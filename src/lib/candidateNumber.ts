/**
 * Candidate and membership numbers are compared without leading zeros, case or spaces:
 * " 00ab 123 " and "AB123" are the same number.
 */
export function normaliseCandidateNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase().replace(/^0+/, '')
}

export const CANDIDATE_NUMBER_PATTERN = /^[A-Za-z0-9 ]{1,20}$/

export function checkCandidateNumber(raw: unknown): string | true {
  if (typeof raw !== 'string' || raw.trim() === '') return 'Enter the candidate or membership number.'
  if (!CANDIDATE_NUMBER_PATTERN.test(raw.trim()))
    return 'A candidate or membership number has up to 20 letters and digits.'
  if (normaliseCandidateNumber(raw) === '') return 'A candidate or membership number cannot be all zeros.'
  return true
}
