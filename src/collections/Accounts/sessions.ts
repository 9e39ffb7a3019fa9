import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { database } from '../sql'

/**
 * An account's sessions are rows of `accounts_sessions`. They are added and removed one
 * statement at a time, never by writing the account back (as Payload's own login and logout
 * do): two sign-ins at once would otherwise clash, and a sign-in racing an address-book edit
 * could put the old addresses back.
 */
export type StoredSession = { id: string; createdAt?: string | Date | null; expiresAt: string | Date }

/** Adds a session row and drops the account's expired ones. */
export async function addSession(payload: Payload, accountId: number | string, session: { id: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await database(payload).transaction(async (tx) => {
    await tx.execute(sql`delete from accounts_sessions where _parent_id = ${accountId} and expires_at <= now()`)
    await tx.execute(sql`
      insert into accounts_sessions (_order, _parent_id, id, created_at, expires_at)
      select coalesce(max(_order), 0) + 1, ${accountId}, ${session.id}, ${session.createdAt.toISOString()}, ${session.expiresAt.toISOString()}
      from accounts_sessions where _parent_id = ${accountId}`)
  })
}

/** The account's sessions that have not expired. */
export async function sessionsOf(payload: Payload, accountId: number | string): Promise<StoredSession[]> {
  const { rows } = await database(payload).execute(
    sql`select id, created_at, expires_at from accounts_sessions where _parent_id = ${accountId} and expires_at > now() order by _order`,
  )
  return rows.map((row) => ({ id: String(row.id), createdAt: row.created_at as string, expiresAt: row.expires_at as string }))
}

/** Ends one session (sign-out). */
export async function endSession(payload: Payload, accountId: number | string, sessionId: string): Promise<void> {
  await database(payload).execute(sql`delete from accounts_sessions where _parent_id = ${accountId} and id = ${sessionId}`)
}

/** Ends every session of the account but `keepSessionId` (all of them when it is undefined). */
export async function endOtherSessions(payload: Payload, accountId: number | string, keepSessionId: string | undefined): Promise<void> {
  await database(payload).execute(sql`delete from accounts_sessions where _parent_id = ${accountId} and id is distinct from ${keepSessionId ?? null}`)
}

/** Puts back sessions that were ended (those not yet expired), keeping any that are there. */
export async function restoreSessions(payload: Payload, accountId: number | string, sessions: StoredSession[]): Promise<void> {
  const live = sessions.filter((session) => new Date(session.expiresAt) > new Date())
  for (const session of live)
    await database(payload).execute(sql`
      insert into accounts_sessions (_order, _parent_id, id, created_at, expires_at)
      select coalesce(max(_order), 0) + 1, ${accountId}, ${session.id}, ${session.createdAt ? new Date(session.createdAt).toISOString() : null}, ${new Date(session.expiresAt).toISOString()}
      from accounts_sessions where _parent_id = ${accountId}
      on conflict (id) do nothing`)
}
