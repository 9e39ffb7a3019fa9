import { existsSync } from 'node:fs'
import path from 'node:path'

import { getPayload, type Payload } from 'payload'

import { startEmbeddedPostgres } from '../src/runtime/embeddedPostgres'
import { closePool, payloadPool, watchPool } from '../src/runtime/pool'
import { freePort } from '../tests/helpers/server'
import { freshDataDir, ROOT, timeCommand, timeStart } from './startup'

export const PRODUCTION_DIST = '.next-bench/production'
const SECRET = 'bench-secret-0123456789abcdef'

/** `next build` into the bench's folder, unless the startup bench has just made it. */
export function ensureProductionBuild(): void {
  if (existsSync(path.join(ROOT, PRODUCTION_DIST, 'BUILD_ID'))) return
  console.log('building the production app (next build)…')
  timeCommand(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
    NODE_ENV: 'production',
    NEXT_DIST_DIR: PRODUCTION_DIST,
    NEXT_TELEMETRY_DISABLED: '1',
  })
}

export type BenchDatabase = { url: string; payload: Payload; close: () => Promise<void> }

/** A fresh embedded PostgreSQL with the schema migrated, and a Payload on it for seeding. */
export async function benchDatabase(name: string): Promise<BenchDatabase> {
  const data = freshDataDir()
  const database = await startEmbeddedPostgres({ dataDir: data.dir, port: await freePort(), database: 'bench' })
  process.env.DATABASE_URL = database.url
  process.env.PAYLOAD_SECRET = SECRET
  const [{ default: config }, { migrations }] = await Promise.all([import('../payload.config'), import('../src/migrations')])
  const payload = await getPayload({ config, key: name })
  watchPool(payload)
  await payload.db.migrate({ migrations: migrations as never })
  return {
    url: database.url,
    payload,
    close: async () => {
      await closePool(payloadPool(payload))
      await database.stop()
      data.remove()
    },
  }
}

/** `npm start` on the bench's build and database; TRUST_PROXY lets a load generator vary the client address. */
export async function startProduction(databaseUrl: string, env: Record<string, string> = {}) {
  const server = await timeStart({
    env: { NODE_ENV: 'production', EMAIL_OUTBOX_IN_PRODUCTION: 'true', NEXT_DIST_DIR: PRODUCTION_DIST, PAYLOAD_SECRET: SECRET, DATABASE_URL: databaseUrl, TRUST_PROXY: 'true', ...env },
    secondPath: '/sign-in',
  })
  return server
}
