import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type TaskConfig } from 'payload'

import { queryInTransaction } from '../../collections/sql'
import { inTransaction } from '../../collections/transaction'
import { queueEmailsInBulk } from '../../email/queue'
import { formatAccessUntil } from '../../lib/dates'
import { connectionExpiredMessage, type ConnectionMail } from './emails'
import { dueToExpireSql } from './sql'

export const CONNECTIONS_QUEUE = 'connections'

type Expired = {
  id: number
  access_until: Date
  third_party_name: string
  third_party_company: string | null
  third_party_email: string
  learner_email: string | null
  learner_first: string | null
  learner_last: string | null
  tp_email: string | null
  tp_first: string | null
}

/**
 * Every open connection whose access date has passed becomes expired in one statement, which
 * also writes each one's history line and audit entry; both sides are emailed in the same transaction. A second
 * run, or one in another process at the same moment, finds those rows no longer open (the
 * update waits on the first one's row locks, then re-checks them), so nobody is emailed twice.
 * Access itself never waited for this: the documents rule compares the date at each query.
 */
export async function expireDueConnections(payload: Payload, now = new Date()): Promise<{ expired: number }> {
  const req = await createLocalReq({}, payload)
  return inTransaction(req, async () => {
    const { rows } = await queryInTransaction<Expired>(
      req,
      sql`with due as (
            update connections c set status = 'expired', updated_at = now(),
              extension_status = case when c.extension_status = 'requested' then 'declined'::enum_connections_extension_status else c.extension_status end
            where ${dueToExpireSql(now)}
            returning c.id, c.learner_id, c.third_party_id, c.third_party_name, c.third_party_company, c.third_party_email, c.access_until
          ), history as (
            insert into connection_events (connection_id, event, party, at) select id, 'expired', 'system', ${now} from due
          ), audit as (
            insert into audit_log (action, entity, entity_id, actor_label, summary)
            select 'connections.expired', 'connections', id::text, 'system', 'The access date passed.' from due
          )
          select due.id, due.access_until, due.third_party_name, due.third_party_company, due.third_party_email,
                 l.email as learner_email, l.first_name as learner_first, l.last_name as learner_last, t.email as tp_email, t.first_name as tp_first
          from due left join accounts l on l.id = due.learner_id left join accounts t on t.id = due.third_party_id`,
    )
    if (!rows.length) return { expired: 0 }
    const messages: Array<{ to: string; data: ConnectionMail }> = []
    for (const row of rows) {
      const accessUntil = formatAccessUntil(row.access_until)
      const thirdParty = row.third_party_company ? `${row.third_party_company} (${row.third_party_name})` : row.third_party_name
      const learner = row.learner_first ? `${row.learner_first} ${row.learner_last ?? ''}`.trim() : 'The learner'
      messages.push({ to: row.tp_email ?? row.third_party_email, data: { firstName: row.tp_first ?? '', other: learner, connection: row.id, accessUntil } })
      if (row.learner_email) messages.push({ to: row.learner_email, data: { firstName: row.learner_first ?? '', other: thirdParty, connection: row.id, accessUntil } })
    }
    await queueEmailsInBulk(req, connectionExpiredMessage, messages)
    return { expired: rows.length }
  })
}

export const expireConnectionsTask: TaskConfig<{ input: Record<string, never>; output: { expired: number } }> = {
  slug: 'expire-connections',
  label: 'Expire connections past their access date',
  outputSchema: [{ name: 'expired', type: 'number' }],
  retries: 2,
  schedule: [{ cron: '15 * * * * *', queue: CONNECTIONS_QUEUE }],
  handler: async ({ req }) => ({ output: await expireDueConnections(req.payload) }),
}
