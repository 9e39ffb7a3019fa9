import type { CollectionAfterChangeHook, CollectionBeforeDeleteHook, Config, Plugin } from 'payload'

import { AS_SYSTEM } from '../../access/system'
import { widenRead } from '../../access/widen'
import { documentsSharedWithThirdParty } from './access'
import { ConnectionEvents } from './collections/ConnectionEvents'
import { Connections } from './collections/Connections'
import { ConnectionViews } from './collections/ConnectionViews'
import { DeletedConnections } from './collections/DeletedConnections'
import { attachInvitations } from './invitations'
import { CONNECTIONS_QUEUE, expireConnectionsTask } from './expire'
import { matchConnectionRequestTask } from './share'

export { actOnConnection, partyOf, type ActionResult } from './actions'
export { expireDueConnections } from './expire'
export { CONNECTION_EVENT_LABELS, PARTY_LABELS } from './collections/ConnectionEvents'
export { CONNECTION_STATUSES } from './collections/Connections'
export { learnerNamesForThirdParty } from './record'
export { accessDateFrom, matchConnectionRequest, requestConnection, shareWithThirdParty, type FieldErrors } from './share'
export { recordThirdPartyView, sharedViewLine } from './views'

/** A document's view receipts go with the document. */
const removeViewReceipts: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({ collection: 'connection-views', where: { document: { equals: id } }, ...AS_SYSTEM, req })
}

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
    collections: [
      ...(config.collections?.some((collection) => collection.slug === 'account-photos') ? [] : [Connections]),
      ...(config.collections ?? []).flatMap((collection) => {
        if (collection.slug === 'documents') {
          const widened = widenRead(collection, 'documentsSharedWithThirdParty', documentsSharedWithThirdParty)
          return [{ ...widened, hooks: { ...widened.hooks, beforeDelete: [...(widened.hooks?.beforeDelete ?? []), removeViewReceipts] } }]
        }
        if (collection.slug === 'accounts') return [{ ...collection, hooks: { ...collection.hooks, afterChange: [...(collection.hooks?.afterChange ?? []), attachOnVerification] } }]
        // In the admin's navigation, beside the accounts it connects.
        if (collection.slug === 'account-photos') return [collection, Connections]
        return [collection]
      }),
      ConnectionEvents,
      ConnectionViews,
      DeletedConnections,
    ],
    jobs: {
      ...config.jobs,
      tasks: [...(config.jobs?.tasks ?? []), expireConnectionsTask as never, matchConnectionRequestTask as never],
      autoRun: [...((config.jobs?.autoRun as never[]) ?? []), { cron: '* * * * * *', queue: CONNECTIONS_QUEUE, limit: 10, silent: { info: true } }],
    },
  })
