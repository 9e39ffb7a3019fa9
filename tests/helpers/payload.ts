import type { Payload } from 'payload'
import { inject } from 'vitest'

import { closePool, logPoolErrors, payloadPool } from '../../src/runtime/pool'
import { createTestDatabase } from './database'

export type TestPayload = { payload: Payload; databaseUrl: string; close: () => Promise<void> }

/**
 * Payload on a fresh database of this test file's own. The config reads DATABASE_URL
 * when first imported, and each test file runs in its own process.
 */
export async function startTestPayload(env: Record<string, string> = {}): Promise<TestPayload> {
  const database = await createTestDatabase(inject('databaseServerUrl'))
  process.env.DATABASE_URL = database.url
  Object.assign(process.env, env)
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../payload.config')
  const payload = await getPayload({ config })
  logPoolErrors(payload)
  return {
    payload,
    databaseUrl: database.url,
    close: async () => {
      // A query still running when the pool is closed would be released twice (an uncaught error from pg-pool): let it finish first.
      const pool = payloadPool(payload)
      for (const deadline = Date.now() + 5000; pool.totalCount > pool.idleCount && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50))
      await closePool(pool)
      await database.drop()
    },
  }
}
