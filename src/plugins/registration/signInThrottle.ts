import type { Payload } from 'payload'

import { countFailure } from '../../collections/SignInThrottles/countFailure'
import { payloadPool } from '../../collections/sql'
import { PER_ACCOUNT_FROM_IP, PER_IP, secondsToWait, type ThrottlePolicy, type ThrottleState } from '../../lib/throttle'
import { AS_SYSTEM } from '../../access/system'

// System task: the throttle table is closed to every role.

const keysFor = (ip: string, email: string): Array<[string, ThrottlePolicy]> => [
  [`ip:${ip}`, PER_IP],
  [`ip-account:${ip}:${email.trim().toLowerCase()}`, PER_ACCOUNT_FROM_IP],
]

async function stateOf(payload: Payload, key: string) {
  const { docs } = await payload.find({ collection: 'sign-in-throttles', where: { key: { equals: key } }, limit: 1, ...AS_SYSTEM })
  return docs[0] as (ThrottleState & { id: number | string }) | undefined
}

/** Seconds this IP must wait before trying this email again; 0 when it may try now. */
export async function signInWait(payload: Payload, ip: string, email: string, now = new Date()): Promise<number> {
  const waits = await Promise.all(keysFor(ip, email).map(([key]) => attemptWait(payload, key, now)))
  return Math.max(...waits)
}

export async function recordSignInFailure(payload: Payload, ip: string, email: string, now = new Date()): Promise<void> {
  for (const [key, policy] of keysFor(ip, email)) await recordAttempt(payload, key, policy, now)
}

/** Counts one more attempt against `key` under `policy` (atomically: see `countFailure`); returns the count in the window. */
export async function recordAttempt(payload: Payload, key: string, policy: ThrottlePolicy, now = new Date()): Promise<number> {
  return countFailure(payloadPool(payload), key, policy, now)
}

/** Seconds before `key` may be tried again; 0 when it may go ahead. */
export async function attemptWait(payload: Payload, key: string, now = new Date()): Promise<number> {
  return secondsToWait(await stateOf(payload, key), now)
}

/** A successful sign-in clears that account's count from that IP (the IP's own count stays). */
export async function clearSignInFailures(payload: Payload, ip: string, email: string): Promise<void> {
  const [, [accountKey]] = keysFor(ip, email) as [unknown, [string]]
  await payload.delete({ collection: 'sign-in-throttles', where: { key: { equals: accountKey } }, ...AS_SYSTEM })
}
