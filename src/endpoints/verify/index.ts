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
import { codeFromInput, isHoldersSurname, MAX_SURNAME_INPUT, referenceFromInput, verifyThrottleKey } from '../../lib/verify'
import { answerJson, answerOf, NOT_FOUND_JSON } from './answer'
import { answerPage, errorPage, formPage, notFoundPage, tooManyPage, type PageContext, type ReferenceInput } from './html'
import { lookUp, lookUpReference, secondsBlocked } from './lookup'
import { cachedSettings } from './settings'
import { visitorOf } from './visitor'

/**
 * The public verification pages, outside express and Next (they are the hottest path there
 * is: every printed certificate points here):
 *
 *   GET /verify              the forms: reference and surname, or a code to type or paste (`?code=` redirects to the answer)
 *   GET /verify/<code>       the live status and key facts, HTML, or JSON for `Accept: application/json`
 *   GET /verify?reference=<printed reference>&surname=<holder's surname>
 *                            the same answer (HTML or JSON) when both match one document; otherwise the
 *                            same 404 and the same count against the caller as a code that finds nothing
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

/** The header's "Sign out" on these pages: a Next route (src/app/(portal)/verify/sign-out), never a code. */
export const SIGN_OUT_PATH = '/verify/sign-out'

/** True for the paths this handler answers: /verify, /verify/ and /verify/<one segment>, any query. */
export function isVerifyPath(url: string | undefined): boolean {
  if (!url || !url.startsWith('/verify')) return false
  const query = url.indexOf('?')
  const pathname = query < 0 ? url : url.slice(0, query)
  if (pathname === '/verify' || pathname === '/verify/') return true
  return pathname.startsWith('/verify/') && pathname.indexOf('/', 8) < 0 && pathname !== SIGN_OUT_PATH
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

  const tooMany = (req: IncomingMessage, res: ServerResponse, context: PageContext, asJson: boolean, wait: number) =>
    asJson
      ? send(req, res, 429, json, JSON.stringify({ error: 'too-many-requests', retryAfter: wait }), 'Retry-After', String(wait))
      : send(req, res, 429, html, tooManyPage(context, wait), 'Retry-After', String(wait))

  /**
   * GET /verify?reference=…&surname=…: the answer for the code, when the reference names a
   * document and the surname is its holder's. Every other case (no such reference, another
   * surname, no surname, a malformed reference) runs the same query, the same comparison and
   * the same count, and gets the same 404, so nothing tells a wrong surname from a wrong
   * reference. The HTML form points out an empty or malformed field before anything is looked
   * up (that says nothing about any document); the JSON form just answers not found.
   */
  const byReference = async (req: IncomingMessage, res: ServerResponse, context: PageContext, asJson: boolean, typedReference: string, typedSurname: string) => {
    const typed: ReferenceInput = { reference: typedReference.trim().slice(0, 100), surname: typedSurname.trim().slice(0, MAX_SURNAME_INPUT) }
    const reference = referenceFromInput(typedReference)
    if (!asJson) {
      const errors: ReferenceInput['errors'] = {}
      if (!typed.reference) errors.reference = 'Enter the reference printed on the document'
      else if (!reference) errors.reference = `Enter the reference as it is printed, for example 57116714-01-MHHN`
      if (!typed.surname) errors.surname = 'Enter the surname of the person named on the document'
      if (errors.reference || errors.surname) return send(req, res, 200, html, formPage(context, { reference: { ...typed, errors } }))
    }
    const key = verifyThrottleKey(proxyaddr(req, trust))
    const now = new Date()
    const row = await lookUpReference(pool, reference, key)
    const wait = secondsBlocked(row, now)
    if (wait > 0) return tooMany(req, res, context, asJson, wait)
    const surnameMatches = isHoldersSurname(typedSurname, row.surname)
    if (!row.found || !surnameMatches || !row.verification_code) {
      await countFailure(pool, key, VERIFY_LOOKUPS, now)
      return asJson ? send(req, res, 404, json, NOT_FOUND_JSON) : send(req, res, 404, html, notFoundPage(context, typed))
    }
    const answer = answerOf(row)
    const code = row.verification_code
    return asJson ? send(req, res, 200, json, answerJson(answer, code, baseUrl)) : send(req, res, 200, html, answerPage(context, answer, code, now))
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
      const visitor = visitorOf(pool, req.headers.cookie)
      context = { settings: held instanceof Promise ? await held : held, visitor: await visitor, stylesheet: STYLESHEET_PATH }
      const asJson = wantsJson(req.headers.accept)

      if (pathname === '/verify' || pathname === '/verify/') {
        const params = query < 0 ? null : new URLSearchParams(url.slice(query + 1))
        const typedReference = params?.get('reference') ?? null
        if (typedReference !== null) return await byReference(req, res, context, asJson, typedReference, params!.get('surname') ?? '')
        const typed = params?.get('code') ?? null
        if (typed === null) return send(req, res, 200, html, formPage(context))
        const code = codeFromInput(typed)
        if (!code) return send(req, res, 200, html, formPage(context, { codeError: 'Enter the verification code printed on the document' }))
        return send(req, res, 303, html, '', 'Location', `/verify/${encodeURIComponent(code)}`)
      }

      const segment = pathname.slice('/verify/'.length)
      // The shape is checked before the database is asked; a malformed code is still a miss.
      const code = segment.length < 64 && isWellFormedVerificationCode(segment) ? segment : null
      const key = verifyThrottleKey(proxyaddr(req, trust))
      const now = new Date()
      const row = await lookUp(pool, code, key)

      const wait = secondsBlocked(row, now)
      if (wait > 0) return tooMany(req, res, context, asJson, wait)
      if (!row.found || code === null) {
        await countFailure(pool, key, VERIFY_LOOKUPS, now)
        return asJson ? send(req, res, 404, json, NOT_FOUND_JSON) : send(req, res, 404, html, notFoundPage(context))
      }
      const answer = answerOf(row)
      return asJson ? send(req, res, 200, json, answerJson(answer, code, baseUrl)) : send(req, res, 200, html, answerPage(context, answer, code, now))
    } catch (error) {
      payload.logger.error({ err: error, msg: 'Verification failed' })
      if (res.headersSent) return void res.destroy()
      const fallback = context ?? { settings: { portalName: 'Digital Achievement Portal', awardingBodyName: 'Awarding Body', supportEmail: '', supportPhone: null }, visitor: 'none' as const, stylesheet: STYLESHEET_PATH }
      send(req, res, 503, html, errorPage(fallback), 'Retry-After', '30')
    }
  }
}
