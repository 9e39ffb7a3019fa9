export type ThrottlePolicy = { windowMs: number; freeFailures: number; baseDelayMs: number; maxDelayMs: number }
export type ThrottleState = { failures: number; firstFailureAt: string; blockedUntil?: string | null }

const MINUTE = 60_000

/** Per IP address: generous, so a shared office network is not held up by one person's typos. */
export const PER_IP: ThrottlePolicy = { windowMs: 15 * MINUTE, freeFailures: 20, baseDelayMs: 30_000, maxDelayMs: 15 * MINUTE }
/**
 * Per account from one IP address: a few tries, then waits that double. Keyed by IP too, so
 * nobody elsewhere can lock the owner out of their own account.
 */
export const PER_ACCOUNT_FROM_IP: ThrottlePolicy = { windowMs: 15 * MINUTE, freeFailures: 5, baseDelayMs: 30_000, maxDelayMs: 15 * MINUTE }

/** Seconds to wait before the next attempt is allowed; 0 when it may go ahead. */
export function secondsToWait(state: ThrottleState | null | undefined, now: Date): number {
  if (!state?.blockedUntil) return 0
  return Math.max(0, Math.ceil((new Date(state.blockedUntil).getTime() - now.getTime()) / 1000))
}

/** The state after one more failed attempt. */
export function afterFailure(state: ThrottleState | null | undefined, now: Date, policy: ThrottlePolicy): ThrottleState {
  const windowOpen = state && now.getTime() - new Date(state.firstFailureAt).getTime() < policy.windowMs
  const failures = windowOpen ? state.failures + 1 : 1
  const firstFailureAt = windowOpen ? state.firstFailureAt : now.toISOString()
  const over = failures - policy.freeFailures
  const blockedUntil = over > 0 ? new Date(now.getTime() + Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (over - 1))).toISOString() : null
  return { failures, firstFailureAt, blockedUntil }
}

/** "You already have an account" emails: one per address every 15 minutes, so registering cannot flood an inbox. */
export const ACCOUNT_EXISTS_NOTICE: ThrottlePolicy = { windowMs: 15 * MINUTE, freeFailures: 0, baseDelayMs: 15 * MINUTE, maxDelayMs: 15 * MINUTE }

/**
 * Public verification, per IP address: 30 codes that find nothing in 10 minutes are free (a
 * person mistyping a few codes never notices); then every check from that address waits 5
 * minutes, doubling to an hour while the misses go on. Codes that are found never count.
 */
export const VERIFY_LOOKUPS: ThrottlePolicy = { windowMs: 10 * MINUTE, freeFailures: 30, baseDelayMs: 5 * MINUTE, maxDelayMs: 60 * MINUTE }

/** A third party asking learners to connect: 20 requests an hour, then none until the hour is over. */
export const CONNECTION_REQUESTS: ThrottlePolicy = { windowMs: 60 * MINUTE, freeFailures: 20, baseDelayMs: 60 * MINUTE, maxDelayMs: 60 * MINUTE }
