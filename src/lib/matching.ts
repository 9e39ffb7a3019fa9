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

export type DetailResult = 'match' | 'differs' | 'missing'

export type ComparedDetail = {
  detail: 'candidateNumber' | 'firstName' | 'surname' | 'dateOfBirth'
  label: string
  /** As the registrant typed it (a date as its calendar date, yyyy-mm-dd); '' when not given. */
  given: string
  /** As on the candidate record; '' when the record has none. */
  onRecord: string
  /** `missing`: one side has nothing to compare. */
  result: DetailResult
}

type RecordWithNumber = CandidateRecord & { candidateNumber?: string | null; candidateNumberNormalised?: string | null }

/**
 * Each detail matching uses, the registration's beside the record's, compared by the rule
 * `matchRegistration` applies (numbers without leading zeros, case or spaces; names without
 * case, accents or punctuation; dates by calendar day).
 */
export function compareWithRecord(registration: RegistrationDetails, candidate: RecordWithNumber): ComparedDetail[] {
  const compare = (given: string, onRecord: string, same: (a: string, b: string) => boolean): DetailResult =>
    !given.trim() || !onRecord.trim() ? 'missing' : same(given, onRecord) ? 'match' : 'differs'
  const sameName = (a: string, b: string) => normaliseName(a) === normaliseName(b)
  const number = { given: registration.candidateNumber ?? '', onRecord: candidate.candidateNumber ?? '' }
  const recordNumber = candidate.candidateNumberNormalised ?? normaliseCandidateNumber(number.onRecord)
  const dates = { given: registration.dateOfBirth ? calendarDate(registration.dateOfBirth) : '', onRecord: candidate.dateOfBirth ? calendarDate(candidate.dateOfBirth) : '' }
  return [
    { detail: 'candidateNumber', label: 'Candidate number', ...number, result: compare(number.given, number.onRecord, (a) => normaliseCandidateNumber(a) === recordNumber) },
    { detail: 'firstName', label: 'First name', given: registration.firstName, onRecord: candidate.firstName, result: compare(registration.firstName, candidate.firstName, sameName) },
    { detail: 'surname', label: 'Surname', given: registration.surname, onRecord: candidate.surname, result: compare(registration.surname, candidate.surname, sameName) },
    { detail: 'dateOfBirth', label: 'Date of birth', ...dates, result: compare(dates.given, dates.onRecord, (a, b) => a === b) },
  ]
}

const WEIGHT: Record<ComparedDetail['detail'], number> = { candidateNumber: 4, dateOfBirth: 3, surname: 2, firstName: 1 }

/**
 * How close a record is to a registration, for ordering the review queue's suggestions: the
 * number counts most, then the date of birth, then each name. 0 means nothing in common.
 */
export function closeness(comparison: readonly ComparedDetail[]): number {
  return comparison.reduce((sum, { detail, result }) => sum + (result === 'match' ? WEIGHT[detail] : 0), 0)
}
