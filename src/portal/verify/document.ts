import type { Payload } from 'payload'

import { isWellFormedVerificationCode } from '../../lib/codes'
import { VERIFY_LOOKUPS } from '../../lib/throttle'
import { verifyThrottleKey } from '../../lib/verify'
import { attemptWait, recordAttempt } from '../../plugins/registration'
import { relationId } from '../../access/users'
import { printable } from '../documents/data'
import { badgeResponse, pdfResponse } from '../documents/render'
import { portalPayload } from '../payload'
import { AS_SYSTEM } from '../../access/system'

/**
 * System task, for the public verification page where nobody is signed in: the document a
 * verification code names, with everything it prints. Its access check is the query itself:
 * the whole, well-formed code, and only a document its learner chose to show there
 * (`showOnVerify`). Null otherwise, exactly as for a code that does not exist. The documents
 * collection cannot grant this (a rule open to anyone would let published documents be listed).
 */
async function systemReadPublishedDocument(payload: Payload, code: string) {
  if (!isWellFormedVerificationCode(code)) return null
  const asSystem = { ...AS_SYSTEM, disableErrors: true } as const
  const { docs } = await payload.find({ collection: 'documents', where: { verificationCode: { equals: code }, showOnVerify: { equals: true } }, limit: 1, pagination: false, ...asSystem })
  const document = docs[0]
  if (!document) return null
  // Only what that one published document prints: its own achievement and holder.
  const candidateId = relationId(document.candidate)
  const [achievement, candidate] = await Promise.all([
    payload.findByID({ collection: 'achievements', id: relationId(document.achievement)!, ...asSystem, depth: 1 }),
    candidateId === null ? null : payload.findByID({ collection: 'candidates', id: candidateId, ...asSystem }),
  ])
  return printable(document, achievement, candidate)
}

const PUBLIC = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex', 'Content-Type': 'text/plain; charset=utf-8' }
const notFound = () => new Response('Not found', { status: 404, headers: PUBLIC })

/**
 * GET /verify/<code>/document: the PDF (or a badge's PNG) of a document whose learner chose
 * to show it on the verification page; 404 for every other code, the same whatever the
 * reason. Counts against the caller's address like the verification page itself.
 */
export async function verifiedDocumentRoute(request: Request, { params }: { params: Promise<{ code: string }> }): Promise<Response> {
  const payload = await portalPayload()
  // Set by the server from express's req.ip (TRUST_PROXY), overwriting anything the client sent.
  const key = verifyThrottleKey(request.headers.get('x-portal-client-ip') ?? 'unknown')
  const now = new Date()
  const [wait, { code }] = await Promise.all([attemptWait(payload, key, now), params])
  if (wait > 0) return new Response('Too many requests', { status: 429, headers: { ...PUBLIC, 'Retry-After': String(wait) } })

  const printable = await systemReadPublishedDocument(payload, code)
  if (!printable) {
    // The same key and rule as the fast path's misses (src/endpoints/verify).
    await recordAttempt(payload, key, VERIFY_LOOKUPS, now)
    return notFound()
  }
  const publicCopy = { publicCopy: true }
  const response = printable.document.type === 'badge' ? await badgeResponse(payload, printable, publicCopy) : await pdfResponse(payload, printable, publicCopy)
  response.headers.set('X-Robots-Tag', 'noindex')
  return response
}
