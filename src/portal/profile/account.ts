import type { Payload } from 'payload'

import type { FieldErrors } from '../../lib/profile'
import type { Account } from '../../payload-types'

/** The signed-in portal account as Payload's session check gives it (`_sid`: this session's id). */
export type SignedInAccount = Account & { collection: 'accounts'; _sid?: string }

export type FormResult = { ok: true } | { ok: false; errors: FieldErrors }

/** Local API options that read and write as the signed-in account, under the collections' access rules. */
export const asAccount = (account: SignedInAccount) => ({ overrideAccess: false, user: account, depth: 0 }) as const

/** The account as stored now, read as itself. */
export async function freshAccount(payload: Payload, account: SignedInAccount): Promise<Account> {
  return payload.findByID({ collection: 'accounts', id: account.id, ...asAccount(account) })
}

export const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0
