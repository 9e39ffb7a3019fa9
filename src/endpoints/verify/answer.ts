import { londonCalendarDate } from '../../lib/dates'
import { statusOn, type ShownStatus } from '../../lib/verify'
import type { LookupRow } from './lookup'

let todayCache = { minute: -1, today: '' }

/** Today's London calendar date (YYYY-MM-DD), worked out once a minute rather than on every request. */
export function londonToday(now = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000)
  if (minute !== todayCache.minute) todayCache = { minute, today: londonCalendarDate(now) }
  return todayCache.today
}

/** What the verification page says about one document: its live status and key facts, nothing more. */
export type VerifyAnswer = {
  status: ShownStatus
  /** London calendar date (YYYY-MM-DD) of the revocation or reissue, or the expiry date of an expired one. */
  statusDate: string | null
  supersededBy: { reference: string; code: string } | null
  type: 'certificate' | 'transcript' | 'badge' | 'proof-letter'
  reference: string | null
  issueDate: string | null
  expiryDate: string | null
  fullName: string | null
  qualificationTitle: string | null
  qualificationNumber: string | null
  grade: string | null
  showDocument: boolean
}

/** The answer for a found row, its status as on `today` (London calendar date). */
export function answerOf(row: LookupRow, today = londonToday()): VerifyAnswer {
  const status = statusOn(row.status!, row.expiry_date, today)
  return {
    status,
    statusDate: status === 'valid' ? null : status === 'expired' ? row.expiry_date : row.status_date,
    supersededBy: status === 'superseded' && row.superseded_by_code ? { reference: row.superseded_by_reference ?? '', code: row.superseded_by_code } : null,
    type: row.type!,
    reference: row.reference,
    issueDate: row.issue_date,
    expiryDate: row.expiry_date,
    fullName: row.full_name,
    qualificationTitle: row.qualification_title,
    qualificationNumber: row.qualification_number,
    grade: row.grade,
    showDocument: row.show_on_verify,
  }
}

/**
 * The JSON form (`Accept: application/json`):
 * `{ found, status: 'valid' | 'expired' | 'revoked' | 'superseded', statusDate?, supersededBy?: { reference, verifyUrl }, document: { type, reference, issueDate },
 *    learner: { fullName }, qualification: { title, number, expiryDate? }, grade, documentUrl? }`.
 */
export function answerJson(answer: VerifyAnswer, code: string, baseUrl: string): string {
  return JSON.stringify({
    found: true,
    status: answer.status,
    ...(answer.statusDate ? { statusDate: answer.statusDate } : {}),
    ...(answer.supersededBy ? { supersededBy: { reference: answer.supersededBy.reference, verifyUrl: `${baseUrl}/verify/${answer.supersededBy.code}` } } : {}),
    document: { type: answer.type, reference: answer.reference, issueDate: answer.issueDate },
    learner: { fullName: answer.fullName },
    qualification: { title: answer.qualificationTitle, number: answer.qualificationNumber, ...(answer.expiryDate ? { expiryDate: answer.expiryDate } : {}) },
    grade: answer.grade,
    ...(answer.showDocument ? { documentUrl: `${baseUrl}/verify/${code}/document` } : {}),
  })
}

export const NOT_FOUND_JSON = '{"found":false}'
