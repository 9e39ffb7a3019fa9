import { addDataAndFileToRequest, type CollectionAfterChangeHook, type CollectionBeforeDeleteHook, type CollectionConfig, type Config, type Endpoint, type Field, type Plugin } from 'payload'

import { anyOf, supportStaff } from '../../access/rules'
import { documentsSharedWithThirdParty, thirdPartysOwnConnections } from './access'
import { DeletedConnections } from './collections/DeletedConnections'
import { ConnectionEvents, connectionFields, ConnectionViews } from './fields'
import { attachInvitations } from './invitations'
import { actOnConnection } from './actions'
import { CONNECTIONS_QUEUE, expireConnectionsTask } from './expire'
import { matchConnectionRequestTask } from './share'

export { actOnConnection, partyOf, type ActionResult } from './actions'
export { expireDueConnections } from './expire'
export { CONNECTION_EVENT_LABELS, PARTY_LABELS } from './fields'
export { learnerNamesForThirdParty } from './record'
export { accessDateFrom, matchConnectionRequest, requestConnection, shareWithThirdParty, type FieldErrors } from './share'
export { recordThirdPartyView, sharedViewLine } from './views'

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

const readAlso = (collection: CollectionConfig, rule: NonNullable<CollectionConfig['access']>['read']): CollectionConfig => ({
  ...collection,
  access: { ...collection.access, read: collection.access?.read ? anyOf(collection.access.read, rule!) : rule },
})

/** What the state machine owns: changed by the connections' system tasks only, never through the API. */
const STATE_FIELDS = new Set(['learner', 'thirdParty', 'status', 'initiatedBy', 'accessUntil', 'documents', 'extension', 'learnerEmail'])
const nobody = () => false

function lockStateFields(fields: Field[]): Field[] {
  return fields.map((field) => {
    if (field.type === 'row' && 'fields' in field) return { ...field, fields: lockStateFields(field.fields) }
    if (!('name' in field) || !STATE_FIELDS.has(field.name) || field.type === 'ui') return field
    const createdWith = field.name === 'status' ? { create: nobody } : {}
    const { access, admin } = field as { access?: object; admin?: object }
    return { ...field, access: { ...access, ...createdWith, update: nobody }, admin: { ...admin, readOnly: true } } as Field
  })
}

/** A connection's history and view receipts go with it (the audit log keeps its events); a document's receipts with the document. */
const removeSideRecords =
  (field: 'connection' | 'document'): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    for (const collection of field === 'connection' ? (['connection-events', 'connection-views'] as const) : (['connection-views'] as const))
      await req.payload.delete({ collection, where: { [field]: { equals: id } }, overrideAccess: true, req })
  }

const withBeforeDelete = (collection: CollectionConfig, hook: CollectionBeforeDeleteHook): CollectionConfig => ({
  ...collection,
  hooks: { ...collection.hooks, beforeDelete: [...(collection.hooks?.beforeDelete ?? []), hook] },
})

/** A third party's address confirmed: the connections made out to it, waiting, are its now (in the same transaction). */
const attachOnVerification: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation === 'update' && doc.kind === 'third-party' && doc._verified === true && previousDoc?._verified !== true) await attachInvitations(req, doc)
  return doc
}

/**
 * Connections (sharing): a third party reads its own connections and exactly the documents
 * shared in those that are active and within their access date. The state machine is
 * `src/lib/connections.ts`.
 */
export const connectionsPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: [...(config.collections ?? []), ConnectionEvents, ConnectionViews, DeletedConnections].map((collection) => {
      if (collection.slug === 'documents') return withBeforeDelete(readAlso(collection, documentsSharedWithThirdParty), removeSideRecords('document'))
      if (collection.slug === 'accounts') return { ...collection, hooks: { ...collection.hooks, afterChange: [...(collection.hooks?.afterChange ?? []), attachOnVerification] } }
      if (collection.slug === 'connections')
        return {
          ...withBeforeDelete(readAlso(collection, thirdPartysOwnConnections), removeSideRecords('connection')),
          fields: lockStateFields([...collection.fields, ...connectionFields]),
          endpoints: [...(collection.endpoints || []), cancelEndpoint],
        }
      return collection
    }),
    jobs: {
      ...config.jobs,
      tasks: [...(config.jobs?.tasks ?? []), expireConnectionsTask as never, matchConnectionRequestTask as never],
      autoRun: [...((config.jobs?.autoRun as never[]) ?? []), { cron: '* * * * * *', queue: CONNECTIONS_QUEUE, limit: 10, silent: { info: true } }],
    },
  })
