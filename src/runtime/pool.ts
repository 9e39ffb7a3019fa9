import type { Pool, PoolClient } from 'pg'
import type { Payload } from 'payload'

import { payloadPool } from '../collections/sql'

export { payloadPool }

type PoolInternals = { _clients: PoolClient[]; _idle: Array<{ client: PoolClient }> }
// pg's own fields (its public getters for them are deprecated and warn).
type ClientInternals = { _activeQuery?: unknown; _queryQueue?: unknown[] }

/** Per watched pool: the clients the adapter held when it was watched, which nobody else releases. */
const heldByAdapter = new WeakMap<Pool, Set<PoolClient>>()

const checkedOut = (pool: Pool): PoolClient[] => {
  const internals = pool as unknown as PoolInternals
  const idle = new Set(internals._idle.map((entry) => entry.client))
  return internals._clients.filter((client) => !idle.has(client))
}

const isQuerying = (client: PoolClient) => {
  const { _activeQuery, _queryQueue } = client as unknown as ClientInternals
  return Boolean(_activeQuery) || (_queryQueue?.length ?? 0) > 0
}

/**
 * Watches Payload's pool from just after its start. The client checked out and idle now is the
 * postgres adapter's own, which it holds for the life of the pool and never releases
 * (payload#15674); every other client is released by the code that checked it out. Without an 'error' listener a connection the
 * server closes (a restart, a dropped database) would crash the process; 57P01 is the server
 * shutting down: expected on stop.
 */
export function watchPool(payload: Payload): void {
  const pool = payloadPool(payload)
  if (heldByAdapter.has(pool)) return
  heldByAdapter.set(pool, new Set(checkedOut(pool).filter((client) => !isQuerying(client))))
  pool.on('error', (error: Error & { code?: string }) =>
    error.code === '57P01'
      ? payload.logger.warn(`PostgreSQL closed a connection: ${error.message}`)
      : payload.logger.error({ err: error, msg: 'PostgreSQL connection error' }),
  )
}

/**
 * Ends a watched pool the way pg intends: the queries running now finish and their clients are
 * released by their own callers (a client is never released twice, which pg-pool throws as an
 * uncaught error); then the adapter's held client, which no one else releases, is released once,
 * and `pool.end()`. Work still running after `graceMs` has its connection closed (taken out of the pool, so a hung owner cannot hold the close) and work still
 * waiting for a client is refused (its caller gets an error; its own release still works once).
 */
export async function closePool(pool: Pool, { graceMs = 10_000 } = {}): Promise<void> {
  if (pool.ended || pool.ending) return
  const held = heldByAdapter.get(pool)
  if (!held) throw new Error('closePool needs a pool watched with watchPool(payload) since its start')
  const inUse = () => checkedOut(pool).filter((client) => !held.has(client))
  const deadline = Date.now() + graceMs
  while ((inUse().length > 0 || pool.waitingCount > 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
  for (const client of checkedOut(pool)) if (held.has(client)) client.release()
  const ended = pool.end()
  // Taken out of the pool and closed; its owner's late release finds it gone and only ends it again.
  const internals = pool as unknown as PoolInternals & { _remove: (client: PoolClient, done: () => void) => void; _pulseQueue: () => void }
  for (const client of inUse()) internals._remove(client, () => internals._pulseQueue())
  const waiting = (pool as unknown as { _pendingQueue: Array<{ callback: (error: Error) => void }> })._pendingQueue.splice(0)
  for (const waiter of waiting) waiter.callback(new Error('The database pool was closed before a connection was free'))
  await ended
}
