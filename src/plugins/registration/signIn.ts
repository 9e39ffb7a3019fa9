import type { Payload } from 'payload'

import { isLegacyHash, passwordMatches } from '../../lib/passwords'
import { startSession, type PasswordCollection } from './session'
import { clearSignInFailures, recordSignInFailure, signInWait } from './signInThrottle'

export type SignInOutcome =
  | { ok: true; token: string; exp?: number; user: { id: number; email: string } }
  | { ok: false; reason: 'failed' | 'unverified' }
  | { ok: false; reason: 'throttled'; waitSeconds: number }

type StoredAccount = { id: number; email: string; hash?: string | null; salt?: string | null; _verified?: boolean | null }
type Credentials = { ip: string; email: string; password: string; collection?: PasswordCollection }

/**
 * Signs in with a password, for the sign-in page and REST alike: a portal account, or with
 * `collection: 'staff'` a staff member (the admin's login form). Throttled per IP and per
 * account-from-IP. A wrong password, an unknown email and an imported account with no
 * password take the same steps (one lookup, one hash) and get the same answer; only the
 * right password goes further.
 */
export async function signInAccount(payload: Payload, credentials: Credentials): Promise<SignInOutcome> {
  const started = performance.now()
  const outcome = await attempt(payload, credentials)
  // A floor under every refusal: what is left of the difference between a known and an
  // unknown email (a row read, the machine's load) cannot be timed from outside.
  if (!outcome.ok && outcome.reason !== 'throttled') await new Promise((resolve) => setTimeout(resolve, started + REFUSAL_FLOOR_MS - performance.now()))
  return outcome
}

/** Longer than a refused sign-in takes on a busy 2-core machine (about 300 ms). */
const REFUSAL_FLOOR_MS = 500

async function attempt(payload: Payload, { ip, email, password, collection = 'accounts' }: Credentials): Promise<SignInOutcome> {
  const address = email.trim().toLowerCase()
  // One count for an email from an IP, whichever kind of account: a person with both signs in to either.
  const waitSeconds = await signInWait(payload, ip, address)
  if (waitSeconds > 0) return { ok: false, reason: 'throttled', waitSeconds }
  const verifies = Boolean(payload.collections[collection].config.auth.verify)
  // System read: the stored hash is compared here and never leaves this function.
  // Only these columns, so a known email's lookup is no heavier than an unknown one's.
  const account = address
    ? await payload.db.findOne<StoredAccount>({ collection, where: { email: { equals: address } }, select: { email: true, hash: true, salt: true, ...(verifies && { _verified: true }) } })
    : null
  if (!(await passwordMatches(password, account)) || !account) {
    await recordSignInFailure(payload, ip, address)
    return { ok: false, reason: 'failed' }
  }
  await clearSignInFailures(payload, ip, address)
  if (verifies && !account._verified) return { ok: false, reason: 'unverified' }
  const user = { id: account.id, email: account.email }
  // Payload's own sign-in stores a 25,000-iteration hash again at today's strength.
  if (isLegacyHash(account.hash!)) {
    const { token, exp } = await payload.login({ collection, data: { email: address, password } })
    return token ? { ok: true, token, exp, user } : { ok: false, reason: 'failed' }
  }
  return { ok: true, ...(await startSession(payload, collection, account)), user }
}
