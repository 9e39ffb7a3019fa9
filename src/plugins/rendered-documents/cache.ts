import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { servesPrebuiltPages } from '../../lib/env'
import { payloadPool } from '../../collections/sql'
import { renderedKey } from './key'

export type Rendered = { body: Buffer; contentType: string; from: 'cache' | 'render' }

let buildId: string | null | undefined

/**
 * The Next build this process serves (its BUILD_ID): the document templates are part of it, so
 * a new build renders afresh. Without a build (`npm run dev`, templates reloaded as they are
 * edited) nothing is kept.
 */
function servedBuild(): string | null {
  if (buildId !== undefined) return buildId
  try {
    buildId = servesPrebuiltPages() ? readFileSync(path.resolve(process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'), 'utf8').trim() || null : null
  } catch {
    buildId = null
  }
  return buildId
}

/** Renders in flight in this process, by key: a second request for the same file waits for the first. */
const inFlight = new Map<string, Promise<Rendered>>()

const OLD_ROWS_EVERY = 500
const KEPT_DAYS = 30

/**
 * The file `render` makes from `inputs`, rendered once and then read from PostgreSQL by every
 * app process. The key is the hash of `inputs` (everything the file prints) and the build, so a
 * changed input is a new key: never a stale file. While one process renders a key, the others
 * wait on a PostgreSQL advisory lock for that key and then read its row, so a surge of requests
 * for a new certificate renders it once.
 */
export async function renderedOnce(payload: Payload, kind: string, inputs: unknown, contentType: string, render: () => Promise<Buffer>): Promise<Rendered> {
  const build = servedBuild()
  if (!build) return { body: await render(), contentType, from: 'render' }
  const key = renderedKey(kind, build, inputs)
  const pool = payloadPool(payload)
  const kept = await readKept(pool, key)
  if (kept) return kept
  const running = inFlight.get(key)
  if (running) return { ...(await running), from: 'cache' }
  const rendering = renderUnderLock(pool, key, contentType, render).finally(() => inFlight.delete(key))
  inFlight.set(key, rendering)
  return rendering
}

type Pool = ReturnType<typeof payloadPool>
type Queryable = Pick<Pool, 'query'>

async function readKept(db: Queryable, key: string): Promise<Rendered | null> {
  const { rows } = await db.query<{ body: string; content_type: string }>('select body, content_type from rendered_documents where key = $1', [key])
  return rows[0] ? { body: Buffer.from(rows[0].body, 'base64'), contentType: rows[0].content_type, from: 'cache' } : null
}

async function renderUnderLock(pool: Pool, key: string, contentType: string, render: () => Promise<Buffer>): Promise<Rendered> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [key])
    try {
      const kept = await readKept(client, key)
      if (kept) return kept
      const body = await render()
      await client.query(
        `insert into rendered_documents (key, content_type, body, updated_at, created_at) values ($1, $2, $3, now(), now()) on conflict (key) do nothing`,
        [key, contentType, body.toString('base64')],
      )
      // Rows nobody has needed for a month (their inputs changed, or nobody downloads them) go now and then.
      if (Math.random() * OLD_ROWS_EVERY < 1) await client.query(`delete from rendered_documents where created_at < now() - make_interval(days => $1)`, [KEPT_DAYS])
      return { body, contentType, from: 'render' }
    } finally {
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key])
    }
  } catch (error) {
    broken = error as Error
    throw error
  } finally {
    client.release(broken)
  }
}
