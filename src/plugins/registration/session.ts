import { getFieldsToSign, jwtSign, type Payload } from 'payload'
import { addSessionToUser } from 'payload/shared'

import { systemRequest } from './system'

/**
 * A Payload session for an account whose identity has been proved (password or partner
 * sign-in): a row in the account's sessions and a signed token, as Payload's login makes.
 */
export async function startSession(payload: Payload, account: { id: number; email: string }): Promise<{ token: string; exp: number }> {
  const collectionConfig = payload.collections.accounts.config
  // The whole stored row: Payload writes the sessions back with it.
  const user = (await payload.db.findOne({ collection: 'accounts', where: { id: { equals: account.id } } })) as Record<string, unknown>
  const req = await systemRequest(payload)
  const { sid } = await addSessionToUser({ collectionConfig, payload, req, user: user as never })
  const fieldsToSign = getFieldsToSign({ collectionConfig, email: account.email, sid, user: { ...user, collection: 'accounts' } as never })
  return jwtSign({ fieldsToSign, secret: payload.secret, tokenExpiration: collectionConfig.auth.tokenExpiration })
}
