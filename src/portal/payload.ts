import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload } from 'payload'
import { cache } from 'react'

/** The shared Payload instance (warmed up by the server at boot). */
export const portalPayload = () => getPayload({ config })

/**
 * The signed-in user of this request, if any: portal code reads data as this user. Once per
 * request (React's `cache`): the layout and the page both ask, and Payload works out every
 * collection's permissions each time.
 */
export const signedInUser = cache(async () => {
  const payload = await portalPayload()
  const { user } = await payload.auth({ headers: await headers() })
  return user
})

export async function siteSettings() {
  const payload = await portalPayload()
  return payload.findGlobal({ slug: 'site-settings', overrideAccess: false, user: null, depth: 0 })
}
