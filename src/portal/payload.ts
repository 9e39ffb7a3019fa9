import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload } from 'payload'
import { cache } from 'react'

import { sessionUser } from '../plugins/registration'

/** The shared Payload instance (warmed up by the server at boot). */
export const portalPayload = () => getPayload({ config })

/**
 * The signed-in user of this request, if any: portal code reads data as this user. Once per
 * request (React's `cache`): the layout and the page both ask. The session is checked as
 * Payload's auth checks it, without every collection's permissions (`sessionUser`).
 */
export const signedInUser = cache(async () => sessionUser(await portalPayload(), await headers()))

export async function siteSettings() {
  const payload = await portalPayload()
  return payload.findGlobal({ slug: 'site-settings', overrideAccess: false, user: null, depth: 0 })
}
