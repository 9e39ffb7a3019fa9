import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { isStaffUser } from '../../../access/users'
import { passwordMatches } from '../../../lib/passwords'

/**
 * A staff member changing their own password or email address proves it is them with their
 * current password (`currentPassword`, never stored), so a session left open or stolen cannot
 * take the account over. An administrator changing someone else's needs no such proof.
 */
export const ownChangesNeedCurrentPassword: CollectionBeforeChangeHook = async ({ collection, data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !isStaffUser(req.user) || String(req.user.id) !== String(originalDoc?.id)) return data
  const emailChanges = typeof data.email === 'string' && data.email.trim().toLowerCase() !== String(originalDoc.email).toLowerCase()
  if (!data.password && !emailChanges) return data
  // System read: the stored hash is compared here and never leaves this function.
  const stored = await req.payload.db.findOne<{ id: number; hash?: string | null; salt?: string | null }>({
    collection: collection.slug,
    where: { id: { equals: originalDoc.id } },
    select: { hash: true, salt: true },
    req,
  })
  if (!(await passwordMatches(String(data.currentPassword ?? ''), stored)))
    throw new APIError('Give your current password to change your email address or password.', 403, undefined, true)
  return data
}
