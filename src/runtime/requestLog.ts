import type { NextFunction, Request, Response } from 'express'
import type { Payload } from 'payload'

import { tallyStatements } from './statements'

/** Query values that let whoever holds them in: email and reset links, API keys, payment sessions. */
const SECRET_PARAMETER = /token|secret|password|key|signature|session/i
/** Admin and API routes whose last path segment is a link's token: /admin/reset/<token>, /api/accounts/verify/<token>. */
const TOKEN_IN_PATH = /^(\/(?:admin|api)\/(?:[^/?#]+\/)?(?:reset|verify|reset-password|unlock)\/)[^/?#]+/i
const REDACTED = '[redacted]'

/**
 * A request's address as it may be written to the log: every token and secret in its path or
 * query string replaced, so the log never holds a working email or reset link.
 */
export function loggableUrl(url: string): string {
  const queryAt = url.indexOf('?')
  const path = (queryAt === -1 ? url : url.slice(0, queryAt)).replace(TOKEN_IN_PATH, `$1${REDACTED}`)
  if (queryAt === -1) return path
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      const name = equals === -1 ? pair : pair.slice(0, equals)
      let decoded = name
      try {
        decoded = decodeURIComponent(name)
      } catch {
        // A malformed name is logged as sent, its value redacted below if it looks secret.
      }
      return equals !== -1 && SECRET_PARAMETER.test(decoded) ? `${name}=${REDACTED}` : pair
    })
    .join('&')
  return `${path}?${query}`
}

/**
 * One log line per request through Payload's logger: its address without secrets (`loggableUrl`),
 * status, time, and the SQL statements it sent (how many, and how many repeated one it had sent
 * already); Next's static assets at debug level.
 */
export function requestLog(logger: Payload['logger']) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now()
    const { tally } = tallyStatements(() => next())
    res.on('finish', () => {
      const line = `${req.method} ${loggableUrl(req.originalUrl)} ${res.statusCode} ${Math.round(performance.now() - started)}ms ${tally.statements} statements, ${tally.repeated} repeated`
      if (req.path.startsWith('/_next/') || req.path === '/healthz') logger.debug(line)
      else logger.info(line)
    })
  }
}
