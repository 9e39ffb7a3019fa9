import { sql } from '@payloadcms/db-postgres'
import type { Access } from 'payload'

import { isActivePortalAccount } from '../../access/users'
import { queryInTransaction } from '../../collections/sql'
import { sharedWithThirdPartyNow } from './sql'

const isActiveThirdParty = (user: unknown) => isActivePortalAccount(user as never) && (user as { kind?: string }).kind === 'third-party'

/** The third party's own connections, whatever their state (its table shows ended ones too). */
export const thirdPartysOwnConnections: Access = ({ req: { user } }) => (isActiveThirdParty(user) ? { thirdParty: { equals: user!.id } } : false)

/**
 * Widens the documents' read rule (named there): the documents shared with the signed-in third
 * party in its connections that it may see at the moment of this query (not at a job's last
 * run), each the connection's learner's own, from a learner whose account is approved and
 * verified (`sharedWithThirdPartyNow`). One statement (in the request's transaction, if any):
 * Payload works out every collection's permissions at sign-in, so this runs on each of a third
 * party's requests. System read with its own check: the caller is an approved, verified third
 * party, and only its own connections are read.
 */
export const documentsSharedWithThirdParty: Access = async ({ req }) => {
  const { user } = req
  if (!isActiveThirdParty(user)) return false
  const { rows } = await queryInTransaction<{ id: number }>(req, sql`select distinct r.documents_id as id ${sharedWithThirdPartyNow(Number(user!.id))}`)
  const ids = rows.map((row) => Number(row.id))
  // With nothing shared, a rule that matches no row: a document answers 404 as any unshared one does.
  return ids.length ? { id: { in: ids } } : { id: { exists: false } }
}
