import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'

import { closePool, watchPool } from '../../src/runtime/pool'
import { createTestDatabase } from '../helpers/database'

let database: Awaited<ReturnType<typeof createTestDatabase>>
const uncaught: unknown[] = []
const collect = (error: unknown) => uncaught.push(error)

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'), { empty: true })
  process.on('uncaughtException', collect)
})
afterAll(async () => {
  process.off('uncaughtException', collect)
  await database?.drop()
})

/** A pool as Payload's postgres adapter leaves it: one client checked out at start and held for good. */
async function adapterLikePool(): Promise<{ pool: pg.Pool; payload: Payload }> {
  const pool = new pg.Pool({ connectionString: database.url, max: 6 })
  await pool.connect()
  const logger = { warn: () => {}, error: () => {} }
  const payload = { db: { pool }, logger } as unknown as Payload
  watchPool(payload)
  return { pool, payload }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Work as a server does it: single queries and transactions that hold a client between statements. */
function inFlightWork(pool: pg.Pool): Promise<unknown>[] {
  const queries = Array.from({ length: 8 }, (_, i) => pool.query('select pg_sleep($1)', [(i % 4) * 0.01]))
  const transactions = Array.from({ length: 3 }, async () => {
    const client = await pool.connect()
    try {
      await client.query('begin')
      await pause(5)
      await client.query('select pg_sleep(0.02)')
      await client.query('commit')
    } finally {
      client.release()
    }
  })
  // A refusal of work that starts after the pool began to close is expected; what must never happen is an uncaught error.
  return [...queries, ...transactions].map((work) => work.catch((error: Error) => error))
}

describe('closing the database pool while queries are running', () => {
  it('lets every running query finish, releases each client once, and ends the pool (15 times)', async () => {
    for (let round = 0; round < 15; round++) {
      const { pool } = await adapterLikePool()
      const work = inFlightWork(pool)
      await pause(round % 15)
      await closePool(pool)
      const outcomes = await Promise.all(work)
      await pause(5)
      expect(pool.totalCount, `round ${round}`).toBe(0)
      expect(uncaught.map(String), `round ${round}`).toEqual([])
      const failures = outcomes.filter((outcome) => outcome instanceof Error).map(String)
      for (const failure of failures) expect(failure).toMatch(/Cannot use a pool after calling end/)
    }
  })

  it('a query still running when the grace period ends has its connection closed, and closing still ends', async () => {
    const { pool } = await adapterLikePool()
    const stuck = pool.query('select pg_sleep(30)').catch((error: Error) => error)
    await pause(50)
    const started = Date.now()
    await closePool(pool, { graceMs: 200 })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(await stuck).toBeInstanceOf(Error)
    expect(uncaught.map(String)).toEqual([])
  })

  it('a client whose owner never gives it back (a hung worker) is closed after the grace period, and a late release changes nothing', async () => {
    const { pool } = await adapterLikePool()
    const hung = await pool.connect()
    await hung.query('begin')
    const started = Date.now()
    await closePool(pool, { graceMs: 200 })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(pool.totalCount).toBe(0)
    hung.release()
    await pause(20)
    expect(uncaught.map(String)).toEqual([])
  })
})
