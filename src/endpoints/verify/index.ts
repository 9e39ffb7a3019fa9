import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Pool } from 'pg'
import type { Payload } from 'payload'
import proxyaddr from 'proxy-addr'

import { countFailure } from '../../collections/SignInThrottles/countFailure'
import { isWellFormedVerificationCode } from '../../lib/codes'
import { VERIFY_LOOKUPS } from '../../lib/throttle'
import { codeFromInput, verifyThrottleKey } from '../../lib/verify'
import { answerJson, answerOf, NOT_FOUND_JSON } from './answer'
import { answerPage, errorPage, formPage, notFoundPage, tooManyPage, type PageContext } from './html'
import { lookUp, secondsBlocked } from './lookup'
import { cachedSettings } from './settings'

/**
 * The public verification pages, outside express and Next (they are the hottest path there
 * is: every printed certificate points here):
 *
 *   GET /verify              the box to type or paste a code into (`?code=` redirects to the answer)
 *   GET /verify/<code>       the live status and key facts, HTML, or JSON for `Accept: application/json`
 *   GET /verify/style.<hash>.css   the portal's stylesheet plus this page's, cached for a year
 *
 * Each answer is one prepared query (document, achievement, qualification, holder, the
 * reissue, and the caller's throttle row) on the app's pool. A code that finds nothing,
 * whatever the reason (wrong, malformed, 10 KB long), gets the same 404 page and counts
 * against the caller's address; after too many, every check from there gets 429 with
 * Retry-After, found or not. `/verify/<code>/document` is a Next route (src/portal/verify).
 */

const here = path.dirname(fileURLToPath(import.meta.url))
const STYLESHEET = [readFileSync(path.join(here, '../../portal/ui/portal.css'), 'utf8'), readFileSync(path.join(here, 'verify.css'), 'utf8')].join('\n')
const STYLESHEET_PATH = `/verify/style.${createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 12)}.css`

/** True for the paths this handler answers: /verify, /verify/ and /verify/<one segment>, any query. */
export function isVerifyPath(url: string | undefined): boolean {
  if (!url || !url.startsWith('/verify')) return false
  const query = url.indexOf('?')
  const pathname = query < 0 ? url : url.slice(0, query)
  if (pathname === '/verify' || pathname === '/verify/') return true
  return pathname.startsWith('/verify/') && pathname.indexOf('/', 8) < 0
}

/** JSON only when asked for before (or without) HTML: a browser's Accept never names application/json first. */
function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false
  const json = accept.indexOf('application/json')
  if (json < 0) return false
  const html = accept.indexOf('text/html')
  return html < 0 || json < html
}

export type VerifyHandlerOptions = {
  payload: Payload
  pool: Pool
  /** express's compiled `trust proxy` (app.get('trust proxy fn')), so the client address is req.ip's. */
  trust: (address: string, hop: number) => boolean
  /** Headers every response of the app carries (runtime/securityHeaders). */
  headers: Record<string, string>
  /** The public address, for the absolute links in the JSON form. */
  baseUrl: string
  settingsTtlMs?: number
}

export function verifyHandler({ payload, pool, trust, headers, baseUrl, settingsTtlMs }: VerifyHandlerOptions) {
  const settings = cachedSettings(payload, settingsTtlMs)
  void settings() // read once now, so the first visitor does not wait for it
  // Raw header lists ([name, value, …]): Node writes them straight out, with no header map to build per response.
  const raw = (headers: Record<string, string>) => Object.entries(headers).flat()
  const answerHeaders = { ...headers, 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex', Vary: 'Accept' }
  const html = raw({ ...answerHeaders, 'Content-Type': 'text/html; charset=utf-8' })
  const json = raw({ ...answerHeaders, 'Content-Type': 'application/json; charset=utf-8' })
  const css = raw({ ...headers, 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable', 'Content-Length': String(Buffer.byteLength(STYLESHEET)) })
  const notAllowed = raw({ ...answerHeaders, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '18' })

  const send = (req: IncomingMessage, res: ServerResponse, status: number, base: string[], body: string, ...extra: string[]) => {
    res.writeHead(status, base.concat(extra, 'Content-Length', String(Buffer.byteLength(body))))
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  return async function verify(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, notAllowed)
      res.end('Method not allowed')
      return
    }
    const url = req.url!
    const query = url.indexOf('?')
    const pathname = query < 0 ? url : url.slice(0, query)
    if (pathname === STYLESHEET_PATH) {
      res.writeHead(200, css)
      res.end(method === 'HEAD' ? undefined : STYLESHEET)
      return
    }

    let context: PageContext | undefined
    try {
      const held = settings()
      context = { settings: held instanceof Promise ? await held : held, signedIn: req.headers.cookie?.includes('payload-token=') ?? false, stylesheet: STYLESHEET_PATH }

      if (pathname === '/verify' || pathname === '/verify/') {
        const typed = query < 0 ? null : new URLSearchParams(url.slice(query + 1)).get('code')
        if (typed === null) return send(req, res, 200, html, formPage(context))
        const code = codeFromInput(typed)
        if (!code) return send(req, res, 200, html, formPage(context, 'Enter the verification code printed on the document'))
        return send(req, res, 303, html, '', 'Location', `/verify/${encodeURIComponent(code)}`)
      }

      const segment = pathname.slice('/verify/'.length)
      // The shape is checked before the database is asked; a malformed code is still a miss.
      const code = segment.length < 64 && isWellFormedVerificationCode(segment) ? segment : null
      const asJson = wantsJson(req.headers.accept)
      const key = verifyThrottleKey(proxyaddr(req, trust))
      const now = new Date()
      const row = await lookUp(pool, code, key)

      const wait = secondsBlocked(row, now)
      if (wait > 0) {
        return asJson
          ? send(req, res, 429, json, JSON.stringify({ error: 'too-many-requests', retryAfter: wait }), 'Retry-After', String(wait))
          : send(req, res, 429, html, tooManyPage(context, wait), 'Retry-After', String(wait))
      }
      if (!row.found || code === null) {
        await countFailure(pool, key, VERIFY_LOOKUPS, now)
        return asJson ? send(req, res, 404, json, NOT_FOUND_JSON) : send(req, res, 404, html, notFoundPage(context))
      }
      const answer = answerOf(row)
      return asJson ? send(req, res, 200, json, answerJson(answer, code, baseUrl)) : send(req, res, 200, html, answerPage(context, answer, code, now))
    } catch (error) {
      payload.logger.error({ err: error, msg: 'Verification failed' })
      if (res.headersSent) return void res.destroy()
      const fallback = context ?? { settings: { portalName: 'Digital Achievement Portal', awardingBodyName: 'Awarding Body', supportEmail: '', supportPhone: null }, signedIn: false, stylesheet: STYLESHEET_PATH }
      send(req, res, 503, html, errorPage(fallback), 'Retry-After', '30')
    }
  }
}
