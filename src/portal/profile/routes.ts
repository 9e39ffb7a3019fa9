import { londonCalendarDate } from '../../lib/dates'
import { PHOTO_MAX_BYTES } from '../../lib/photos'
import { signInPath } from '../../lib/returnPath'
import { sessionUser } from '../../plugins/registration'
import { portalPayload } from '../payload'
import type { SignedInAccount } from './account'
import { exportAccountData } from './exportData'
import { savePhoto } from './photo'

/** Route handlers of the profile: a file download and a file upload, which server actions do not suit. */

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } })

/** The signed-in portal account of this request (Payload checks the cookie and, for it, the request's origin). */
async function accountOf(request: Request): Promise<SignedInAccount | null> {
  const payload = await portalPayload()
  const user = await sessionUser(payload, request.headers)
  return user?.collection === 'accounts' ? (user as SignedInAccount) : null
}

/** GET /profile/export: "Download my data", a JSON file of everything held about the signed-in account. */
export async function downloadMyData(request: Request): Promise<Response> {
  const account = await accountOf(request)
  if (!account) return seeOther(signInPath('/profile/delete')) // where "Download my data" is
  const data = await exportAccountData(await portalPayload(), account)
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="my-account-data-${londonCalendarDate(new Date())}.json"`,
      'Cache-Control': 'private, no-store',
    },
  })
}

/** Room for the multipart wrapping around a photo of the largest size allowed. */
const FORM_OVERHEAD_BYTES = 64 * 1024

/**
 * POST /profile/photo/upload: a new profile photo from the photo page's form. A plain form
 * post (it works without JavaScript), answered with a redirect back to the page.
 */
export async function uploadPhoto(request: Request): Promise<Response> {
  const account = await accountOf(request)
  if (!account) return seeOther(signInPath('/profile/photo'))
  const length = Number(request.headers.get('content-length'))
  // Refused before reading: an oversized body is never held in memory.
  if (!Number.isFinite(length) || length <= 0) return seeOther('/profile/photo?error=missing')
  if (length > PHOTO_MAX_BYTES + FORM_OVERHEAD_BYTES) return seeOther('/profile/photo?error=tooLarge')
  const form = await request.formData().catch(() => null)
  const file = form?.get('photo')
  if (!(file instanceof File) || file.size === 0) return seeOther('/profile/photo?error=missing')
  const result = await savePhoto(await portalPayload(), account, { size: file.size, bytes: Buffer.from(await file.arrayBuffer()) })
  return seeOther(result.ok ? '/profile/photo?done=uploaded' : `/profile/photo?error=${result.code}`)
}
