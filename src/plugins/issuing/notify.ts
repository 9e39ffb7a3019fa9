import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { DOCUMENT_TYPES } from '../../collections/Documents'
import { queryInTransaction } from '../../collections/sql'
import { inTransaction } from '../../collections/transaction'
import { queueEmail } from '../../email/queue'
import { formatUkDate } from '../../lib/dates'
import { documentRevokedMessage, newDocumentsMessage } from './emails'
import { AS_SYSTEM } from '../../access/system'

const typeLabel = (value: string) => DOCUMENT_TYPES.find((t) => t.value === value)?.label ?? value

/**
 * System task: tells the candidate's learners about documents issued since the last telling.
 * Documents are claimed with one UPDATE in the same transaction as the emails it queues: of
 * jobs running at once, one claims them and the others wait and then find nothing; if
 * queueing fails, the claim rolls back with it and the job is retried. Documents issued
 * together go out in one email.
 */
export async function notifyNewDocuments(req: PayloadRequest, candidate: number): Promise<number> {
  const { payload } = req
  return inTransaction(req, async () => {
    const claimed = await queryInTransaction<{ id: number }>(
      req,
      sql`update documents set learner_notified_at = now()
          where candidate_id = ${candidate} and learner_notified_at is null and status = 'valid'
          returning id`,
    )
    const ids = claimed.rows.map((row) => Number(row.id))
    if (!ids.length) return 0
    const [{ docs: documents }, { docs: learners }] = await Promise.all([
      payload.find({ collection: 'documents', where: { id: { in: ids } }, limit: ids.length, ...AS_SYSTEM, depth: 2, sort: 'createdAt', req }),
      learnersOf(payload, candidate, req),
    ])
    const lines = documents.map((doc) => {
      const achievement = doc.achievement as { qualification?: { title?: string } } | number
      return { type: typeLabel(doc.type), title: typeof achievement === 'object' ? (achievement.qualification?.title ?? '') : '', reference: doc.reference ?? '' }
    })
    for (const learner of learners) await queueEmail(req, { template: newDocumentsMessage, to: learner.email, data: { firstName: learner.firstName, documents: lines } })
    return learners.length
  })
}

/** The approved learner accounts linked to a candidate record: who hears about its documents. */
const learnersOf = (payload: Payload, candidate: number | string, req?: PayloadRequest) =>
  payload.find({ collection: 'accounts', where: { candidate: { equals: candidate }, kind: { equals: 'learner' }, status: { equals: 'approved' } }, pagination: false, ...AS_SYSTEM, req })

/**
 * System task, in the transaction of staff revoking a document: its learners are told, with the
 * reason. A candidate with no approved account linked has no one to tell. Returns how many were emailed.
 */
export async function notifyDocumentRevoked(req: PayloadRequest, documentId: number | string): Promise<number> {
  const { payload } = req
  const document = await payload.findByID({ collection: 'documents', id: documentId, ...AS_SYSTEM, depth: 2, disableErrors: true, req })
  const candidate = document?.candidate
  if (!document || document.status !== 'revoked' || candidate === null || candidate === undefined) return 0
  const { docs: learners } = await learnersOf(payload, typeof candidate === 'object' ? candidate.id : candidate, req)
  const achievement = document.achievement as { qualification?: { title?: string } } | number
  const line = { type: typeLabel(document.type), title: typeof achievement === 'object' ? (achievement.qualification?.title ?? '') : '', reference: document.reference ?? '' }
  const revokedOn = formatUkDate(document.statusChangedAt ?? new Date())
  for (const learner of learners)
    await queueEmail(req, { template: documentRevokedMessage, to: learner.email, data: { firstName: learner.firstName, document: line, revokedOn, reason: document.statusReason ?? '' } })
  return learners.length
}

export const notifyNewDocumentsTask: TaskConfig<{ input: { candidate: number }; output: { emails: number } }> = {
  slug: 'notify-new-documents',
  label: 'Tell learners about new documents',
  inputSchema: [{ name: 'candidate', type: 'number', required: true }],
  outputSchema: [{ name: 'emails', type: 'number' }],
  retries: 5,
  handler: async ({ input, req }) => ({ output: { emails: await notifyNewDocuments(req, input.candidate) } }),
}
