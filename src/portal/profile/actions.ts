'use server'

import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'

import type { FieldErrors } from '../../lib/profile'
import { removeAddress, saveAddress, setDefaultAddress } from './addresses'
import { deleteOwnAccount } from './deleteAccount'
import { updatePersonalDetails } from './details'
import { changePassword } from './password'
import { removePhoto } from './photo'
import { profileContext } from './session'

export type ProfileFormState = { values: Record<string, string>; errors?: FieldErrors }

const SECRET_FIELDS = new Set(['currentPassword', 'password', 'confirmPassword'])

/** The typed values, to show again with the errors: never the passwords. */
function formValues(data: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of data.entries()) if (typeof value === 'string' && !key.startsWith('$')) values[key] = value
  return values
}
const withoutSecrets = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_FIELDS.has(key)))

export async function saveDetailsAction(_previous: ProfileFormState, data: FormData): Promise<ProfileFormState> {
  const { payload, account } = await profileContext()
  const values = formValues(data)
  const result = await updatePersonalDetails(payload, account, values)
  if (!result.ok) return { values, errors: result.errors }
  redirect('/profile?done=saved')
}

export async function saveAddressAction(_previous: ProfileFormState, data: FormData): Promise<ProfileFormState> {
  const { payload, account } = await profileContext()
  const values = formValues(data)
  const id = values.id || undefined
  const result = await saveAddress(payload, account, values, id)
  if (!result.ok) return { values, errors: result.errors }
  redirect(`/profile/addresses?done=${id ? 'saved' : 'added'}`)
}

export async function removeAddressAction(data: FormData): Promise<void> {
  const { payload, account } = await profileContext()
  const result = await removeAddress(payload, account, String(data.get('id') ?? ''))
  redirect(result.ok ? '/profile/addresses?done=removed' : '/profile/addresses?error=gone')
}

export async function makeDefaultAddressAction(data: FormData): Promise<void> {
  const { payload, account } = await profileContext()
  const kind = data.get('kind') === 'billing' ? 'billing' : 'delivery'
  const result = await setDefaultAddress(payload, account, String(data.get('id') ?? ''), kind)
  redirect(result.ok ? `/profile/addresses?done=default-${kind}` : '/profile/addresses?error=gone')
}

export async function changePasswordAction(_previous: ProfileFormState, data: FormData): Promise<ProfileFormState> {
  const { payload, account, ip } = await profileContext()
  const values = formValues(data)
  const result = await changePassword(payload, account, values, { ip })
  if (!result.ok) return { values: withoutSecrets(values), errors: result.errors }
  redirect(`/profile/password?done=${result.signedOutOthers ? 'changed-signed-out' : 'changed'}`)
}

export async function removePhotoAction(): Promise<void> {
  const { payload, account } = await profileContext()
  await removePhoto(payload, account)
  redirect('/profile/photo?done=removed')
}

export async function deleteAccountAction(_previous: ProfileFormState, data: FormData): Promise<ProfileFormState> {
  const { payload, account, ip } = await profileContext()
  const result = await deleteOwnAccount(payload, account, formValues(data), { ip })
  if (!result.ok) return { values: {}, errors: result.errors }
  // The account and its sessions are gone: the cookie goes too.
  ;(await cookies()).delete(`${payload.config.cookiePrefix}-token`)
  redirect('/?account=deleted')
}
