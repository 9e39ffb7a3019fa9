import { addDataAndFileToRequest, type CollectionBeforeDeleteHook, type CollectionConfig, type Endpoint, type FieldAccess } from 'payload'

import { administrators, anyOf, nobody, ownedByLearner, supportStaff } from '../../../access/rules'
import { AS_SYSTEM, lockFields } from '../../../access/system'
import { isActivePortalAccount } from '../../../access/users'
import { auditTrail } from '../../../collections/AuditLog/auditTrail'
import { ADMIN_GROUPS } from '../../../collections/fields'
import { learnerKnownToThirdParty } from '../../../lib/connections'
import { checkOptionalEmail } from '../../../lib/formats'
import type { Connection } from '../../../payload-types'
import { thirdPartysOwnConnections } from '../access'
import { actOnConnection } from '../actions'

export const CONNECTION_STATUSES = [
  { label: 'Pending', value: 'pending' },
  { label: 'Active', value: 'active' },
  { label: 'Declined', value: 'declined' },
  { label: 'Cancelled', value: 'cancelled' },
  { label: 'Expired', value: 'expired' },
] as const

/**
 * What decides who may read a learner's documents through a connection: the parties, the
 * addresses, the documents, the dates and the state. Written by the plugin's actions only
 * (`share.ts`, `actions.ts`, `expire.ts`, `invitations.ts`), never through the API, staff included.
 */
const WHO_MAY_READ = new Set(['learner', 'thirdParty', 'thirdPartyEmail', 'learnerEmail', 'status', 'initiatedBy', 'accessUntil', 'documents', 'extension'])

/**
 * The learner's account on a connection: for a third party, only once the learner made or
 * accepted it (`learnerKnownToThirdParty`), so a request says nothing of whose address it asked;
 * and never in a `where` or `sort` of a third party's (Payload asks this without a row there).
 * Learners and staff: the collection's rule decides the rows.
 */
const learnerReadable: FieldAccess = ({ req: { user }, doc }) => {
  if (!isActivePortalAccount(user) || user.kind !== 'third-party') return true
  return Boolean(doc) && learnerKnownToThirdParty(doc as Partial<Connection>)
}

/** POST /api/connections/:id/cancel: support staff cancel a connection on the learner's request (with a note why). */
const cancelEndpoint: Endpoint = {
  path: '/:id/cancel',
  method: 'post',
  handler: async (req) => {
    if (!(await supportStaff({ req } as never))) return Response.json({ error: 'Only support staff can cancel a connection here.' }, { status: 403 })
    await addDataAndFileToRequest(req)
    const note = String((req.data as { note?: unknown } | undefined)?.note ?? '').trim()
    if (!note) return Response.json({ error: 'Say why the connection is cancelled (for example, “The learner asked by phone on 01/12/2026”).' }, { status: 400 })
    const result = await actOnConnection(req.payload, req.user as never, String(req.routeParams?.id), { type: 'cancel', message: note })
    if (!result.ok) return Response.json({ error: result.error }, { status: result.status })
    return Response.json({ ok: true })
  },
}

/** A connection's history and view receipts go with it (the audit log keeps its events). */
const removeSideRecords: CollectionBeforeDeleteHook = async ({ id, req }) => {
  for (const collection of ['connection-events', 'connection-views'] as const) await req.payload.delete({ collection, where: { connection: { equals: id } }, ...AS_SYSTEM, req })
}

/**
 * A learner sharing chosen documents with a third party until an access date, or a third
 * party asking a learner to. The state machine is `src/lib/connections.ts`.
 */
export const Connections: CollectionConfig = {
  slug: 'connections',
  admin: {
    group: ADMIN_GROUPS.people,
    useAsTitle: 'thirdPartyEmail',
    defaultColumns: ['learner', 'thirdPartyName', 'thirdPartyEmail', 'status', 'initiatedBy', 'accessUntil'],
    listSearchableFields: ['thirdPartyName', 'thirdPartyEmail'],
  },
  access: {
    // Made by the plugin's actions only, as system tasks with their checks: a learner shares (`shareWithThirdParty`), a third party asks (`requestConnection`).
    create: nobody,
    read: anyOf(supportStaff, ownedByLearner('learner'), thirdPartysOwnConnections),
    // Changed by the plugin's actions only (`actOnConnection`); support cancels through `POST /api/connections/:id/cancel`.
    update: nobody,
    delete: administrators,
  },
  fields: lockFields(
    [
      {
        type: 'row',
        fields: [
          // Empty only on a third party's request to an address that is no learner's: it grants nothing and waits for its date.
          { name: 'learner', type: 'relationship', relationTo: 'accounts', index: true, access: { read: learnerReadable } },
          { name: 'thirdParty', label: 'Third-party account', type: 'relationship', relationTo: 'accounts', index: true },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'thirdPartyName', label: 'Third party name', type: 'text', required: true, maxLength: 200 },
          {
            name: 'thirdPartyEmail',
            label: 'Third party email',
            type: 'email',
            required: true,
            index: true,
            validate: (value: unknown) => checkOptionalEmail(value),
          },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'status', type: 'select', required: true, defaultValue: 'pending', options: [...CONNECTION_STATUSES], index: true },
          {
            name: 'initiatedBy',
            label: 'Initiated by',
            type: 'select',
            required: true,
            options: [
              { label: 'Learner', value: 'learner' },
              { label: 'Third party', value: 'third-party' },
            ],
          },
          {
            name: 'accessUntil',
            label: 'Access until',
            type: 'date',
            required: true,
            index: true,
            admin: {
              date: { pickerAppearance: 'dayAndTime' },
              components: { Cell: '/plugins/connections/admin/AccessUntil#AccessUntilCell', Field: '/plugins/connections/admin/AccessUntil#AccessUntilField' },
            },
          },
        ],
      },
      { name: 'documents', label: 'Documents shared', type: 'relationship', relationTo: 'documents', hasMany: true },
      { name: 'cancelPanel', type: 'ui', admin: { components: { Field: '/plugins/connections/admin/CancelConnection#CancelConnection' } } },
      { name: 'thirdPartyCompany', label: 'Company', type: 'text', maxLength: 200 },
      {
        name: 'learnerEmail',
        label: 'Learner email asked for',
        type: 'email',
        admin: { description: 'The address a third party typed when asking a learner to connect.' },
      },
      { name: 'requestMessage', label: 'Message from the third party', type: 'textarea', maxLength: 1000 },
      {
        name: 'extension',
        label: 'Extension request',
        type: 'group',
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'status', type: 'select', options: [{ value: 'requested', label: 'Requested' }, { value: 'approved', label: 'Approved' }, { value: 'declined', label: 'Declined' }] },
              { name: 'until', label: 'Access until asked for', type: 'date', admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' } } },
            ],
          },
          { name: 'message', type: 'textarea', maxLength: 1000 },
        ],
      },
      { name: 'history', type: 'join', collection: 'connection-events', on: 'connection', defaultSort: 'at', defaultLimit: 100, admin: { defaultColumns: ['at', 'event', 'party', 'note'] } },
      { name: 'viewReceipts', label: 'View receipts', type: 'join', collection: 'connection-views', on: 'connection', admin: { defaultColumns: ['document', 'views', 'lastViewedAt'] } },
    ],
    WHO_MAY_READ,
  ),
  // The expiry job's scan (status in pending, active and access date passed) and the dashboard's counts.
  indexes: [{ fields: ['status', 'accessUntil'] }],
  endpoints: [cancelEndpoint],
  hooks: { ...auditTrail('connections'), beforeDelete: [removeSideRecords] },
  timestamps: true,
}
