import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { AS_SYSTEM } from '../../access/system'
import { isActivePortalAccount, relationId, staffHasRole, type SignedInUser } from '../../access/users'
import { queryInTransaction } from '../../collections/sql'
import { inTransaction } from '../../collections/transaction'
import { formatAccessUntil } from '../../lib/dates'
import { applyConnectionAction, type ConnectionAction, type Party } from '../../lib/connections'
import { recordId } from '../../lib/ids'
import type { Connection } from '../../payload-types'
import { notifyOtherSide, recordEvent, stateOf } from './record'

export type ActionResult = { ok: true; event: string } | { ok: false; error: string; status: 404 | 400 }

const NOT_FOUND: ActionResult = { ok: false, status: 404, error: 'We could not find that connection.' }

/** The side `user` is on in connection `c`, if any: an approved, verified account named in it, or support staff. */
export function partyOf(c: Pick<Connection, 'learner' | 'thirdParty'>, user: SignedInUser | null): Party | null {
  if (staffHasRole(user, ['administrator', 'support'])) return 'support'
  if (!isActivePortalAccount(user)) return null
  if (user.kind === 'learner' && String(relationId(c.learner)) === String(user.id)) return 'learner'
  if (user.kind === 'third-party' && String(relationId(c.thirdParty)) === String(user.id)) return 'third-party'
  return null
}

/**
 * The documents `learner` may share among `ids`: their own (read as them, so the documents'
 * rules decide) and still valid; null when any is not, so nothing half-chosen is shared.
 */
export async function shareableDocuments(payload: Payload, learner: SignedInUser, ids: readonly number[]): Promise<number[] | null> {
  const wanted = [...new Set(ids)]
  if (!wanted.length || wanted.some((id) => recordId(id) === null)) return null
  const { docs } = await payload.find({
    collection: 'documents',
    where: { id: { in: wanted }, status: { equals: 'valid' }, type: { not_equals: 'badge' } },
    select: { status: true },
    depth: 0,
    limit: wanted.length,
    overrideAccess: false,
    user: learner as never,
  })
  return docs.length === wanted.length ? wanted : null
}

/** Locks the connection's row for the rest of the transaction and reads it as it is now. */
export async function lockedConnection(req: PayloadRequest, id: number): Promise<Connection | null> {
  const { rowCount } = await queryInTransaction(req, sql`select id from connections where id = ${id} for update`)
  return rowCount ? ((await req.payload.findByID({ collection: 'connections', id, ...AS_SYSTEM, req, disableErrors: true })) as Connection | null) : null
}

/** Whether the side asked ever accepted connection `id`: its history says so (written only by these actions). */
export async function acceptedBefore(req: PayloadRequest, id: number): Promise<boolean> {
  const { totalDocs } = await req.payload.count({ collection: 'connection-events', where: { connection: { equals: id }, event: { equals: 'accepted' } }, overrideAccess: true, req })
  return totalDocs > 0
}

type Act = ConnectionAction & { message?: string }

/**
 * System task: `user` does `action` to connection `id`. Its own check: the user is on a side of
 * the connection now (account approved and verified), the state machine allows it, and any
 * documents are the learner's own and valid. The change, its history line, its audit entry and
 * the other side's email commit together, with the row locked against a concurrent change.
 */
export async function actOnConnection(payload: Payload, user: SignedInUser | null, id: number | string, action: Act, now = new Date()): Promise<ActionResult> {
  const connectionId = recordId(id)
  if (!user || connectionId === null) return NOT_FOUND
  const req = await createLocalReq({ user: user as never, context: { skipAudit: true } }, payload)
  return inTransaction(req, async () => {
    const c = await lockedConnection(req, connectionId)
    const party = c && partyOf(c, user)
    if (!c || !party) return NOT_FOUND
    if ('documents' in action && action.documents?.length && party === 'learner') {
      if (!(await shareableDocuments(payload, user, action.documents))) return { ok: false, status: 400, error: 'Choose documents of yours that are still valid.' }
    }
    const outcome = applyConnectionAction(stateOf(c, await acceptedBefore(req, c.id)), action, party, now)
    if (!outcome.ok) return { ok: false, status: 400, error: outcome.reason }
    const { next, event } = outcome
    const note = action.message?.trim().slice(0, 1000) || undefined
    if (next === null) {
      await notifyOtherSide(req, c, 'deleted', party)
      await recordEvent(req, c, 'deleted', party, now)
      await req.payload.create({
        collection: 'deleted-connections',
        data: { connection: c.id, learner: relationId(c.learner) as number | null, thirdParty: relationId(c.thirdParty) as number | null, deletedAt: now.toISOString() },
        ...AS_SYSTEM,
        req,
      })
      await req.payload.delete({ collection: 'connections', id: c.id, ...AS_SYSTEM, req })
      return { ok: true, event }
    }
    const extension = next.extension
      ? { status: next.extension.status, until: next.extension.until.toISOString(), message: event === 'extension-requested' ? (note ?? null) : c.extension?.message }
      : undefined
    const updated = (await req.payload.update({
      collection: 'connections',
      id: c.id,
      data: { status: next.status, accessUntil: next.accessUntil.toISOString(), documents: [...next.documents], ...(extension ? { extension } : {}) },
      ...AS_SYSTEM,
      req,
    })) as Connection
    const renewed = next.status === 'active' && (c.status === 'expired' || new Date(c.accessUntil).getTime() <= now.getTime())
    await recordEvent(req, c, event, party, now, noteFor(event, note, next.extension?.until) ?? (renewed ? 'It had expired: active again.' : undefined))
    await notifyOtherSide(req, updated, event as never, party, { note, until: next.extension?.until })
    return { ok: true, event }
  })
}

const noteFor = (event: string, note: string | undefined, until: Date | undefined) =>
  event === 'extension-requested' && until ? [`Until ${formatAccessUntil(until)}`, note].filter(Boolean).join(': ') : note
