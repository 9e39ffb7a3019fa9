import type { Payload } from 'payload'
import { inject } from 'vitest'

import { closePool, watchPool, payloadPool } from '../../src/runtime/pool'
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
  watchPool(payload)
  return {
    payload,
    databaseUrl: database.url,
    close: async () => {
      await closePool(payloadPool(payload))
      await database.drop()
    },
  }
}
