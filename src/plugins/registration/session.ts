import { randomUUID } from 'node:crypto'

import { getFieldsToSign, jwtSign, type Payload } from 'payload'

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
