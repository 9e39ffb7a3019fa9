import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { recordAudit } from '../../collections/AuditLog/auditTrail'
import { queryInTransaction } from '../../collections/sql'
import { inTransaction } from '../../collections/transaction'
import { queueEmail } from '../../email/queue'
import { normaliseCandidateNumber } from '../../lib/candidateNumber'
import { matchRegistration } from '../../lib/matching'
import { hashLinkToken, linkStillValid } from '../../lib/tokens'
import { relationId } from '../../access/users'
import type { Account } from '../../payload-types'
import { accountReadyMessage, detailsBeingCheckedMessage, documentsReadyMessage, someoneUsedYourDetailsMessage } from './emails'
import { sendVerificationLink } from './register'
import { systemRequest } from './system'
import { AS_SYSTEM } from '../../access/system'

export const VERIFICATION_LINK_HOURS = 24

export type VerificationResult = { ok: true; outcome: 'matched' | 'review' | 'third-party' } | { ok: false; reason: 'invalid' | 'expired' }

// System task throughout: verification and matching act on the account as the system.

/**
 * Confirms an email address from its link (single-use, valid 24 hours), then matches a
 * learner to their candidate record: approved at once on an exact match, otherwise queued
 * for review. Each outcome is emailed and audited.
 */
export async function verifyEmail(payload: Payload, token: string, now = new Date()): Promise<VerificationResult> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: 'invalid' }
  const tokenHash = hashLinkToken(token)
  const { docs } = await payload.find({
    collection: 'accounts',
    where: { 'emailVerification.tokenHash': { equals: tokenHash } },
    limit: 1,
    showHiddenFields: true,
    ...AS_SYSTEM,
  })
  const account = docs[0] as (typeof docs)[number] & { emailVerification?: { sentAt?: string } }
  if (!account) return { ok: false, reason: 'invalid' }
  if (!linkStillValid(account.emailVerification?.sentAt, now, VERIFICATION_LINK_HOURS)) return { ok: false, reason: 'expired' }

  const req = await systemRequest(payload)
  // The confirmation, its outcome, audit entry and emails: committed together or not at all.
  return inTransaction(req, async () => {
    // The same link clicked twice at once: the second waits for the first, then finds the address confirmed.
    await queryInTransaction(req, sql`select id from accounts where id = ${account.id} for update`)
    const current = (await payload.findByID({ collection: 'accounts', id: account.id, showHiddenFields: true, req, ...AS_SYSTEM })) as typeof account
    if (current.emailVerification?.tokenHash === tokenHash) return confirmAndMatch(req, current)
    return current._verified ? { ok: true, outcome: outcomeOf(current) } : { ok: false, reason: 'invalid' }
  })
}

/** What confirming already led to, for a click that arrives while the first one is being handled. */
const outcomeOf = (account: Account): 'matched' | 'review' | 'third-party' =>
  account.kind === 'third-party' ? 'third-party' : account.status === 'approved' ? 'matched' : 'review'

async function confirmAndMatch(req: PayloadRequest, account: Account): Promise<VerificationResult> {
  const { payload } = req
  const verified = { _verified: true, emailVerification: { tokenHash: null, sentAt: null } }
  if (account.kind === 'third-party') {
    await payload.update({ collection: 'accounts', id: account.id, data: { ...verified, status: 'approved' } as never, context: { skipAudit: true }, req, ...AS_SYSTEM })
    await recordAudit(req, { action: 'registration.verified', entity: 'accounts', entityId: account.id, summary: 'Third party: approved' })
    await queueEmail(req, { template: accountReadyMessage, to: account.email, data: { firstName: account.firstName } })
    return { ok: true, outcome: 'third-party' }
  }

  const given = account.registration ?? {}
  const number = given.candidateNumber ? normaliseCandidateNumber(given.candidateNumber) : ''
  const { docs: candidates } = number
    ? await payload.find({ collection: 'candidates', where: { candidateNumberNormalised: { equals: number } }, limit: 2, ...AS_SYSTEM })
    : { docs: [] }
  const holders = candidates.length
    ? (await payload.find({ collection: 'accounts', where: { candidate: { in: candidates.map((c) => c.id) }, id: { not_equals: account.id } }, pagination: false, req, ...AS_SYSTEM })).docs
    : []
  const outcome = matchRegistration(
    { candidateNumber: number, firstName: account.firstName, surname: account.lastName, dateOfBirth: given.dateOfBirth ?? '' },
    candidates.map((c) => ({ id: c.id, firstName: c.firstName, surname: c.surname, dateOfBirth: c.dateOfBirth, linkedToAccount: holders.some((h) => relationId(h.candidate) === c.id) })),
  )
  const matched = outcome.kind === 'matched'
  await payload.update({
    collection: 'accounts',
    id: account.id,
    data: {
      ...verified,
      status: matched ? 'approved' : 'awaiting-review',
      candidate: matched ? outcome.candidateId : null,
      registration: { ...given, matchOutcome: matched ? 'matched' : outcome.reason },
    } as never,
    context: { skipAudit: true },
    req,
    ...AS_SYSTEM,
  })
  await recordAudit(req, {
    action: matched ? 'registration.matched' : 'registration.queued-for-review',
    entity: 'accounts',
    entityId: account.id,
    summary: matched ? `Linked to candidate ${outcome.candidateId}` : `Review: ${outcome.reason}`,
  })
  await queueEmail(req, {
    template: matched ? documentsReadyMessage : detailsBeingCheckedMessage,
    to: account.email,
    data: { firstName: account.firstName },
  })
  if (outcome.kind === 'review' && outcome.reason === 'already-linked')
    for (const holder of holders.filter((h) => relationId(h.candidate) === outcome.candidateId))
      await queueEmail(req, { template: someoneUsedYourDetailsMessage, to: holder.email, data: { firstName: holder.firstName } })
  return { ok: true, outcome: matched ? 'matched' : 'review' }
}

/** "Send the link again": a new link for an unverified account; the old one stops working. Same answer for any email. */
export async function resendVerificationLink(payload: Payload, email: string, now = new Date()): Promise<void> {
  const { docs } = await payload.find({ collection: 'accounts', where: { email: { equals: email.trim().toLowerCase() } }, limit: 1, ...AS_SYSTEM })
  const account = docs[0]
  if (!account || account._verified) return
  const req = await systemRequest(payload)
  await inTransaction(req, () => sendVerificationLink(req, account, now))
}
