import type { Payload } from 'payload'

import { settle } from '../../lib/background'
import { checkNewPassword } from '../../lib/passwords'
import type { FieldErrors } from '../../lib/registration'

/**
 * "Forgot my password": the same answer whether or not the email has an account. With
 * `afterAnswer` the link is made and sent after the answer, so it takes the same time too.
 */
export async function requestPasswordReset(payload: Payload, email: string, { afterAnswer = false } = {}): Promise<void> {
  const address = email.trim().toLowerCase()
  if (!address) return
  // Payload answers an unknown email without error, and sends nothing.
  await settle(payload, 'Password reset email', () => payload.forgotPassword({ collection: 'accounts', data: { email: address } }), afterAnswer)
}

/** A new password from a reset link: single-use, valid 60 minutes (Payload keeps both rules). */
export async function resetPassword(
  payload: Payload,
  { token, password, confirmPassword }: { token: string; password: string; confirmPassword: string },
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const check = checkNewPassword(password)
  if (check !== true) return { ok: false, errors: { password: check } }
  if (password !== confirmPassword) return { ok: false, errors: { confirmPassword: 'The passwords do not match.' } }
  try {
    await payload.resetPassword({ collection: 'accounts', data: { token, password }, overrideAccess: true })
    return { ok: true }
  } catch {
    return { ok: false, errors: { token: 'This link has expired or has already been used. Ask for a new one.' } }
  }
}
