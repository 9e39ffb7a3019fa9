import type { Payload } from 'payload'

import { inTransaction } from '../../collections/transaction'
import { queueEmail } from '../../email/queue'
import { portalPasswordResetEmail } from '../../email/templates/portalPasswordReset'
import { staffPasswordResetEmail } from '../../email/templates/staffPasswordReset'
import { settle } from '../../lib/background'
import { checkNewPassword } from '../../lib/passwords'
import type { FieldErrors } from '../../lib/registration'
import { hashLinkToken } from '../../lib/tokens'
import type { PasswordCollection } from './session'
import { systemRequest } from './system'

/**
 * "Forgot my password" for a portal account or (with `collection: 'staff'`) a staff member:
 * the same answer whether or not the email has an account. With `afterAnswer` the link is
 * made and sent after the answer, so it takes the same time too.
 */
export async function requestPasswordReset(
  payload: Payload,
  email: string,
  { afterAnswer = false, collection = 'accounts' }: { afterAnswer?: boolean; collection?: PasswordCollection } = {},
): Promise<void> {
  const address = email.trim().toLowerCase()
  if (!address) return
  await settle(payload, 'Password reset email', () => sendResetLink(payload, collection, address), afterAnswer)
}

/**
 * Payload makes the token and its 60-minute expiry and stores only its hash (see
 * `storeResetTokenHashed`); an unknown email gets no token. The link is emailed with the
 * template of the account's kind, queued in the transaction that stored the token.
 */
async function sendResetLink(payload: Payload, collection: PasswordCollection, address: string): Promise<void> {
  const req = await systemRequest(payload)
  await inTransaction(req, async () => {
    const token = await payload.forgotPassword({ collection, data: { email: address }, disableEmail: true, req })
    if (!token) return
    if (collection === 'staff') return queueEmail(req, { template: staffPasswordResetEmail, to: address, data: { token } })
    const account = await payload.db.findOne<{ id: number; firstName?: string | null }>({
      collection: 'accounts',
      where: { resetPasswordToken: { equals: hashLinkToken(token) } },
      select: { firstName: true },
      req,
    })
    if (account) await queueEmail(req, { template: portalPasswordResetEmail, to: address, data: { token, firstName: account.firstName ?? '' } })
  })
}

/** A new password from a reset link: single-use, valid 60 minutes (Payload keeps both rules), by the password rule. */
export async function resetPassword(
  payload: Payload,
  { token, password, confirmPassword, collection = 'accounts' }: { token: string; password: string; confirmPassword: string; collection?: PasswordCollection },
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const errors: FieldErrors = {}
  const check = checkNewPassword(password)
  if (check !== true) errors.password = check
  if (password && password !== confirmPassword) errors.confirmPassword = 'The passwords do not match.'
  if (Object.keys(errors).length) return { ok: false, errors }
  try {
    await payload.resetPassword({ collection, data: { token: hashLinkToken(token), password }, overrideAccess: true })
    return { ok: true }
  } catch {
    return { ok: false, errors: { token: 'This link has expired or has already been used. Ask for a new one.' } }
  }
}
