import { APIError, type CollectionBeforeChangeHook, type Field } from 'payload'

import { isStaffUser } from '../../access/users'
import { passwordMatches } from '../../lib/passwords'
import { clearSignInFailures, recordSignInFailure, signInWait } from './signInThrottle'

/**
 * A staff member changing their own password or email address proves it is them with their
 * current password (`currentPassword`, never stored), so a session left open or taken over
 * cannot take the account with it; the guesses count against the sign-in throttle. An
 * administrator changing someone else's needs no such proof.
 */
export const ownChangesNeedCurrentPassword: CollectionBeforeChangeHook = async ({ collection, data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !isStaffUser(req.user) || String(req.user.id) !== String(originalDoc?.id)) return data
  const email = String(originalDoc.email)
  const emailChanges = typeof data.email === 'string' && data.email.trim().toLowerCase() !== email.toLowerCase()
  if (!data.password && !emailChanges) return data
  const ip = req.headers?.get('x-portal-client-ip') ?? 'unknown'
  if ((await signInWait(req.payload, ip, email)) > 0) throw new APIError('Too many attempts. Wait before trying again.', 429, undefined, true)
  // System read: the stored hash is compared here and never leaves this function.
  const stored = await req.payload.db.findOne<{ id: number; hash?: string | null; salt?: string | null }>({
    collection: collection.slug,
    where: { id: { equals: originalDoc.id } },
    select: { hash: true, salt: true },
    req,
  })
  if (!(await passwordMatches(String(data.currentPassword ?? ''), stored))) {
    await recordSignInFailure(req.payload, ip, email)
    throw new APIError('Give your current password to change your email address or password.', 403, undefined, true)
  }
  await clearSignInFailures(req.payload, ip, email)
  return data
}

/** The admin's box for it, on a staff member's own account only: no stored value, sent as `currentPassword`. */
export const currentPasswordField: Field = {
  name: 'currentPassword',
  type: 'ui',
  admin: {
    condition: (data, _siblingData, { user }) => data?.id !== undefined && String(data.id) === String(user?.id) && user?.collection === 'staff',
    components: { Field: '/plugins/registration/admin/CurrentPasswordField#CurrentPasswordField' },
  },
}
