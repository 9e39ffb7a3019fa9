import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { purgeStaleThrottles } from '../../src/collections/SignInThrottles/countFailure'
import { clearSignInFailures, recordSignInFailure, signInWait } from '../../src/plugins/registration'
import { closePool, payloadPool, watchPool } from '../../src/runtime/pool'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let t: TestPayload
let secondProcess: Payload
const now = new Date('2027-06-01T09:00:00.000Z')

beforeAll(async () => {
  t = await startTestPayload()
  // A second app process on the same database: its own Payload, its own connection pool.
  const { buildPortalConfig } = await import('../../payload.config')
  ;(globalThis as { _payload?: Map<string, unknown> })._payload?.delete('second-process')
  secondProcess = await getPayload({ config: buildPortalConfig(), key: 'second-process' })
  watchPool(secondProcess)
})
afterAll(async () => {
  await closePool(payloadPool(secondProcess))
  await t?.close()
})

describe('sign-in throttling', () => {
  it('slows one IP guessing one account after five failures; the state is shared by every process', async () => {
    for (let i = 0; i < 5; i++) await recordSignInFailure(i % 2 ? t.payload : secondProcess, '203.0.113.7', 'victim@example.test', now)
    expect(await signInWait(t.payload, '203.0.113.7', 'victim@example.test', now)).toBe(0)
    await recordSignInFailure(t.payload, '203.0.113.7', 'Victim@Example.test', now)
    expect(await signInWait(secondProcess, '203.0.113.7', 'victim@example.test', now)).toBe(30)
    expect(await signInWait(t.payload, '203.0.113.7', 'victim@example.test', new Date(now.getTime() + 31_000))).toBe(0)
  })

  it('cannot be used to lock the owner out: another IP signs in to the same account at once', async () => {
    expect(await signInWait(t.payload, '198.51.100.20', 'victim@example.test', now)).toBe(0)
  })

  it('slows an IP that tries many accounts, whatever the accounts', async () => {
    for (let i = 0; i < 21; i++) await recordSignInFailure(t.payload, '192.0.2.99', `person${i}@example.test`, now)
    expect(await signInWait(t.payload, '192.0.2.99', 'someone-new@example.test', now)).toBe(30)
  })

  it('a successful sign-in clears that account’s count from that IP', async () => {
    await clearSignInFailures(t.payload, '203.0.113.7', 'victim@example.test')
    expect(await signInWait(t.payload, '203.0.113.7', 'victim@example.test', now)).toBe(0)
  })
})

describe('attempts made at the same moment', () => {
  it('all count, from two processes at once (a burst of parallel guesses is not one guess)', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => recordSignInFailure(i % 2 ? t.payload : secondProcess, '203.0.113.50', 'burst@example.test', now)))
    // 10 failures: 5 free, then 30 s doubling four times.
    expect(await signInWait(t.payload, '203.0.113.50', 'burst@example.test', now)).toBe(30 * 2 ** 4)
  })
})

describe('old counts', () => {
  it('are cleared out a day after their window and block ended; current ones stay', async () => {
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000)
    await recordSignInFailure(t.payload, '203.0.113.90', 'old@example.test', twoDaysAgo)
    await recordSignInFailure(t.payload, '203.0.113.91', 'current@example.test', new Date())
    const keys = async () => (await t.payload.find({ collection: 'sign-in-throttles', pagination: false, overrideAccess: true })).docs.map((d) => d.key)
    expect(await keys()).toEqual(expect.arrayContaining(['ip:203.0.113.90', 'ip:203.0.113.91']))
    expect(await purgeStaleThrottles(payloadPool(t.payload))).toBeGreaterThanOrEqual(2)
    expect(await keys()).not.toContain('ip:203.0.113.90')
    expect(await keys()).toEqual(expect.arrayContaining(['ip:203.0.113.91', 'ip-account:203.0.113.91:current@example.test']))
  })
})
