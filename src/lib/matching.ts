import { normaliseCandidateNumber } from './candidateNumber'
import { normaliseName } from './names'

export type RegistrationDetails = {
  candidateNumber?: string | null
  firstName: string
  surname: string
  /** ISO date or date-time; only its calendar date (UTC) counts. */
  dateOfBirth: string
}

export type CandidateRecord = {
  id: number | string
  firstName: string
  surname: string
  dateOfBirth: string
  /** Another portal account is linked to this record already. */
  linkedToAccount?: boolean
}

export type MatchOutcome =
  | { kind: 'matched'; candidateId: number | string }
  | { kind: 'review'; reason: 'no-number' | 'not-found' | 'mismatch' | 'several' | 'already-linked'; candidateId?: number | string }

const calendarDate = (value: string) => value.slice(0, 10)

/** Whether the registrant's names and date of birth are exactly those on the record. */
export function detailsMatch(registration: RegistrationDetails, candidate: CandidateRecord): boolean {
  return (
    normaliseName(registration.firstName) === normaliseName(candidate.firstName) &&
    normaliseName(registration.surname) === normaliseName(candidate.surname) &&
    calendarDate(registration.dateOfBirth) === calendarDate(candidate.dateOfBirth)
  )
}

/**
 * The rule: approved automatically only when the number finds exactly one record, the
 * names and date of birth match it, and no other account holds it; anything else goes to a
 * person. (What is printed on a certificate, name and number, and a date of birth, which is
 * rarely secret, must not be enough to open a second account on someone's record.)
 * `candidatesWithNumber` are the records whose normalised number equals the registrant's.
 */
export function matchRegistration(registration: RegistrationDetails, candidatesWithNumber: CandidateRecord[]): MatchOutcome {
  if (!registration.candidateNumber || normaliseCandidateNumber(registration.candidateNumber) === '') return { kind: 'review', reason: 'no-number' }
  if (candidatesWithNumber.length === 0) return { kind: 'review', reason: 'not-found' }
  const matching = candidatesWithNumber.filter((candidate) => detailsMatch(registration, candidate))
  const [only] = matching
  if (only && matching.length === 1)
    return only.linkedToAccount ? { kind: 'review', reason: 'already-linked', candidateId: only.id } : { kind: 'matched', candidateId: only.id }
  return { kind: 'review', reason: matching.length > 1 || candidatesWithNumber.length > 1 ? 'several' : 'mismatch' }
}

/**
 * How close a record is to a registration, for the review queue: the number counts most,
 * then the date of birth, then each name. 0 means nothing in common.
 */
export function closeness(registration: RegistrationDetails, candidate: CandidateRecord & { candidateNumberNormalised?: string | null }): number {
  const number = registration.candidateNumber ? normaliseCandidateNumber(registration.candidateNumber) : ''
  return (
    (number && number === candidate.candidateNumberNormalised ? 4 : 0) +
    (calendarDate(registration.dateOfBirth) === calendarDate(candidate.dateOfBirth) ? 3 : 0) +
    (normaliseName(registration.surname) === normaliseName(candidate.surname) ? 2 : 0) +
    (normaliseName(registration.firstName) === normaliseName(candidate.firstName) ? 1 : 0)
  )
}
