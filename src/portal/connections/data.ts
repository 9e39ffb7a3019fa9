import type { Payload, Where } from 'payload'

import { isActivePortalAccount } from '../../access/users'
import { DOCUMENT_TYPES } from '../../collections/Documents'
import { endsAt, shownStatus as statusAt } from '../../lib/connections'
import { recordId } from '../../lib/ids'
import type { Account, Connection, ConnectionEvent, ConnectionView } from '../../payload-types'
import { learnerNamesForThirdParty } from '../../plugins/connections'
import { myAchievements } from '../documents/data'

type User = NonNullable<Awaited<ReturnType<Payload['auth']>>['user']>
export type Tab = 'active' | 'inactive'
export const PAGE_SIZE = 20

/** When an open connection ends by itself (`endsAt`): its access date, or its answer-by date while nobody has answered. */
export const endOf = (c: Pick<Connection, 'status' | 'accessUntil' | 'createdAt'>) => endsAt({ status: c.status, accessUntil: new Date(c.accessUntil), madeAt: new Date(c.createdAt) })

/** The status a person sees: an open connection that has ended by itself is expired, whatever the job has done yet. */
export function shownStatus(c: Pick<Connection, 'status' | 'accessUntil' | 'createdAt'>, now: Date): Connection['status'] {
  return statusAt({ status: c.status, accessUntil: new Date(c.accessUntil), madeAt: new Date(c.createdAt) }, now)
}

export const STATUS_LABELS: Record<Connection['status'], string> = { pending: 'Pending', active: 'Active', declined: 'Declined', cancelled: 'Cancelled', expired: 'Expired' }

function tabWhere(tab: Tab, now: string): Where {
  return tab === 'active'
    ? { and: [{ status: { in: ['pending', 'active'] } }, { accessUntil: { greater_than: now } }] }
    : { or: [{ status: { in: ['declined', 'cancelled', 'expired'] } }, { accessUntil: { less_than_equal: now } }] }
}

/** Search over what the account itself sees in its table: the third party's name, email and company; the learner's address. */
function searchWhere(q: string, kind: Account['kind']): Where | null {
  const term = q.trim().slice(0, 100)
  if (!term) return null
  const fields = kind === 'learner' ? ['thirdPartyName', 'thirdPartyEmail', 'thirdPartyCompany'] : ['learnerEmail', 'thirdPartyName']
  return { or: fields.map((field) => ({ [field]: { like: term } })) }
}

/** One page of the account's connections, read as the account: the collection's rules decide which rows are there. */
export async function myConnections(payload: Payload, user: User, { tab, q, page }: { tab: Tab; q: string; page: number }, now = new Date()) {
  if (!isActivePortalAccount(user)) return { docs: [] as Connection[], totalDocs: 0, totalPages: 1, page: 1, learners: new Map<number, string>() }
  const search = searchWhere(q, (user as Account).kind)
  const result = await payload.find({
    collection: 'connections',
    where: { and: [tabWhere(tab, now.toISOString()), ...(search ? [search] : [])] },
    sort: '-updatedAt',
    limit: PAGE_SIZE,
    page: Math.max(1, page),
    depth: 0,
    overrideAccess: false,
    user,
  })
  return { ...result, learners: await learnerNamesForThirdParty(payload, user as never, result.docs) }
}

/** One connection with its history and view receipts, read as the account (null when it is not theirs). */
export async function myConnection(payload: Payload, user: User, id: string) {
  const connectionId = recordId(id)
  if (connectionId === null) return null
  const as = { overrideAccess: false, user, depth: 0 } as const
  const connection = (await payload.findByID({ collection: 'connections', id: connectionId, disableErrors: true, joins: false, ...as })) as Connection | null
  if (!connection) return null
  const [history, views] = await Promise.all([
    payload.find({ collection: 'connection-events', where: { connection: { equals: connection.id } }, sort: 'at', limit: 200, ...as }),
    payload.find({ collection: 'connection-views', where: { connection: { equals: connection.id } }, limit: 200, ...as }),
  ])
  const names = await learnerNamesForThirdParty(payload, user as never, [connection])
  const events = history.docs as ConnectionEvent[]
  return { connection, history: events, views: views.docs as ConnectionView[], learner: names.get(connection.id) ?? null, accepted: events.some((e) => e.event === 'accepted') }
}

/** When the learner deleted connection `id`, if the account was one of its two sides (read as the account: the tombstone's rule decides). */
export async function deletedConnection(payload: Payload, user: User, id: string): Promise<Date | null> {
  const connectionId = recordId(id)
  if (connectionId === null || !isActivePortalAccount(user)) return null
  const { docs } = await payload.find({ collection: 'deleted-connections', where: { connection: { equals: connectionId } }, limit: 1, overrideAccess: false, user, depth: 0 })
  return docs[0] ? new Date(docs[0].deletedAt) : null
}

export type ShareableGroup = { heading: string; documents: Array<{ id: number; label: string }> }

const typeLabel = (value: string) => DOCUMENT_TYPES.find((t) => t.value === value)?.label ?? value

/** The learner's documents that can be shared (valid, not badges), grouped by achievement as the seed's "Share documents" screen. */
export async function shareableGroups(payload: Payload, user: User): Promise<ShareableGroup[]> {
  const { achievements } = await myAchievements({ payload, user })
  return achievements
    .map(({ achievement, qualification, documents }) => ({
      heading: [qualification?.qualificationNumber, qualification?.title].filter(Boolean).join(' · '),
      documents: documents
        .filter((d) => d.status === 'valid' && d.type !== 'badge')
        .map((d) => ({ id: d.id, label: `${typeLabel(d.type)} · ${qualification?.title ?? ''} (${qualification?.qualificationNumber ?? ''}, grade ${achievement.grade}) · ${d.reference ?? ''}` })),
    }))
    .filter((group) => group.documents.length)
}
