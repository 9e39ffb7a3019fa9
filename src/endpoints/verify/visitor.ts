import type { Pool } from 'pg'

import { unverifiedClaimsOf } from '../../lib/tokenClaims'
import type { Visitor } from './html'

const SESSION_COOKIE = /(?:^|;\s*)payload-token=([^;]+)/

const SESSION_SQL = `
select a.kind from accounts_sessions s join accounts a on a.id = s._parent_id
where s.id = $1::varchar and a.id = $2::int and s.expires_at > now()`

/**
 * Which header the page gets: the portal account's kind when the session cookie names a live
 * session of a portal account, otherwise 'none'. The token's signature is not checked (that
 * is Payload's auth, too slow for this path): the answer only chooses which links the header
 * shows, and every page behind them checks the session itself. No cookie, no query.
 */
export async function visitorOf(pool: Pool, cookie: string | undefined): Promise<Visitor> {
  const token = cookie ? SESSION_COOKIE.exec(cookie)?.[1] : undefined
  if (!token) return 'none'
  const claims = unverifiedClaimsOf(token) as { collection?: string; sid?: unknown; id?: unknown }
  if (claims.collection !== 'accounts' || typeof claims.sid !== 'string' || !Number.isSafeInteger(claims.id)) return 'none'
  const { rows } = await pool.query<{ kind: string }>({ name: 'verify-visitor', text: SESSION_SQL, values: [claims.sid, claims.id] })
  const kind = rows[0]?.kind
  return kind === 'learner' || kind === 'third-party' ? kind : 'none'
}
