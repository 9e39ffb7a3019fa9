import type { NextFunction, Request, Response } from 'express'
import type { Payload } from 'payload'

/** One log line per request through Payload's logger; Next's static assets at debug level. */
export function requestLog(logger: Payload['logger']) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now()
    res.on('finish', () => {
      const line = `${req.method} ${req.originalUrl} ${res.statusCode} ${Math.round(performance.now() - started)}ms`
      if (req.path.startsWith('/_next/') || req.path === '/healthz') logger.debug(line)
      else logger.info(line)
    })
    next()
  }
}
