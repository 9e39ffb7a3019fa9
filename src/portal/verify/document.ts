import type { Payload } from 'payload'

import { relationId } from '../../access/users'
import { isWellFormedVerificationCode } from '../../lib/codes'
import { afterFailure, secondsToWait, VERIFY_LOOKUPS, type ThrottleState } from '../../lib/throttle'
import { verifyThrottleKey } from '../../lib/verify'
import type { Qualification } from '../../payload-types'
import { badgeResponse, pdfResponse } from '../documents/render'
import { portalPayload } from '../payload'

// System reads: nobody is signed in on the public verification page.
const AS_SYSTEM = { overrideAccess: true, depth: 0 } as const

/**
 * The document a verification code names, with everything it prints, ONLY when its learner
 * chose to show it on the verification page (`showOnVerify`); null otherwise, exactly as for
 * a code that does not exist. A system read (overrideAccess) because the learner published it.
 */
export async function publishedDocumentForVerification(payload: Payload, code: string) {
  if (!isWellFormedVerificationCode(code)) return null
  const { docs } = await payload.find({
    collection: 'documents',
    where: { verificationCode: { equals: code }, showOnVerify: { equals: true } },
    limit: 1,
    pagination: false,
    ...AS_SYSTEM,
  })
  const document = docs[0]
  if (!document) return null
  const achievement = await payload.findByID({ collection: 'achievements', id: relationId(document.achievement)!, disableErrors: true, ...AS_SYSTEM, depth: 1 })
  const candidateId = relationId(achievement?.candidate)
  const candidate = candidateId === null ? null : await payload.findByID({ collection: 'candidates', id: candidateId, disableErrors: true, ...AS_SYSTEM })
  if (!achievement || !candidate || typeof achievement.qualification !== 'object') return null
  return { document, achievement, qualification: achievement.qualification as Qualification, candidate }
}

/** The caller's count of verification codes that found nothing: the same key and rule as the fast path (src/endpoints/verify). */
async function throttleState(payload: Payload, key: string) {
  const { docs } = await payload.find({ collection: 'sign-in-throttles', where: { key: { equals: key } }, limit: 1, pagination: false, ...AS_SYSTEM })
  return docs[0] as (ThrottleState & { id: number }) | undefined
}

async function recordMiss(payload: Payload, key: string, now: Date): Promise<void> {
  const current = await throttleState(payload, key)
  const next = afterFailure(current, now, VERIFY_LOOKUPS)
  if (current) await payload.update({ collection: 'sign-in-throttles', id: current.id, data: next, ...AS_SYSTEM })
  else await payload.create({ collection: 'sign-in-throttles', data: { key, ...next }, ...AS_SYSTEM }).catch(() => undefined)
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
  const [state, { code }] = await Promise.all([throttleState(payload, key), params])
  const wait = secondsToWait(state, now)
  if (wait > 0) return new Response('Too many requests', { status: 429, headers: { ...PUBLIC, 'Retry-After': String(wait) } })

  const printable = await publishedDocumentForVerification(payload, code)
  if (!printable) {
    await recordMiss(payload, key, now)
    return notFound()
  }
  const response = printable.document.type === 'badge' ? await badgeResponse(payload, printable) : await pdfResponse(payload, printable)
  response.headers.set('X-Robots-Tag', 'noindex')
  return response
}
