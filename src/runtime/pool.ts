import type { Pool, PoolClient } from 'pg'
import type { Payload } from 'payload'

export const payloadPool = (payload: Payload): Pool => (payload.db as unknown as { pool: Pool }).pool

/**
 * Ends Payload's connection pool. The postgres adapter keeps one client checked out for
 * the life of the pool (payload#15674), so a plain `pool.end()` would wait forever:
 * checked-out clients are released and destroyed first.
 */
export async function closePool(pool: Pool): Promise<void> {
  if (pool.ended) return
  const internals = pool as unknown as { _clients: PoolClient[]; _idle: Array<{ client: PoolClient }> }
  const idle = new Set(internals._idle.map((entry) => entry.client))
  for (const client of [...internals._clients]) if (!idle.has(client)) client.release(true)
  await pool.end()
}
