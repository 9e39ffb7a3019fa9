import { headersWithCors, meOperation, type Endpoint } from 'payload'
import { generatePayloadCookie } from 'payload/shared'

import { endSession } from '../../collections/Accounts/sessions'
import { startSession } from './session'

type SessionUser = { collection?: string; id: number; email: string; _sid?: string }

/**
 * GET /api/accounts/me replaces Payload's own, which puts the session's token in the JSON
 * body where any script on the page could read it; the token lives in the HttpOnly cookie only.
 */
export const meEndpoint: Endpoint = {
  path: '/me',
  method: 'get',
  handler: async (req) => {
    const result = await meOperation({ collection: req.payload.collections.accounts, currentToken: undefined, req } as never)
    return Response.json(result, { headers: headersWithCors({ headers: new Headers(), req }) })
  },
}

/**
 * POST /api/accounts/refresh-token replaces Payload's own, which keeps the session and so
 * leaves the old token valid beside the new one (and writes the whole account back): here
 * a new session replaces the old, whose token stops working at once. The new token goes in
 * the cookie, not the body.
 */
export const refreshEndpoint: Endpoint = {
  path: '/refresh-token',
  method: 'post',
  handler: async (req) => {
    const user = req.user as SessionUser | null
    const headers = headersWithCors({ headers: new Headers(), req })
    if (user?.collection !== 'accounts' || !user._sid) return Response.json({ errors: [{ message: 'You are not signed in.' }] }, { status: 401, headers })
    const { token, exp } = await startSession(req.payload, 'accounts', user)
    await endSession(req.payload, user.id, user._sid)
    const collectionAuthConfig = req.payload.collections.accounts.config.auth
    headers.set('Set-Cookie', generatePayloadCookie({ collectionAuthConfig, cookiePrefix: req.payload.config.cookiePrefix, token }))
    return Response.json({ message: 'Token refreshed successfully.', exp }, { headers })
  },
}
