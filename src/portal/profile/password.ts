import { createLocalReq, type Payload } from 'payload'

import { endOtherSessions, endSession, restoreSessions, sessionsOf } from '../../collections/Accounts/sessions'
import { recordAudit } from '../../collections/AuditLog/auditTrail'
import { inTransaction } from '../../collections/transaction'
import { queueEmail } from '../../email/queue'
import { passwordChangedEmail } from '../../email/templates/profile'
import { isLegacyHash, passwordMatches } from '../../lib/passwords'
import { checkPasswordChange, type FieldErrors } from '../../lib/profile'
import { unverifiedClaimsOf } from '../../lib/tokenClaims'
import { clearSignInFailures, recordSignInFailure, signInWait } from '../../plugins/registration'
import { asAccount, hasErrors, type SignedInAccount } from './account'


/**
 * Whether `password` is the account's password. A hash from before today's strength is
 * checked by Payload's own sign-in, which stores it again at today's strength; the session
 * that opens is ended straight away: checking a password signs no one in.
 */
export async function passwordIsRight(payload: Payload, email: string, password: string): Promise<boolean> {
  if (!password) return false
  const stored = await payload.db.findOne<{ id: number; hash?: string | null; salt?: string | null }>({
    collection: 'accounts',
    where: { email: { equals: email.trim().toLowerCase() } },
    select: { hash: true, salt: true },
  })
  if (!stored?.hash || !isLegacyHash(stored.hash)) return passwordMatches(password, stored)
  try {
    const { token, user } = await payload.login({ collection: 'accounts', data: { email, password } })
    // Payload made this token a moment ago: its session is the one to end.
    const sid = token ? unverifiedClaimsOf(token).sid : undefined
    if (sid && user) await endSession(payload, user.id, sid)
    return Boolean(token)
  } catch {
    return false
  }
}

/**
 * Checks the password the person typed to confirm who they are, under the sign-in throttle
 * (per IP and per account from that IP), so a stolen session cannot be used to guess it.
 */
export async function confirmPassword(
  payload: Payload,
  account: SignedInAccount,
  password: string,
  ip: string,
): Promise<{ ok: true } | { ok: false; reason: 'wrong' | 'throttled'; waitMinutes?: number }> {
  const wait = await signInWait(payload, ip, account.email)
  if (wait > 0) return { ok: false, reason: 'throttled', waitMinutes: Math.ceil(wait / 60) }
  if (!(await passwordIsRight(payload, account.email, password))) {
    await recordSignInFailure(payload, ip, account.email)
    return { ok: false, reason: 'wrong' }
  }
  await clearSignInFailures(payload, ip, account.email)
  return { ok: true }
}

export const tooManyTries = (minutes = 1) =>
  `You have typed a wrong password too many times. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`

export type PasswordChangeResult = { ok: true; signedOutOthers: boolean } | { ok: false; errors: FieldErrors }

/**
 * Changes the signed-in account's password: the current password first (Payload's sign-in
 * check), the new one by our password rule, then an email to the account. Other sessions
 * end only when the person asks (Payload 3.90 ends them on any password change, so they
 * are put back otherwise); this session always stays.
 */
export async function changePassword(payload: Payload, account: SignedInAccount, form: Record<string, string>, { ip = 'unknown' } = {}): Promise<PasswordChangeResult> {
  const { errors, values } = checkPasswordChange(form, { email: account.email })
  // The current password is checked whatever else is wrong: every problem of the form is told at once.
  if (values.currentPassword) {
    const confirmed = await confirmPassword(payload, account, values.currentPassword, ip)
    if (!confirmed.ok)
      errors.currentPassword = confirmed.reason === 'throttled' ? tooManyTries(confirmed.waitMinutes) : 'Your current password is not right. Check it and try again.'
  }
  if (hasErrors(errors)) return { ok: false, errors }

  const sessionsBefore = await sessionsOf(payload, account.id)
  const req = await createLocalReq({ user: account }, payload)
  // The new password, its audit entry and the email telling the holder: committed together or not at all.
  await inTransaction(req, async () => {
    await payload.update({
      collection: 'accounts',
      id: account.id,
      data: { password: values.password },
      ...asAccount(account),
      context: { currentPasswordChecked: true },
      req,
    })
    await recordAudit(req, {
      action: 'accounts.password-changed',
      entity: 'accounts',
      entityId: account.id,
      summary: values.signOutOthers ? 'Password changed from the profile; signed out of all other devices' : 'Password changed from the profile',
    })
    await queueEmail(req, { template: passwordChangedEmail, to: account.email, data: { firstName: account.firstName, otherDevicesSignedOut: values.signOutOthers } })
  })
  // Payload 3.90 ends every other session on a password change: they come back unless asked.
  if (values.signOutOthers) await endOtherSessions(payload, account.id, account._sid)
  else await restoreSessions(payload, account.id, sessionsBefore)
  return { ok: true, signedOutOthers: values.signOutOthers }
}
