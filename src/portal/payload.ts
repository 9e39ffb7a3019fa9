import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload } from 'payload'

/** The shared Payload instance (warmed up by the server at boot). */
export const portalPayload = () => getPayload({ config })

/** The signed-in user of this request, if any: portal code reads data as this user. */
export async function signedInUser() {
  const payload = await portalPayload()
  const { user } = await payload.auth({ headers: await headers() })
  return user
}

export async function siteSettings() {
  const payload = await portalPayload()
  return payload.findGlobal({ slug: 'site-settings', overrideAccess: false, user: null, depth: 0 })
}
