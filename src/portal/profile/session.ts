import { headers } from 'next/headers'
import { redirect } from 'next/navigation'

import { portalPayload, signedInUser } from '../payload'
import type { SignedInAccount } from './account'

/** The signed-in portal account; anyone else is sent to the sign-in page. */
export async function requireAccount(): Promise<SignedInAccount> {
  const user = await signedInUser()
  if (!user || user.collection !== 'accounts') redirect('/sign-in')
  return user as SignedInAccount
}

/** Payload and the signed-in account, for a server action. */
export async function profileContext() {
  const [payload, account] = await Promise.all([portalPayload(), requireAccount()])
  // Set by our express server from the connection (never taken from the client).
  const ip = (await headers()).get('x-portal-client-ip') ?? 'unknown'
  return { payload, account, ip }
}
