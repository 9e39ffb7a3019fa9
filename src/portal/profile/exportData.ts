import type { Payload, Where } from 'payload'

import { isPortalAccount, relationId } from '../../access/users'
import { asAccount, freshAccount, type SignedInAccount } from './account'
import { currentPhoto } from './photo'

const pick = <T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> =>
  Object.fromEntries(keys.filter((key) => key in row).map((key) => [key, row[key]])) as Pick<T, K>

/**
 * System task: the audit entries about the signed-in account, or made by it, for its own data
 * export. The audit log is open to support staff only (an entry names the member of staff who
 * acted); here the holder gets what was done and when, not who. Access check: only for the
 * signed-in portal account, and only its own entries.
 */
async function systemReadOwnAuditEntries(payload: Payload, account: SignedInAccount) {
  if (!isPortalAccount(account)) throw new Error('Only a signed-in portal account exports its own audit entries.')
  const accountId = account.id
  const where: Where = {
    or: [
      { and: [{ entity: { equals: 'accounts' } }, { entityId: { equals: String(accountId) } }] },
      { and: [{ 'actor.relationTo': { equals: 'accounts' } }, { 'actor.value': { equals: accountId } }] },
    ],
  }
  const { docs } = await payload.find({ collection: 'audit-log', where, sort: 'createdAt', pagination: false, depth: 0, overrideAccess: true })
  return docs.map((entry) => ({
    at: entry.createdAt,
    action: entry.action,
    summary: entry.summary ?? null,
    by: entry.actor?.relationTo === 'accounts' ? 'you' : entry.actor?.relationTo === 'staff' ? 'our staff' : 'the system',
  }))
}

/**
 * Everything the portal holds about the signed-in account, for "Download my data". Each part
 * is read as the account itself (so nothing it may not see), except its audit entries.
 * The account's fields are chosen one by one: password hash and salt, sessions and tokens
 * are never part of it.
 */
export async function exportAccountData(payload: Payload, account: SignedInAccount, now = new Date()) {
  const as = asAccount(account)
  const me = await freshAccount(payload, account)
  const candidateId = relationId(me.candidate)
  const candidate = candidateId === null ? null : await payload.findByID({ collection: 'candidates', id: candidateId, ...as }).catch(() => null)
  const achievements =
    candidateId === null
      ? []
      : (await payload.find({ collection: 'achievements', where: { candidate: { equals: candidateId } }, pagination: false, ...as, depth: 1 })).docs
  const mine = (field: string) => ({ where: { [field]: { equals: me.id } }, pagination: false, ...as }) as const
  const [connections, orders, enquiries, photo, auditTrail] = await Promise.all([
    payload.find({ collection: 'connections', ...mine('learner') }).then((r) => r.docs, () => []),
    payload.find({ collection: 'orders', ...mine('account') }).then((r) => r.docs, () => []),
    payload.find({ collection: 'enquiries', ...mine('reporter') }).then((r) => r.docs, () => []),
    currentPhoto(payload, account),
    systemReadOwnAuditEntries(payload, account),
  ])

  return {
    exportedAt: now.toISOString(),
    about:
      'Everything the Digital Achievement Portal holds about your account, as of the time above. Your certificates and other official records are kept by us as the awarding body; this file lists them but they are not part of your account.',
    account: {
      ...pick(me, ['id', 'email', 'kind', 'status', 'firstName', 'lastName', 'phone', 'companyName', 'jobTitle', 'createdAt', 'updatedAt'] as const),
      emailConfirmed: Boolean(me._verified),
    },
    registration: me.registration ? pick(me.registration, ['candidateNumber', 'dontKnowNumber', 'dateOfBirth', 'matchOutcome', 'lastMessage'] as const) : null,
    privacyConsent: me.privacyConsent ?? null,
    addresses: (me.addresses ?? []).map((a) => pick(a, ['label', 'fullName', 'line1', 'line2', 'town', 'county', 'postcode', 'country', 'defaultBilling', 'defaultDelivery'] as const)),
    photo: photo ? { type: photo.mimeType, sizeInBytes: photo.filesize, addedAt: photo.createdAt } : null,
    candidateRecord: candidate ? pick(candidate, ['candidateNumber', 'firstName', 'middleNames', 'surname', 'dateOfBirth', 'email', 'centre'] as const) : null,
    achievements: achievements.map((a) => ({
      reference: a.reference,
      qualification: typeof a.qualification === 'object' && a.qualification ? `${a.qualification.qualificationNumber} ${a.qualification.title}` : null,
      grade: a.grade,
      issueDate: a.issueDate,
    })),
    connections: connections.map((c) => ({
      ...pick(c, ['thirdPartyName', 'thirdPartyEmail', 'status', 'initiatedBy', 'accessUntil', 'createdAt'] as const),
      documentsShared: (c.documents ?? []).length,
    })),
    orders: orders.map((o) => ({
      ...pick(o, ['orderNumber', 'status', 'billingAddress', 'deliveryAddress', 'subtotalPence', 'deliveryPence', 'vatPence', 'totalPence', 'paymentReference', 'paidAt', 'trackingNumber', 'dispatchedAt', 'createdAt'] as const),
      items: (o.items ?? []).map((item) => pick(item, ['description', 'reason', 'unitPricePence', 'vatPence'] as const)),
    })),
    enquiries: enquiries.map((e) => ({
      ...pick(e, ['subject', 'status', 'createdAt'] as const),
      messages: (e.messages ?? []).map((m) => pick(m, ['from', 'body', 'sentAt'] as const)),
    })),
    auditTrail,
  }
}

export type AccountDataExport = Awaited<ReturnType<typeof exportAccountData>>
