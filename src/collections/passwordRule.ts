import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { checkNewPassword } from '../lib/passwords'

/**
 * Every new password, however it arrives (portal, admin, REST), meets the password rule:
 * 12 to 128 characters, not a common password, not the email.
 */
export const enforcePasswordRule: CollectionBeforeValidateHook = ({ collection, data, originalDoc }) => {
  const password = data?.password
  if (typeof password !== 'string' || password === '') return data
  const check = checkNewPassword(password, { email: String(data?.email ?? originalDoc?.email ?? '') })
  if (check !== true) throw new ValidationError({ collection: collection.slug, errors: [{ message: check, path: 'password' }] })
  return data
}
