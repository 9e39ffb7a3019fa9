import type { SQL } from 'drizzle-orm'
import type { Pool } from 'pg'
import type { Payload, PayloadRequest } from 'payload'

/**
 * The postgres adapter's `pg` pool, for the few writes that must be one atomic statement
 * (counters, session rows) where a Local API read-then-write would lose a concurrent change,
 * and for prepared statements on hot paths (verification).
 */
export const payloadPool = (payload: Payload): Pool => (payload.db as unknown as { pool: Pool }).pool

type Executor = { execute: (query: SQL) => Promise<{ rows: Record<string, unknown>[]; rowCount?: number | null }> }

/**
 * One SQL statement in the request's transaction (as the adapter's own `getTransaction`
 * finds it), for an atomic claim that must commit or roll back with the rest of the change.
 */
export async function queryInTransaction<Row = Record<string, unknown>>(req: PayloadRequest, query: SQL): Promise<{ rows: Row[]; rowCount: number }> {
  const adapter = req.payload.db as unknown as { sessions: Record<string, { db: Executor } | undefined>; drizzle: Executor }
  const id = req.transactionID ? await req.transactionID : undefined
  const executor = (id !== undefined && adapter.sessions[String(id)]?.db) || adapter.drizzle
  const result = await executor.execute(query)
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length }
}
