import type { PayloadRequest } from 'payload'

import { recordAudit } from '../../collections/AuditLog/auditTrail'
import { inTransaction } from '../../collections/transaction'
import { toDateOnly } from '../../lib/dates'
import { notifyDocumentRevoked } from './notify'

export class IssuingError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

const today = () => toDateOnly(new Date().toISOString())

async function validDocument(req: PayloadRequest, id: string) {
  const document = await req.payload.findByID({ collection: 'documents', id, depth: 0, req, overrideAccess: false, disableErrors: true })
  if (!document) throw new IssuingError('No such document.', 404)
  if (document.status !== 'valid') throw new IssuingError('This document has already been revoked or reissued.', 409)
  return document
}

/**
 * Staff revoke a document: at once on the verify page and in the portal, with the reason
 * audited and its learner's email queued, all in one transaction.
 */
export async function revokeDocument(req: PayloadRequest, id: string, reason: string) {
  const why = reason.trim()
  if (!why) throw new IssuingError('Give the reason the document is revoked.', 400)
  if (why.length > 1000) throw new IssuingError('Keep the reason to 1,000 characters.', 400)
  const revoked = await inTransaction(req, async () => {
    const document = await validDocument(req, id)
    const revoked = await req.payload.update({
      collection: 'documents',
      id: document.id,
      data: { status: 'revoked', statusReason: why, statusChangedAt: today() },
      req,
      overrideAccess: false,
    })
    await recordAudit(req, { action: 'document.revoked', entity: 'documents', entityId: document.id, summary: `${document.reference} revoked: ${why}` })
    await notifyDocumentRevoked(req, revoked.id)
    return revoked
  })
  return revoked
}

/** Staff reissue a document: a new one (new reference and code) that supersedes the old. */
export async function reissueDocument(req: PayloadRequest, id: string, reason: string) {
  if (reason.trim().length > 1000) throw new IssuingError('Keep the reason to 1,000 characters.', 400)
  return inTransaction(req, async () => {
    const old = await validDocument(req, id)
    const replacement = await req.payload.create({
      collection: 'documents',
      data: { type: old.type, achievement: old.achievement, units: old.units, issueDate: today(), showOnVerify: old.showOnVerify } as never,
      req,
      overrideAccess: false,
    })
    await req.payload.update({
      collection: 'documents',
      id: old.id,
      data: { status: 'superseded', supersededBy: replacement.id, statusChangedAt: today(), statusReason: reason.trim() || null },
      req,
      overrideAccess: false,
    })
    await recordAudit(req, {
      action: 'document.reissued',
      entity: 'documents',
      entityId: old.id,
      summary: `${old.reference} reissued as ${replacement.reference}${reason.trim() ? `: ${reason.trim()}` : ''}`,
    })
    return replacement
  })
}
