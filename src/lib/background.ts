import type { Payload } from 'payload'

/**
 * Runs work once the answer has been sent (Next's `after`), so the answer takes the same time
 * whatever the work is: no account enumeration by timing. Failures are logged; the person can
 * ask again (send the link again, register again).
 */
export async function finishAfterAnswer(payload: Payload, what: string, work: () => Promise<unknown>): Promise<void> {
  // Loaded here, inside a request: the custom server imports this module before Next is ready.
  const { after } = await import('next/server')
  after(() => work().catch((err: unknown) => payload.logger.error({ err, msg: `${what} failed after the answer was sent` })))
}

/** Does the work now, or after the answer. */
export async function settle(payload: Payload, what: string, work: () => Promise<unknown>, afterAnswer: boolean): Promise<void> {
  if (afterAnswer) await finishAfterAnswer(payload, what, work)
  else await work()
}
