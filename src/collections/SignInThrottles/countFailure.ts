import type { Pool } from 'pg'

import { afterFailure, type ThrottlePolicy } from '../../lib/throttle'

type Queryable = Pick<Pool, 'query'>

/**
 * One more failure for `key`, counted in one atomic statement so that failures at the same
 * moment (from one process or several) are never lost: a read-then-write would let a burst of
 * parallel guesses count as one. Within the policy's window the count goes up; after it a new
 * window starts. The block that follows, if any, is `afterFailure` (lib/throttle) applied to
 * the state just before this failure, so the rule lives in one place; a second statement
 * stores it, only when there is one.
 */
const COUNT_SQL = `
insert into sign_in_throttles as t (key, failures, first_failure_at, updated_at)
values ($1, 1, $2, $2)
on conflict (key) do update set
  failures = case when $2::timestamptz - t.first_failure_at < make_interval(secs => $3::float8 / 1000) then t.failures + 1 else 1 end,
  first_failure_at = case when $2::timestamptz - t.first_failure_at < make_interval(secs => $3::float8 / 1000) then t.first_failure_at else $2 end,
  updated_at = $2
returning failures, first_failure_at`

const BLOCK_SQL = `update sign_in_throttles set blocked_until = greatest(blocked_until, $2::timestamptz), updated_at = now() where key = $1`

/**
 * Rows whose window and block ended a day ago or more: nothing reads them again. A day before
 * the earlier of the caller's clock and the database's, so a clock set ahead (in tests) never
 * clears counts that are current.
 */
const PURGE_SQL = `
with cutoff as (select least($1::timestamptz, now()) - interval '1 day' as at)
delete from sign_in_throttles using cutoff
where updated_at < cutoff.at and (blocked_until is null or blocked_until < cutoff.at)`

/** About one failure in this many also clears out stale rows, so the table stays the size of current abuse. */
const PURGE_EVERY = 500

/** Returns the count in the current window, this failure included. */
export async function countFailure(db: Queryable, key: string, policy: ThrottlePolicy, now: Date, { purgeChance = 1 / PURGE_EVERY } = {}): Promise<number> {
  const { rows } = await db.query<{ failures: string; first_failure_at: Date }>({ name: 'throttle-count', text: COUNT_SQL, values: [key, now, policy.windowMs] })
  const counted = rows[0]!
  const before = { failures: Number(counted.failures) - 1, firstFailureAt: counted.first_failure_at.toISOString() }
  const { blockedUntil } = afterFailure(before, now, policy)
  if (blockedUntil) await db.query({ name: 'throttle-block', text: BLOCK_SQL, values: [key, blockedUntil] })
  if (Math.random() < purgeChance) await purgeStaleThrottles(db, now)
  return Number(counted.failures)
}

export async function purgeStaleThrottles(db: Queryable, now = new Date()): Promise<number> {
  const { rowCount } = await db.query({ name: 'throttle-purge', text: PURGE_SQL, values: [now] })
  return rowCount ?? 0
}
