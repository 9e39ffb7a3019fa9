import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { cache } from 'react'

import { signInPath } from '../../lib/returnPath'
import { portalPayload, signedInUser } from '../payload'
import type { SignedInAccount } from './account'

/**
 * The signed-in portal account; anyone else (never signed in, or the session has ended) is
 * sent to sign in, and brought back to `returnTo` (this page's path) afterwards.
 */
export async function requireAccount(returnTo?: string): Promise<SignedInAccount> {
  const user = await signedInUser()
  if (!user || user.collection !== 'accounts') redirect(signInPath(returnTo))
  return { ...(await wholeAccount(user as SignedInAccount)), ...user } as SignedInAccount
}

/**
 * The whole account of the session (its phone, registration details, addresses), once per
 * request and read as its holder (the accounts rule lets a person read their own row): the
 * session check reads only what pages and access rules use.
 */
const wholeAccount = cache(async (account: SignedInAccount) =>
  (await portalPayload()).findByID({ collection: 'accounts', id: account.id, depth: 0, overrideAccess: false, user: account, disableErrors: true }),
)

/** Payload and the signed-in account, for a server action. */
export async function profileContext() {
  const [payload, account] = await Promise.all([portalPayload(), requireAccount()])
  // Set by our express server from the connection (never taken from the client).
  const ip = (await headers()).get('x-portal-client-ip') ?? 'unknown'
  return { payload, account, ip }
}
