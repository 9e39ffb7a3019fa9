import type { Pool } from 'pg'
import type { Payload } from 'payload'

/**
 * The postgres adapter's `pg` pool, for the few writes that must be one atomic statement
 * (counters, session rows) where a Local API read-then-write would lose a concurrent change,
 * and for prepared statements on hot paths (verification).
 */
export const payloadPool = (payload: Payload): Pool => (payload.db as unknown as { pool: Pool }).pool
