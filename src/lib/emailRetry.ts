/** Minutes to wait after each failed attempt before the next; after the last, the message has failed. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120, 720] as const
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1

export type AfterFailure = { status: 'queued'; nextAttemptAt: Date } | { status: 'failed' }

/** What becomes of a message whose `attempts`-th delivery attempt (counting from 1) failed at `now`. */
export function afterFailedAttempt(attempts: number, now: Date): AfterFailure {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number from 1, not ${attempts}`)
  const delay = RETRY_DELAYS_MINUTES[attempts - 1]
  if (delay === undefined) return { status: 'failed' }
  return { status: 'queued', nextAttemptAt: new Date(now.getTime() + delay * 60_000) }
}
