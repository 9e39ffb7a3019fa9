import type { Pool } from 'pg'
import type { Payload } from 'payload'

type Rows = { rows: Array<Record<string, unknown>> }
export type SqlRunner = { execute: (query: unknown) => Promise<Rows> }
type Database = SqlRunner & { transaction: <T>(work: (tx: SqlRunner) => Promise<T>) => Promise<T> }

/**
 * The postgres adapter's drizzle instance, for the few writes that must be one atomic
 * statement or transaction (counters, session rows) where a Local API read-then-write would
 * lose a concurrent change. Use with `sql` from `@payloadcms/db-postgres`.
 */
export const database = (payload: Payload): Database => (payload.db as unknown as { drizzle: Database }).drizzle

/** The adapter's `pg` pool, for prepared statements on hot paths (verification, throttles). */
export const databasePool = (payload: Payload): Pool => (payload.db as unknown as { pool: Pool }).pool
