import type { Payload } from 'payload'

import { endOtherSessions, endSession } from '../../collections/Accounts/sessions'

type SignedInUser = { collection?: string; id: number | string; _sid?: string }

/** Ends the session this user signed in with on the server (or all of the account's sessions). */
export async function signOutAccount(payload: Payload, user: SignedInUser | null | undefined, { allSessions = false } = {}): Promise<boolean> {
  if (user?.collection !== 'accounts') return false
  if (allSessions) await endOtherSessions(payload, user.id, undefined)
  else if (user._sid) await endSession(payload, user.id, user._sid)
  return true
}
