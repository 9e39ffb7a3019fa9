import type { NextFunction, Request, Response } from 'express'

/** The methods the portal, the admin and the API answer; Next fails on the rest (TRACE, CONNECT, WebDAV's…). */
const ANSWERED = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/** Any other method is refused here with 405, before Next sees it. TRACE would echo the request's cookies back. */
export function onlyKnownMethods(req: Request, res: Response, next: NextFunction): void {
  if (ANSWERED.includes(req.method)) return next()
  res.status(405).set({ Allow: ANSWERED.join(', '), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('Method not allowed')
}
