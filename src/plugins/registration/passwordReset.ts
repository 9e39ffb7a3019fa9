import type { Payload } from 'payload'

import { sendTemplatedEmail } from '../../email/send'
import { portalPasswordResetEmail } from '../../email/templates/portalPasswordReset'
import { settle } from '../../lib/background'
import { checkNewPassword } from '../../lib/passwords'
import type { FieldErrors } from '../../lib/registration'
import { hashLinkToken } from '../../lib/tokens'

/**
 * "Forgot my password": the same answer whether or not the email has an account. With
 * `afterAnswer` the link is made and sent after the answer, so it takes the same time too.
 */
export async function requestPasswordReset(payload: Payload, email: string, { afterAnswer = false } = {}): Promise<void> {
  const address = email.trim().toLowerCase()
  if (!address) return
  await settle(payload, 'Password reset email', () => sendResetLink(payload, address), afterAnswer)
}

/**
 * Payload makes the token and its 60-minute expiry; only the token's hash is kept, so a copy
 * of the database opens no account. Payload answers an unknown email with no token.
 */
async function sendResetLink(payload: Payload, address: string): Promise<void> {
  const token = await payload.forgotPassword({ collection: 'accounts', data: { email: address }, disableEmail: true })
  if (!token) return
  const account = await payload.db.findOne<{ id: number; firstName?: string | null }>({
    collection: 'accounts',
    where: { resetPasswordToken: { equals: token } },
    select: { firstName: true },
  })
  if (!account) return
  await payload.db.updateOne({ collection: 'accounts', id: account.id, data: { resetPasswordToken: hashLinkToken(token), updatedAt: null }, returning: false })
  await sendTemplatedEmail(payload, { template: portalPasswordResetEmail, to: address, data: { token, firstName: account.firstName ?? '' } })
}

/** A new password from a reset link: single-use, valid 60 minutes (Payload keeps both rules), by the password rule. */
export async function resetPassword(
  payload: Payload,
  { token, password, confirmPassword }: { token: string; password: string; confirmPassword: string },
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const check = checkNewPassword(password)
  if (check !== true) return { ok: false, errors: { password: check } }
  if (password !== confirmPassword) return { ok: false, errors: { confirmPassword: 'The passwords do not match.' } }
  try {
    await payload.resetPassword({ collection: 'accounts', data: { token: hashLinkToken(token), password }, overrideAccess: true })
    return { ok: true }
  } catch {
    return { ok: false, errors: { token: 'This link has expired or has already been used. Ask for a new one.' } }
  }
}
