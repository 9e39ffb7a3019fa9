import type { Payload } from 'payload'

import { payloadPool } from '../sql'

/**
 * An account's sessions are rows of `accounts_sessions` (a staff member's, of `staff_sessions`:
 * the same columns). They are added and removed one statement at a time, never by writing the
 * account back (as Payload's own login and logout do): two sign-ins at once would otherwise
 * clash, and a sign-in racing an address-book edit could put the old addresses back.
 */
export type StoredSession = { id: string; createdAt?: string | Date | null; expiresAt: string | Date }

const insertSession = (table: 'accounts_sessions' | 'staff_sessions') => `
insert into ${table} (_order, _parent_id, id, created_at, expires_at)
select coalesce(max(_order), 0) + 1, $1, $2, $3, $4 from ${table} where _parent_id = $1
on conflict (id) do nothing`
const INSERT_SESSION = insertSession('accounts_sessions')

const iso = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString() : null)

/** Adds a session row and drops the account's (or staff member's) expired ones. */
export async function addSession(
  payload: Payload,
  accountId: number | string,
  session: { id: string; createdAt: Date; expiresAt: Date },
  collection: 'accounts' | 'staff' = 'accounts',
): Promise<void> {
  const pool = payloadPool(payload)
  const table = collection === 'staff' ? 'staff_sessions' : 'accounts_sessions'
  await pool.query(`delete from ${table} where _parent_id = $1 and expires_at <= now()`, [accountId])
  await pool.query(insertSession(table), [accountId, session.id, iso(session.createdAt), iso(session.expiresAt)])
}

/** The account's sessions that have not expired. */
export async function sessionsOf(payload: Payload, accountId: number | string): Promise<StoredSession[]> {
  const { rows } = await payloadPool(payload).query<{ id: string; created_at: Date; expires_at: Date }>(
    'select id, created_at, expires_at from accounts_sessions where _parent_id = $1 and expires_at > now() order by _order',
    [accountId],
  )
  return rows.map((row) => ({ id: row.id, createdAt: row.created_at, expiresAt: row.expires_at }))
}

/** Ends one session (sign-out). */
export async function endSession(payload: Payload, accountId: number | string, sessionId: string): Promise<void> {
  await payloadPool(payload).query('delete from accounts_sessions where _parent_id = $1 and id = $2', [accountId, sessionId])
}

/** Ends every session of the account but `keepSessionId` (all of them when it is undefined). */
export async function endOtherSessions(payload: Payload, accountId: number | string, keepSessionId: string | undefined): Promise<void> {
  await payloadPool(payload).query('delete from accounts_sessions where _parent_id = $1 and id is distinct from $2', [accountId, keepSessionId ?? null])
}

/** Puts back sessions that were ended (those not yet expired), keeping any that are there. */
export async function restoreSessions(payload: Payload, accountId: number | string, sessions: StoredSession[]): Promise<void> {
  for (const session of sessions.filter((s) => new Date(s.expiresAt) > new Date()))
    await payloadPool(payload).query(INSERT_SESSION, [accountId, session.id, iso(session.createdAt), iso(session.expiresAt)])
}
