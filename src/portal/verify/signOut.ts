import { generateExpiredPayloadCookie } from 'payload/shared'

import { serverURL } from '../../lib/env'
import { sessionUser, signOutAccount } from '../../plugins/registration'
import { portalPayload } from '../payload'

/**
 * POST /verify/sign-out: the "Sign out" of the verification pages' header. Those pages are
 * plain HTML from the fast path (src/endpoints/verify), which cannot carry the portal header's
 * server action, so their form posts here. It does what that action does (ends this session,
 * expires the cookie) and goes to the home page. Only from the portal's own pages: the
 * session cookie is SameSite=Lax, and another site's Origin is refused outright.
 */
export async function signOutFromVerifyPage(request: Request): Promise<Response> {
  const origin = request.headers.get('origin')
  if (origin && origin !== new URL(serverURL()).origin) return new Response('Forbidden', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const payload = await portalPayload()
  const user = await sessionUser(payload, request.headers)
  await signOutAccount(payload, user)
  const cookie = generateExpiredPayloadCookie({ collectionAuthConfig: payload.collections.accounts.config.auth, config: payload.config, cookiePrefix: payload.config.cookiePrefix })
  return new Response(null, { status: 303, headers: { Location: '/', 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } })
}
