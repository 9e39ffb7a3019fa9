/** Profile photos: JPEG, PNG or WebP, up to 5 MB, recognised by their content, never by their name. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024

export const PHOTO_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const

export type PhotoMimeType = keyof typeof PHOTO_TYPES
export const PHOTO_MIME_TYPES = Object.keys(PHOTO_TYPES) as PhotoMimeType[]

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte)
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

/** The image type the file's first bytes announce (its "magic bytes"), or null. */
export function detectPhotoType(bytes: Uint8Array): PhotoMimeType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp'
  return null
}

export const PHOTO_ERRORS = {
  missing: 'Choose a photo to upload.',
  tooLarge: 'The photo must be 5 MB or smaller. Choose a smaller photo.',
  wrongType: 'The photo must be a JPEG, PNG or WebP image.',
} as const

export type PhotoErrorCode = keyof typeof PHOTO_ERRORS
export type PhotoCheck = { ok: true; mimeType: PhotoMimeType; extension: string } | { ok: false; code: PhotoErrorCode; error: string }

const failure = (code: PhotoErrorCode): PhotoCheck => ({ ok: false, code, error: PHOTO_ERRORS[code] })

/** Whether an uploaded file can be a profile photo. */
export function checkPhoto({ size, bytes }: { size: number; bytes: Uint8Array }): PhotoCheck {
  if (!size || bytes.length === 0) return failure('missing')
  if (size > PHOTO_MAX_BYTES || bytes.length > PHOTO_MAX_BYTES) return failure('tooLarge')
  const mimeType = detectPhotoType(bytes)
  if (!mimeType) return failure('wrongType')
  return { ok: true, mimeType, extension: PHOTO_TYPES[mimeType] }
}
