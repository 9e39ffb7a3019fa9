import type { Payload, PayloadRequest } from 'payload'

import { AS_SYSTEM } from '../../access/system'
import { isActivePortalAccount, relationId, type SignedInUser } from '../../access/users'
import { recordAudit } from '../../collections/AuditLog/auditTrail'
import { queueEmail } from '../../email/queue'
import type { EmailTemplate } from '../../email/template'
import { formatAccessUntil } from '../../lib/dates'
import { learnerKnownToThirdParty, type ConnectionState, type Party } from '../../lib/connections'
import type { Account, Connection } from '../../payload-types'
import * as mail from './emails'
import type { ConnectionMail } from './emails'


export type EventName = keyof typeof TEMPLATES | 'created' | 'invited' | 'requested'

const TEMPLATES = {
  accepted: mail.connectionAcceptedMessage,
  declined: mail.connectionDeclinedMessage,
  cancelled: mail.connectionCancelledMessage,
  deleted: mail.connectionDeletedMessage,
  extended: mail.connectionExtendedMessage,
  shortened: mail.connectionShortenedMessage,
  'documents-changed': mail.connectionDocumentsChangedMessage,
  'extension-requested': mail.connectionExtensionRequestedMessage,
  'extension-approved': mail.connectionExtensionApprovedMessage,
  'extension-declined': mail.connectionExtensionDeclinedMessage,
  expired: mail.connectionExpiredMessage,
} as const

/** The connection as the state machine sees it; `accepted` comes from its history (see `acceptedBefore`). */
export const stateOf = (c: Connection, accepted: boolean): ConnectionState => ({
  status: c.status,
  initiatedBy: c.initiatedBy,
  accessUntil: new Date(c.accessUntil),
  documents: (c.documents ?? []).map((d) => Number(relationId(d))),
  extension: c.extension?.status && c.extension.until ? { status: c.extension.status, until: new Date(c.extension.until) } : null,
  madeAt: new Date(c.createdAt),
  accepted,
})

export const fullName = (account: Pick<Account, 'firstName' | 'lastName'>) => `${account.firstName} ${account.lastName}`.trim()

/** How the third party is named to the learner: its company and its person, as it gave them. */
export const thirdPartyLabel = (c: Pick<Connection, 'thirdPartyName' | 'thirdPartyCompany'>) =>
  c.thirdPartyCompany ? `${c.thirdPartyCompany} (${c.thirdPartyName})` : c.thirdPartyName

async function account(req: PayloadRequest, id: unknown): Promise<Account | null> {
  const accountId = relationId(id)
  return accountId === null ? null : ((await req.payload.findByID({ collection: 'accounts', id: accountId, ...AS_SYSTEM, req, disableErrors: true })) as Account | null)
}

export type Side = { email: string; firstName: string; name: string }

/** Both sides of a connection as its emails address them. The third party may have no account yet: then the address it was shared with. */
export async function sidesOf(req: PayloadRequest, c: Connection): Promise<{ learner: Side | null; thirdParty: Side }> {
  const [learner, thirdParty] = await Promise.all([account(req, c.learner), account(req, c.thirdParty)])
  return {
    learner: learner ? { email: learner.email, firstName: learner.firstName, name: fullName(learner) } : null,
    thirdParty: { email: thirdParty?.email ?? c.thirdPartyEmail, firstName: thirdParty?.firstName ?? '', name: thirdPartyLabel(c) },
  }
}

/** One line of the connection's history and its audit entry, in the request's transaction. */
export async function recordEvent(req: PayloadRequest, c: Pick<Connection, 'id'>, event: EventName, party: Party, at: Date, note?: string): Promise<void> {
  if (event !== 'deleted')
    await req.payload.create({ collection: 'connection-events', data: { connection: c.id, event, party, at: at.toISOString(), note }, ...AS_SYSTEM, req })
  await recordAudit(req, { action: `connections.${event}`, entity: 'connections', entityId: c.id, summary: note })
}

/** Emails the side that did not act (both, when support or the clock did), in the request's transaction. */
export async function notifyOtherSide(req: PayloadRequest, c: Connection, event: keyof typeof TEMPLATES, party: Party, extra: { note?: string; until?: Date } = {}): Promise<void> {
  const sides = await sidesOf(req, c)
  const base = { connection: c.id, accessUntil: formatAccessUntil(c.accessUntil) }
  const data = {
    documents: (c.documents ?? []).length,
    bySupport: party === 'support',
    note: extra.note ?? '',
    until: extra.until ? formatAccessUntil(extra.until) : '',
  }
  const template = TEMPLATES[event] as EmailTemplate<ConnectionMail & typeof data>
  const toThirdParty = party !== 'third-party'
  const toLearner = party !== 'learner' && sides.learner
  if (toThirdParty)
    await queueEmail(req, { template, to: sides.thirdParty.email, data: { ...base, ...data, firstName: sides.thirdParty.firstName, other: sides.learner?.name ?? 'The learner' } })
  if (toLearner) await queueEmail(req, { template, to: sides.learner!.email, data: { ...base, ...data, firstName: sides.learner!.firstName, other: sides.thirdParty.name } })
}

/**
 * System task: the learners' names and emails for a third party's table, keyed by connection.
 * Its own check, first: only for an approved, verified third party, only connections it is
 * party to, and only those the learner made or accepted (`learnerKnownToThirdParty`: never a
 * request it did not accept, waiting, declined, cancelled or lapsed, which would say whose the address is). Accounts are otherwise closed to third parties.
 */
export async function learnerNamesForThirdParty(payload: Payload, user: SignedInUser | null, connections: Connection[]): Promise<Map<number, string>> {
  const names = new Map<number, string>()
  if (!isActivePortalAccount(user) || user.kind !== 'third-party') return names
  const known = connections.filter((c) => String(relationId(c.thirdParty)) === String(user.id) && learnerKnownToThirdParty(c))
  const ids = [...new Set(known.map((c) => relationId(c.learner)).filter((id): id is number => id !== null))]
  if (!ids.length) return names
  const { docs } = await payload.find({ collection: 'accounts', where: { id: { in: ids } }, select: { firstName: true, lastName: true, email: true }, limit: ids.length, ...AS_SYSTEM })
  const byId = new Map(docs.map((a) => [a.id, a]))
  for (const c of known) {
    const learner = byId.get(relationId(c.learner) as number)
    if (learner) names.set(c.id, `${fullName(learner)}|${learner.email}`)
  }
  return names
}
