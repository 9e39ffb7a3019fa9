import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { queryInTransaction } from '../../collections/sql'

/**
 * System task, in the transaction that confirms a third party's email address: the
 * connections learners made out to that address, which waited for an account, are now its.
 * Its own check: called only once the address is verified, never at registration, so an
 * account registered with someone else's address gets nothing.
 */
export async function attachInvitations(req: PayloadRequest, account: { id: number; email: string; _verified?: boolean | null }): Promise<number> {
  if (account._verified !== true) throw new Error('Invitations attach to an account only once its email address is verified.')
  const { rowCount } = await queryInTransaction(
    req,
    sql`update connections set third_party_id = ${account.id}, updated_at = now()
        where lower(third_party_email) = ${account.email.toLowerCase()} and third_party_id is null`,
  )
  return rowCount
}
