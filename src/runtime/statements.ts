import { AsyncLocalStorage } from 'node:async_hooks'

import type { Pool, PoolClient } from 'pg'

/** The SQL statements one request has sent so far: how many, and how many were the same statement with the same values again. */
export type StatementTally = { statements: number; repeated: number; seen: Set<string> }

const tallies = new AsyncLocalStorage<StatementTally>()
const counted = new WeakSet<PoolClient>()

/** Runs `work` (the rest of one request's handling) with its own tally of statements. */
export function tallyStatements<T>(work: () => T): { tally: StatementTally; result: T } {
  const tally: StatementTally = { statements: 0, repeated: 0, seen: new Set() }
  return { tally, result: tallies.run(tally, work) }
}

function countOn(client: PoolClient): void {
  if (counted.has(client)) return
  counted.add(client)
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  ;(client as { query: unknown }).query = (...args: unknown[]) => {
    const tally = tallies.getStore()
    if (tally) {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown]
      const statement = typeof first === 'string' ? `${first}|${JSON.stringify(second ?? [])}` : `${first.text}|${JSON.stringify(first.values ?? second ?? [])}`
      tally.statements++
      if (tally.seen.has(statement)) tally.repeated++
      else tally.seen.add(statement)
    }
    return query(...args)
  }
}

/**
 * Counts every statement sent through `pool` against the request that sent it (the request log
 * writes the count): a page whose statements grow with the records it lists, or that asks the
 * same thing twice, shows in the log and fails its test.
 */
export function countStatements(pool: Pool): void {
  for (const client of (pool as unknown as { _clients: PoolClient[] })._clients) countOn(client)
  pool.on('connect', countOn)
}
