import type { Payload } from 'payload'

import { isLegacyHash, passwordMatches } from '../../lib/passwords'
import { startSession } from './session'
import { clearSignInFailures, recordSignInFailure, signInWait } from './signInThrottle'

export type SignInOutcome =
  | { ok: true; token: string; exp?: number }
  | { ok: false; reason: 'failed' | 'unverified' }
  | { ok: false; reason: 'throttled'; waitSeconds: number }

type StoredAccount = { id: number; email: string; hash?: string | null; salt?: string | null; _verified?: boolean | null }

/**
 * Signs a portal account in with its password, for the sign-in page and REST alike.
 * Throttled per IP and per account-from-IP. A wrong password, an unknown email and an
 * imported account with no password take the same steps (one lookup, one hash) and get the
 * same answer; only the right password goes further.
 */
export async function signInAccount(payload: Payload, credentials: { ip: string; email: string; password: string }): Promise<SignInOutcome> {
  const started = performance.now()
  const outcome = await attempt(payload, credentials)
  // A floor under every refusal: what is left of the difference between a known and an
  // unknown email (a row read, the machine's load) cannot be timed from outside.
  if (!outcome.ok && outcome.reason !== 'throttled') await new Promise((resolve) => setTimeout(resolve, started + REFUSAL_FLOOR_MS - performance.now()))
  return outcome
}

/** Longer than a refused sign-in takes on a busy 2-core machine (about 300 ms). */
const REFUSAL_FLOOR_MS = 500

async function attempt(payload: Payload, { ip, email, password }: { ip: string; email: string; password: string }): Promise<SignInOutcome> {
  const address = email.trim().toLowerCase()
  const waitSeconds = await signInWait(payload, ip, address)
  if (waitSeconds > 0) return { ok: false, reason: 'throttled', waitSeconds }
  // System read: the stored hash is compared here and never leaves this function.
  // Only these columns, so a known email's lookup is no heavier than an unknown one's.
  const account = address
    ? await payload.db.findOne<StoredAccount>({ collection: 'accounts', where: { email: { equals: address } }, select: { email: true, hash: true, salt: true, _verified: true } })
    : null
  if (!(await passwordMatches(password, account)) || !account) {
    await recordSignInFailure(payload, ip, address)
    return { ok: false, reason: 'failed' }
  }
  await clearSignInFailures(payload, ip, address)
  if (!account._verified) return { ok: false, reason: 'unverified' }
  // Payload's own sign-in stores a 25,000-iteration hash again at today's strength.
  if (isLegacyHash(account.hash!)) {
    const { token, exp } = await payload.login({ collection: 'accounts', data: { email: address, password } })
    return token ? { ok: true, token, exp } : { ok: false, reason: 'failed' }
  }
  return { ok: true, ...(await startSession(payload, account)) }
}
