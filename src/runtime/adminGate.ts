import type { NextFunction, Request, Response } from 'express'

import { unverifiedClaimsOf } from '../lib/tokenClaims'

const SESSION_COOKIE = /(?:^|;\s*)payload-token=([^;]+)/

/**
 * The admin is for staff. Payload would render it, with the whole admin client configuration,
 * to anyone signed in, a portal account included: a portal session is sent to its dashboard
 * before Next sees the request.
 */
export function portalSessionsStayOutOfAdmin(req: Request, res: Response, next: NextFunction): void {
  if (!/^\/admin(\/|$)/.test(req.path)) return next()
  const token = SESSION_COOKIE.exec(req.headers.cookie ?? '')?.[1]
  if (token && unverifiedClaimsOf(token).collection === 'accounts') return res.redirect(303, '/dashboard')
  next()
}
