import type { PayloadRequest } from 'payload'

import { staffHasRole } from '../../access/users'
import { recordAudit } from '../../collections/AuditLog/auditTrail'
import { inTransaction } from '../../collections/transaction'
import { queueEmail } from '../../email/queue'
import { recordId } from '../../lib/ids'
import { moreInformationMessage, registrationApprovedMessage, registrationRejectedMessage } from './emails'

export type ReviewDecision =
  | { action: 'approve'; candidate: number | string }
  | { action: 'request-information'; message: string }
  | { action: 'reject'; message: string }

/** The row with a typed id as this staff member may read it; null for an id that is not a record's or not theirs to read. */
export async function findOrNull<C extends 'accounts' | 'candidates'>(payload: PayloadRequest['payload'], collection: C, typedId: unknown, as: { req: PayloadRequest; user: PayloadRequest['user'] }) {
  const id = recordId(typedId)
  return id === null ? null : payload.findByID({ collection, id, depth: 0, overrideAccess: false, disableErrors: true, user: as.user, req: as.req })
}

export class ReviewError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message)
  }
}

/**
 * A support member's decision on a registration in the review queue: the record is read
 * as that staff member, the system writes the decision (registration fields are closed to
 * direct edits), the registrant is emailed and the audit log names the staff member.
 */
export async function decideRegistration(req: PayloadRequest, accountId: number | string, decision: ReviewDecision): Promise<void> {
  // The decision, its audit entry and its email: all committed together or none.
  await inTransaction(req, () => decide(req, accountId, decision))
}

async function decide(req: PayloadRequest, accountId: number | string, decision: ReviewDecision): Promise<void> {
  const { payload, user } = req
  if (!staffHasRole(user, ['administrator', 'support'])) throw new ReviewError('Only support staff review registrations.', 403)
  const as = { overrideAccess: false, user, req, depth: 0, context: { skipAudit: true } } as const
  const account = await findOrNull(payload, 'accounts', accountId, as)
  if (!account) throw new ReviewError('That registration was not found.', 404)
  if (account.kind !== 'learner') throw new ReviewError('Only learner registrations are reviewed.')
  if (!account._verified) throw new ReviewError('The registrant has not confirmed their email address yet.')
  const given = account.registration ?? {}

  if (decision.action === 'approve') {
    const candidate = await findOrNull(payload, 'candidates', decision.candidate, as)
    if (!candidate) throw new ReviewError('Choose the candidate record this learner is.')
    const { totalDocs } = await payload.count({ collection: 'accounts', where: { candidate: { equals: candidate.id }, id: { not_equals: account.id } }, overrideAccess: true, req })
    if (totalDocs > 0) throw new ReviewError('Another portal account is already linked to that candidate record.')
    await payload.update({ collection: 'accounts', id: account.id, data: { status: 'approved', candidate: candidate.id, registration: { ...given, matchOutcome: 'approved-by-staff' } } as never, ...as, overrideAccess: true })
    await recordAudit(req, { action: 'registration.approved', entity: 'accounts', entityId: account.id, summary: `Linked to candidate ${candidate.candidateNumber}` })
    await queueEmail(req, { template: registrationApprovedMessage, to: account.email, data: { firstName: account.firstName } })
    return
  }

  const message = decision.message.trim()
  if (!message) throw new ReviewError(decision.action === 'reject' ? 'Give the reason for rejecting the registration.' : 'Write what you need the registrant to tell you.')
  if (message.length > 2000) throw new ReviewError('Keep the message to 2,000 characters.')
  const rejected = decision.action === 'reject'
  await payload.update({
    collection: 'accounts',
    id: account.id,
    // Either decision unlinks the record: until approved again the account reaches nothing of it.
    data: { status: rejected ? 'rejected' : 'information-requested', candidate: null, registration: { ...given, matchOutcome: rejected ? 'rejected' : 'information-requested', lastMessage: message } } as never,
    ...as,
    overrideAccess: true,
  })
  await recordAudit(req, { action: rejected ? 'registration.rejected' : 'registration.information-requested', entity: 'accounts', entityId: account.id, summary: message })
  await queueEmail(req, {
    template: rejected ? registrationRejectedMessage : moreInformationMessage,
    to: account.email,
    data: rejected ? { firstName: account.firstName, reason: message } : { firstName: account.firstName, request: message },
  } as never)
}
