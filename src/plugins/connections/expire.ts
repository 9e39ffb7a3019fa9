import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type TaskConfig } from 'payload'

import { queryInTransaction } from '../../collections/sql'
import { inTransaction } from '../../collections/transaction'
import { queueEmailsInBulk } from '../../email/queue'
import { formatAccessUntil } from '../../lib/dates'
import { connectionExpiredMessage, connectionLapsedMessage, type ConnectionMail } from './emails'
import { answerBySql, dueToExpireSql } from './sql'

export const CONNECTIONS_QUEUE = 'connections'

type Ended = {
  id: number
  lapsed: boolean
  initiated_by: 'learner' | 'third-party'
  access_until: Date
  answer_by: Date
  third_party_name: string
  third_party_company: string | null
  third_party_email: string
  asked_email: string | null
  learner_email: string | null
  learner_first: string | null
  learner_last: string | null
  tp_email: string | null
  tp_first: string | null
}

/**
 * Every open connection that has ended by itself becomes expired in one statement, which also
 * writes each one's history line and audit entry; both sides are emailed in the same transaction.
 * It ends at its access date, or, while nobody has answered it, at its answer-by date (it lapses:
 * then only the side that made it is emailed, and a third party's request never names the
 * learner). A second run, or one in another process at the same moment, finds those rows no
 * longer open (its row locks wait for the first one, then re-check them), so nobody is emailed
 * twice. Access itself never waited for this: the documents rule compares the date at each query.
 */
export async function expireDueConnections(payload: Payload, now = new Date()): Promise<{ expired: number }> {
  const req = await createLocalReq({}, payload)
  return inTransaction(req, async () => {
    const { rows } = await queryInTransaction<Ended>(
      req,
      sql`with was as (
            select c.id, c.status from connections c where ${dueToExpireSql(now)}
            for update
          ), due as (
            update connections c set status = 'expired', updated_at = now(),
              extension_status = case when c.extension_status = 'requested' then 'declined'::enum_connections_extension_status else c.extension_status end
            from was where c.id = was.id and c.status in ('pending', 'active')
            returning c.id, was.status = 'pending' as lapsed, c.initiated_by, c.learner_id, c.third_party_id, c.third_party_name, c.third_party_company,
              c.third_party_email, c.learner_email as asked_email, c.access_until, ${answerBySql(sql.raw('c.created_at'))} as answer_by
          ), history as (
            insert into connection_events (connection_id, event, party, at, note)
            select id, 'expired', 'system', ${now}, case when lapsed then 'Nobody answered in time: it lapsed.' end from due
          ), audit as (
            insert into audit_log (action, entity, entity_id, actor_label, summary)
            select 'connections.expired', 'connections', id::text, 'system', case when lapsed then 'Nobody answered in time.' else 'The access date passed.' end from due
          )
          select due.id, due.lapsed, due.initiated_by, due.access_until, due.answer_by, due.third_party_name, due.third_party_company, due.third_party_email, due.asked_email,
                 l.email as learner_email, l.first_name as learner_first, l.last_name as learner_last, t.email as tp_email, t.first_name as tp_first
          from due left join accounts l on l.id = due.learner_id left join accounts t on t.id = due.third_party_id`,
    )
    if (!rows.length) return { expired: 0 }
    const expired: Array<{ to: string; data: ConnectionMail }> = []
    const lapsed: Array<{ to: string; data: ConnectionMail }> = []
    for (const row of rows) {
      const accessUntil = formatAccessUntil(row.access_until)
      const thirdParty = row.third_party_company ? `${row.third_party_company} (${row.third_party_name})` : row.third_party_name
      const learner = row.learner_first ? `${row.learner_first} ${row.learner_last ?? ''}`.trim() : 'The learner'
      if (row.lapsed) {
        const answerBy = formatAccessUntil(new Date(Math.min(new Date(row.access_until).getTime(), new Date(row.answer_by).getTime())))
        if (row.initiated_by === 'third-party') lapsed.push({ to: row.tp_email ?? row.third_party_email, data: { firstName: row.tp_first ?? '', other: row.asked_email ?? 'the address you gave', connection: row.id, accessUntil: answerBy } })
        else if (row.learner_email) lapsed.push({ to: row.learner_email, data: { firstName: row.learner_first ?? '', other: thirdParty, connection: row.id, accessUntil: answerBy } })
        continue
      }
      expired.push({ to: row.tp_email ?? row.third_party_email, data: { firstName: row.tp_first ?? '', other: learner, connection: row.id, accessUntil } })
      if (row.learner_email) expired.push({ to: row.learner_email, data: { firstName: row.learner_first ?? '', other: thirdParty, connection: row.id, accessUntil } })
    }
    if (expired.length) await queueEmailsInBulk(req, connectionExpiredMessage, expired)
    if (lapsed.length) await queueEmailsInBulk(req, connectionLapsedMessage, lapsed)
    return { expired: rows.length }
  })
}

export const expireConnectionsTask: TaskConfig<{ input: Record<string, never>; output: { expired: number } }> = {
  slug: 'expire-connections',
  label: 'Expire connections past their access date, and lapse those nobody answered in time',
  outputSchema: [{ name: 'expired', type: 'number' }],
  retries: 2,
  // Every 10 seconds (one query over the open connections when nothing is due): both sides hear within seconds.
  schedule: [{ cron: '*/10 * * * * *', queue: CONNECTIONS_QUEUE }],
  handler: async ({ req }) => ({ output: await expireDueConnections(req.payload) }),
}
