import { sql } from '@payloadcms/db-postgres'
import type { SQL } from 'drizzle-orm'

import { ANSWER_WITHIN_DAYS } from '../../lib/connections'

/**
 * The SQL forms of the state machine's tests (`src/lib/connections.ts`), for the connection
 * aliased `c`: written once here, and tested against the TypeScript ones on rows in the database.
 */

/** `thirdPartyMaySee`: active, and its access date still ahead at `now`. */
export const thirdPartyMaySeeSql = (now: Date | SQL = sql`now()`) => sql`(c.status = 'active' and c.access_until > ${now})`

/** `answerBy`: the end of the London day `ANSWER_WITHIN_DAYS` × 24 hours after `createdAt`. */
export const answerBySql = (createdAt: SQL) =>
  sql`((((${createdAt} + interval '${sql.raw(String(ANSWER_WITHIN_DAYS * 24))} hours') at time zone 'Europe/London')::date + 1)::timestamp at time zone 'Europe/London')`

/** `dueToExpire`: still open (pending or active), and its end reached at `now`: its access date, or its answer-by date while pending. */
export const dueToExpireSql = (now: Date | SQL = sql`now()`) =>
  sql`(c.status in ('pending', 'active') and (c.access_until <= ${now} or (c.status = 'pending' and ${answerBySql(sql.raw('c.created_at'))} <= ${now})))`

/**
 * The documents third party `thirdParty` may see now, one row per connection and document
 * (`c`, `r.documents_id`, the learner `l`): shared in a connection the third party is party to
 * that it may see now, from a learner whose account is approved and verified, and each document
 * the learner's own (its achievement is the learner's candidate record). A connection row that
 * names anyone else's document, however it was written, grants nothing.
 */
export const sharedWithThirdPartyNow = (thirdParty: number, now?: Date) => sql`
  from connections c
  join connections_rels r on r.parent_id = c.id and r.path = 'documents'
  join accounts l on l.id = c.learner_id and l.status = 'approved' and l._verified = true
  join documents d on d.id = r.documents_id
  join achievements a on a.id = d.achievement_id and a.candidate_id = l.candidate_id
  where c.third_party_id = ${thirdParty} and ${thirdPartyMaySeeSql(now)}`
