import type { Pool, PoolClient } from 'pg'
import type { Payload } from 'payload'

import { payloadPool } from '../collections/sql'

export { payloadPool }

/**
 * Ends Payload's connection pool. The postgres adapter keeps one client checked out for
 * the life of the pool (payload#15674), so a plain `pool.end()` would wait forever:
 * checked-out clients are released first, then every client is ended.
 */
export async function closePool(pool: Pool): Promise<void> {
  if (pool.ended) return
  const internals = pool as unknown as { _clients: PoolClient[]; _idle: Array<{ client: PoolClient }> }
  const idle = new Set(internals._idle.map((entry) => entry.client))
  // A client still connecting has no `release` yet: `end` waits for it on its own.
  for (const client of [...internals._clients]) if (!idle.has(client) && typeof client.release === 'function') client.release()
  await pool.end()
}

/**
 * Without an 'error' listener, a connection the server closes (a restart, a dropped
 * database) would crash the process. 57P01 is the server shutting down: expected on stop.
 */
export function logPoolErrors(payload: Payload): void {
  payloadPool(payload).on('error', (error: Error & { code?: string }) =>
    error.code === '57P01'
      ? payload.logger.warn(`PostgreSQL closed a connection: ${error.message}`)
      : payload.logger.error({ err: error, msg: 'PostgreSQL connection error' }),
  )
}
