import type { Pool } from 'pg'

import { secondsToWait } from '../../lib/throttle'

/**
 * The whole verification answer in ONE round trip: the caller's throttle row (always one row,
 * from the one-row `k`), and the document with its achievement, qualification, holder and the
 * document that superseded it (all null when the code finds nothing). The document is found
 * through the unique index on `verification_code`; the throttle row through the unique index
 * on `key`. Dates come back as London calendar dates (`YYYY-MM-DD`), names already joined, so
 * nothing needs parsing here. Never selected: date of birth, candidate number, status reason.
 */
const lookupSql = (documentIs: string, extra = '') => `
select
  t.blocked_until,
  d.id is not null as found,
  d.type,
  d.status,
  d.reference,
  coalesce(d.show_on_verify, false) as show_on_verify,
  to_char(coalesce(d.issue_date, a.issue_date) at time zone 'Europe/London', 'YYYY-MM-DD') as issue_date,
  to_char(d.status_changed_at at time zone 'Europe/London', 'YYYY-MM-DD') as status_date,
  to_char(a.expiry_date at time zone 'Europe/London', 'YYYY-MM-DD') as expiry_date,
  a.grade,
  q.title as qualification_title,
  q.qualification_number,
  concat_ws(' ', c.first_name, nullif(c.middle_names, ''), c.surname) as full_name,
  s.verification_code as superseded_by_code,
  s.reference as superseded_by_reference${extra}
from (select $2::varchar as key) k
left join sign_in_throttles t on t.key = k.key
left join (
  documents d
  join achievements a on a.id = d.achievement_id
  join qualifications q on q.id = a.qualification_id
  join candidates c on c.id = a.candidate_id
  left join documents s on s.id = d.superseded_by_id
) on ${documentIs}`

export const LOOKUP_SQL = lookupSql('d.verification_code = $1::varchar')

/**
 * The same by the printed reference (unique index on `reference`), with the holder's surname
 * to compare against what was typed (never printed) and the verification code the answer links with.
 */
export const REFERENCE_LOOKUP_SQL = lookupSql('d.reference = $1::varchar', ',\n  c.surname,\n  d.verification_code')

export type LookupRow = {
  blocked_until: Date | null
  found: boolean
  type: 'certificate' | 'transcript' | 'badge' | 'proof-letter' | null
  status: 'valid' | 'revoked' | 'superseded' | null
  reference: string | null
  show_on_verify: boolean
  issue_date: string | null
  status_date: string | null
  expiry_date: string | null
  grade: string | null
  qualification_title: string | null
  qualification_number: string | null
  full_name: string | null
  superseded_by_code: string | null
  superseded_by_reference: string | null
}

export type ReferenceLookupRow = LookupRow & { surname: string | null; verification_code: string | null }

/** The document a code names (if any) and the caller's throttle state, prepared once per connection. */
export async function lookUp(pool: Pool, code: string | null, throttleKey: string): Promise<LookupRow> {
  const result = await pool.query<LookupRow>({ name: 'verify-lookup', text: LOOKUP_SQL, values: [code, throttleKey] })
  return result.rows[0]!
}

/** The document a reference names (if any), with its holder's surname, and the caller's throttle state. */
export async function lookUpReference(pool: Pool, reference: string | null, throttleKey: string): Promise<ReferenceLookupRow> {
  const result = await pool.query<ReferenceLookupRow>({ name: 'verify-reference-lookup', text: REFERENCE_LOOKUP_SQL, values: [reference, throttleKey] })
  return result.rows[0]!
}

/** Seconds the caller must wait (0: go ahead), by the shared rule in lib/throttle. */
export const secondsBlocked = (row: Pick<LookupRow, 'blocked_until'>, now: Date) =>
  row.blocked_until ? secondsToWait({ failures: 0, firstFailureAt: now.toISOString(), blockedUntil: row.blocked_until.toISOString() }, now) : 0
