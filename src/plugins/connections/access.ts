import { sql } from '@payloadcms/db-postgres'
import type { Access } from 'payload'

import { isActivePortalAccount } from '../../access/users'
import { queryInTransaction } from '../../collections/sql'

const isActiveThirdParty = (user: unknown) => isActivePortalAccount(user as never) && (user as { kind?: string }).kind === 'third-party'

/** The third party's own connections, whatever their state (its table shows ended ones too). */
export const thirdPartysOwnConnections: Access = ({ req: { user } }) => (isActiveThirdParty(user) ? { thirdParty: { equals: user!.id } } : false)

/**
 * The documents shared with the signed-in third party in its connections that are active and
 * whose access date is still ahead at the moment of this query (not at a job's last run), from a
 * learner whose account is approved and verified too. One statement (in the request's
 * transaction, if any): Payload works out every collection's permissions at sign-in, so this
 * runs on each of a third party's requests. System read with its own check: the caller is an
 * approved, verified third party, and only its own connections are read.
 */
export const documentsSharedWithThirdParty: Access = async ({ req }) => {
  const { user } = req
  if (!isActiveThirdParty(user)) return false
  const { rows } = await queryInTransaction<{ id: number }>(
    req,
    sql`select distinct r.documents_id as id
        from connections c
        join connections_rels r on r.parent_id = c.id and r.path = 'documents'
        join accounts l on l.id = c.learner_id
        where c.third_party_id = ${Number(user!.id)} and c.status = 'active' and c.access_until > now()
          and l.status = 'approved' and l._verified = true`,
  )
  const ids = rows.map((row) => Number(row.id))
  // With nothing shared, a rule that matches no row: a document answers 404 as any unshared one does.
  return ids.length ? { id: { in: ids } } : { id: { exists: false } }
}
