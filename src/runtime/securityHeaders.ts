import { randomBytes } from 'node:crypto'

import type { NextFunction, Request, Response } from 'express'

import { isProduction } from '../lib/env'

/**
 * Headers every response gets, admin and portal alike. Scripts run only with the
 * response's nonce (Next puts it on its own scripts, reading it from the request's policy);
 * `scriptNonce: null` allows no script at all, for pages that have none.
 */
export function securityHeaderValues({ scriptNonce }: { scriptNonce: string | null }): Record<string, string> {
  // Development's fast refresh evaluates code sent over its socket.
  const scripts = scriptNonce ? `'nonce-${scriptNonce}' 'strict-dynamic'${isProduction() ? '' : " 'unsafe-eval'"}` : "'none'"
  return {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Content-Security-Policy': `script-src ${scripts}; frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'`,
    ...(isProduction() ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  const headers = securityHeaderValues({ scriptNonce: randomBytes(16).toString('base64') })
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  // Next reads the nonce for its scripts from the request's own policy header.
  req.headers['content-security-policy'] = headers['Content-Security-Policy']
  next()
}
