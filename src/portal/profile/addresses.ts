import type { Payload } from 'payload'

import { addToBook, checkAddress, makeDefault, removeFromBook, replaceInBook, type BookEntry, type BookResult, type DefaultKind } from '../../lib/addresses'
import type { FieldErrors } from '../../lib/profile'
import { asAccount, freshAccount, hasErrors, type SignedInAccount } from './account'

export type AddressResult = { ok: true } | { ok: false; errors: FieldErrors }

export async function addressBook(payload: Payload, account: SignedInAccount): Promise<BookEntry[]> {
  return ((await freshAccount(payload, account)).addresses ?? []) as BookEntry[]
}

async function save(payload: Payload, account: SignedInAccount, result: BookResult, errorField = 'address'): Promise<AddressResult> {
  if (!result.ok) return { ok: false, errors: { [errorField]: result.error } }
  await payload.update({ collection: 'accounts', id: account.id, data: { addresses: result.book as never }, ...asAccount(account) })
  return { ok: true }
}

const ticked = (form: Record<string, string>, name: string) => form[name] === 'on' || form[name] === 'true'

/** Adds an address (no `id`) or changes one; on any error nothing is saved. */
export async function saveAddress(payload: Payload, account: SignedInAccount, form: Record<string, string>, id?: string): Promise<AddressResult> {
  const { errors, values } = checkAddress(form)
  if (hasErrors(errors)) return { ok: false, errors }
  const defaults = { billing: ticked(form, 'defaultBilling'), delivery: ticked(form, 'defaultDelivery') }
  const book = await addressBook(payload, account)
  return save(payload, account, id ? replaceInBook(book, id, values, defaults) : addToBook(book, values, defaults))
}

export async function removeAddress(payload: Payload, account: SignedInAccount, id: string): Promise<AddressResult> {
  return save(payload, account, removeFromBook(await addressBook(payload, account), id))
}

export async function setDefaultAddress(payload: Payload, account: SignedInAccount, id: string, kind: DefaultKind): Promise<AddressResult> {
  return save(payload, account, makeDefault(await addressBook(payload, account), id, kind))
}
