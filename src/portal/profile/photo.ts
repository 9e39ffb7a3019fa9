import type { Payload } from 'payload'

import { checkPhoto, type PhotoErrorCode } from '../../lib/photos'
import { asAccount, type SignedInAccount } from './account'

export type UploadedFile = { size: number; bytes: Buffer }
export type Photo = { id: number; src: string; mimeType: string; filesize: number; createdAt: string }

/** The address the photo is served from: Payload's file route, behind the collection's read access. */
const photoSrc = (filename: string) => `/api/account-photos/file/${encodeURIComponent(filename)}`

/** The account's photo, if it has one (the newest). */
export async function currentPhoto(payload: Payload, account: SignedInAccount): Promise<Photo | null> {
  const { docs } = await payload.find({
    collection: 'account-photos',
    where: { account: { equals: account.id } },
    sort: '-createdAt',
    limit: 1,
    ...asAccount(account),
  })
  const photo = docs[0]
  if (!photo?.filename) return null
  return { id: photo.id, src: photoSrc(photo.filename), mimeType: photo.mimeType ?? '', filesize: photo.filesize ?? 0, createdAt: photo.createdAt }
}

/**
 * Stores a new profile photo, checked by its content (JPEG, PNG or WebP, 5 MB at most); the
 * collection removes the one it replaces. On an error nothing changes.
 */
export async function savePhoto(payload: Payload, account: SignedInAccount, file: UploadedFile): Promise<{ ok: true } | { ok: false; code: PhotoErrorCode; error: string }> {
  const check = checkPhoto(file)
  if (!check.ok) return check
  await payload.create({
    collection: 'account-photos',
    data: { account: account.id },
    file: { data: file.bytes, mimetype: check.mimeType, name: `photo.${check.extension}`, size: file.size },
    ...asAccount(account),
  })
  return { ok: true }
}

export async function removePhoto(payload: Payload, account: SignedInAccount): Promise<void> {
  await payload.delete({ collection: 'account-photos', where: { account: { equals: account.id } }, ...asAccount(account) })
}
