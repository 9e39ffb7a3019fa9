import type { Access } from 'payload'

import { isActivePortalAccount } from '../../access/users'

const isActiveThirdParty = (user: unknown) => isActivePortalAccount(user as never) && (user as { kind?: string }).kind === 'third-party'

/** The third party's own connections, whatever their state (its table shows ended ones too). */
export const thirdPartysOwnConnections: Access = ({ req: { user } }) => (isActiveThirdParty(user) ? { thirdParty: { equals: user!.id } } : false)

/**
 * The documents shared with the signed-in third party in its connections that are active and
 * whose access date is still ahead at the moment of this query (not at a job's last run).
 * System read with its own check: the caller is an approved, verified third party, and only
 * its own connections are read.
 */
export const documentsSharedWithThirdParty: Access = async ({ req }) => {
  const { user, payload } = req
  if (!isActiveThirdParty(user)) return false
  const { docs } = await payload.find({
    collection: 'connections',
    // The learner's account must be taking part too: a suspended learner shares nothing.
    where: {
      thirdParty: { equals: user!.id },
      status: { equals: 'active' },
      accessUntil: { greater_than: new Date().toISOString() },
      'learner.status': { equals: 'approved' },
      'learner._verified': { equals: true },
    },
    select: { documents: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const ids = [...new Set(docs.flatMap((connection) => (connection.documents ?? []).map((document) => (typeof document === 'object' ? document.id : document))))]
  // With nothing shared, a rule that matches no row: a document answers 404 as any unshared one does.
  return ids.length ? { id: { in: ids } } : { id: { exists: false } }
}
