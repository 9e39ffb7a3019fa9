import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto'

import { jwtVerify, type JWTPayload } from 'jose'
import { executeAuthStrategies, getFieldsToSign, JWT_AUTH_VERSION, jwtSign, type Payload } from 'payload'
import { parseCookies } from 'payload/shared'

import { payloadPool } from '../../collections/sql'

import { addSession } from '../../collections/Accounts/sessions'

/** The auth collections whose people sign in with a password: portal accounts and staff. */
export type PasswordCollection = 'accounts' | 'staff'

/**
 * A Payload session for someone whose identity has been proved (password or partner
 * sign-in): a row in their sessions and a signed token, as Payload's login makes, but with
 * the row added on its own (see `addSession`).
 */
export async function startSession(payload: Payload, collection: PasswordCollection, account: { id: number; email: string }): Promise<{ token: string; exp: number }> {
  const collectionConfig = payload.collections[collection].config
  const user = (await payload.db.findOne({ collection, where: { id: { equals: account.id } } })) as Record<string, unknown>
  const now = new Date()
  const sid = randomUUID()
  await addSession(payload, account.id, { id: sid, createdAt: now, expiresAt: new Date(now.getTime() + collectionConfig.auth.tokenExpiration * 1000) }, collection)
  const fieldsToSign = getFieldsToSign({ collectionConfig, email: account.email, sid, user: { ...user, collection } as never })
  return jwtSign({ fieldsToSign, secret: payload.secret, tokenExpiration: collectionConfig.auth.tokenExpiration })
}

/** The columns of a signed-in portal account that pages and access rules read, and whether its session is still on it. */
const ACCOUNT_OF_SESSION = {
  name: 'portal-account-of-session',
  text: `select a.id, a.email, a.kind, a.status, a.first_name, a.last_name, a.candidate_id, a.company_name, a.job_title, a.phone
    from accounts a join accounts_sessions s on s._parent_id = a.id and s.id = $2
    where a.id = $1 and a._verified`,
}

type AccountRow = { id: number; email: string; kind: string; status: string; first_name: string; last_name: string; candidate_id: number | null; company_name: string | null; job_title: string | null; phone: string | null }

/** The app's token key, made once per Payload instance rather than imported again for every request. */
const signingKeys = new WeakMap<Payload, KeyObject>()
function signingKey(payload: Payload): KeyObject {
  let key = signingKeys.get(payload)
  if (!key) signingKeys.set(payload, (key = createSecretKey(Buffer.from(payload.secret, 'utf8'))))
  return key
}

/**
 * The session cookie of a request, taken as Payload's own cookie extraction takes it: with an
 * Origin only from an allowed one (csrf), without one only from a browser saying the request is
 * its own site's (Sec-Fetch-Site), so another site's page cannot use a visitor's session.
 */
function sessionCookie(payload: Payload, headers: Headers): string | null {
  const token = parseCookies(headers).get(`${payload.config.cookiePrefix}-token`)
  if (!token) return null
  const { csrf } = payload.config
  const origin = headers.get('Origin')
  if (origin) return csrf.length === 0 || csrf.includes(origin) ? token : null
  if (csrf.length === 0) return token
  return ['same-origin', 'same-site', 'none'].includes(headers.get('Sec-Fetch-Site') ?? '') ? token : null
}

/**
 * Whose session this request carries, checked as Payload's own `auth` checks it and as strictly:
 * the token's signature (HS256 with the app's secret), expiry and format version; then, for a
 * portal account, one indexed statement reads the account with its email confirmed and this
 * session still among its sessions. Payload's `auth` also works out every collection's
 * permissions and reads the whole account through the Local API (its hooks, its arrays): a
 * signed-in page spent more on that than on itself. The access rules on the data still decide
 * what the person may read, from the same fields (`src/access/users.ts`). A revoked session, a
 * signed-out cookie or a deleted account is nobody from the next request on; a suspended account
 * is refused by those rules at once. Anything else (a staff session, a bearer token) is left to
 * Payload's own strategies.
 */
export async function sessionUser(payload: Payload, headers: Headers) {
  const payloadsOwn = async () => (await executeAuthStrategies({ headers, payload, canSetHeaders: false })).user
  if (headers.has('Authorization')) return payloadsOwn()
  const token = sessionCookie(payload, headers)
  if (!token) return null
  let claims: JWTPayload
  try {
    const verified = await jwtVerify(token, signingKey(payload), { algorithms: ['HS256'] })
    if (verified.protectedHeader.authVersion !== JWT_AUTH_VERSION) return null
    claims = verified.payload
  } catch {
    return null
  }
  if (claims.collection !== 'accounts') return payloadsOwn()
  if (typeof claims.id !== 'number' || typeof claims.sid !== 'string') return null
  const { rows } = await payloadPool(payload).query<AccountRow>({ ...ACCOUNT_OF_SESSION, values: [claims.id, claims.sid] })
  const row = rows[0]
  if (!row) return null
  return {
    id: row.id,
    collection: 'accounts' as const,
    email: row.email,
    kind: row.kind,
    status: row.status,
    firstName: row.first_name,
    lastName: row.last_name,
    candidate: row.candidate_id,
    companyName: row.company_name,
    jobTitle: row.job_title,
    phone: row.phone,
    _verified: true,
    _sid: claims.sid,
    _strategy: 'local-jwt',
  } as unknown as NonNullable<Awaited<ReturnType<typeof payloadsOwn>>>
}
