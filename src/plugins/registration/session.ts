import { randomUUID } from 'node:crypto'

import { executeAuthStrategies, getFieldsToSign, jwtSign, type Payload } from 'payload'

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

/**
 * Whose session this request carries, found as Payload's own `auth` finds them (the token's
 * signature and expiry, the person's row read afresh with its status, and this session still
 * among their sessions), without also working out every collection's permissions, which portal
 * pages never read: the access rules on the data decide what the person may read. A revoked
 * session, a signed-out cookie or a deleted account is nobody from the next request on; a
 * suspended account is refused by those rules at once.
 */
export async function sessionUser(payload: Payload, headers: Headers) {
  const { user } = await executeAuthStrategies({ headers, payload, canSetHeaders: false })
  return user
}
