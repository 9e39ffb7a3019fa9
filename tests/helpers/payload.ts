import type { Payload } from 'payload'
import { inject } from 'vitest'

import { closePool, watchPool, payloadPool } from '../../src/runtime/pool'
import { createTestDatabase } from './database'
import { unique, type Fixtures } from './fixtures'

export type TestPayload = { payload: Payload; databaseUrl: string; close: () => Promise<void> }
export type TestPayloadWithFixtures = TestPayload & { fixtures: Fixtures }

/**
 * Payload on a fresh database of this test file's own, with a config built from the environment
 * now: test files share their worker process (tests/helpers/fileIsolation.ts), and each has its own
 * database and settings. It is Payload's default instance in this process, the one portal code
 * asks for (`portalPayload`).
 */
export async function startTestPayload(env: Record<string, string> = {}): Promise<TestPayload> {
  return startOn(await createTestDatabase(inject('databaseServerUrl')), env)
}

/**
 * The same, on a database that already holds the access fixtures (made once for the whole run by
 * the global set-up, exactly as `createFixtures` makes them) instead of making them again here.
 */
export async function startTestPayloadWithFixtures(env: Record<string, string> = {}): Promise<TestPayloadWithFixtures> {
  const started = await startOn(await createTestDatabase(inject('databaseServerUrl'), { fixtures: true }), env)
  return { ...started, fixtures: { ...(JSON.parse(inject('fixturesJson')) as Fixtures), unique } }
}

async function startOn(database: Awaited<ReturnType<typeof createTestDatabase>>, env: Record<string, string>): Promise<TestPayload> {
  process.env.DATABASE_URL = database.url
  Object.assign(process.env, env)
  const { getPayload } = await import('payload')
  const { buildPortalConfig } = await import('../../payload.config')
  ;(globalThis as { _payload?: Map<string, unknown> })._payload?.delete('default') // the last file's instance
  const payload = await getPayload({ config: buildPortalConfig() })
  watchPool(payload)
  return {
    payload,
    databaseUrl: database.url,
    close: async () => {
      // REST handlers called in this process start Payload's job crons (createPayloadRequest); the next file must not meet them.
      await Promise.all(payload.crons.splice(0).map((cron) => cron.stop()))
      await closePool(payloadPool(payload))
      await database.drop()
    },
  }
}
