import type { Payload } from 'payload'

import { spendPasswordCheckTime } from '../../lib/passwords'
import { clearSignInFailures, recordSignInFailure, signInWait } from './signInThrottle'

export type SignInOutcome =
  | { ok: true; token: string; exp?: number }
  | { ok: false; reason: 'failed' | 'unverified' }
  | { ok: false; reason: 'throttled'; waitSeconds: number }

/**
 * Signs a portal account in with its password, for the sign-in page and REST alike.
 * Throttled per IP and per account-from-IP; an unknown email (or an imported account with
 * no password yet) costs the same hash work as a wrong password, so neither answer is faster.
 */
export async function signInAccount(payload: Payload, { ip, email, password }: { ip: string; email: string; password: string }): Promise<SignInOutcome> {
  const address = email.trim().toLowerCase()
  const waitSeconds = await signInWait(payload, ip, address)
  if (waitSeconds > 0) return { ok: false, reason: 'throttled', waitSeconds }
  const outcome = await checkPassword(payload, address, password)
  if (outcome.ok) await clearSignInFailures(payload, ip, address)
  else if (outcome.reason === 'failed') await recordSignInFailure(payload, ip, address)
  return outcome
}

async function checkPassword(payload: Payload, email: string, password: string): Promise<SignInOutcome> {
  // System read: only whether a password is set, never returned.
  const account = email && password ? await payload.db.findOne<{ id: number; hash?: string | null }>({ collection: 'accounts', where: { email: { equals: email } } }) : null
  if (!account?.hash) {
    await spendPasswordCheckTime(password)
    return { ok: false, reason: 'failed' }
  }
  try {
    const { token, exp } = await payload.login({ collection: 'accounts', data: { email, password } })
    return token ? { ok: true, token, exp } : { ok: false, reason: 'failed' }
  } catch (error) {
    return { ok: false, reason: (error as { name?: string }).name === 'UnverifiedEmail' ? 'unverified' : 'failed' }
  }
}
