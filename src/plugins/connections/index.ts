import type { CollectionConfig, Config, Plugin } from 'payload'

import { anyOf } from '../../access/rules'
import { documentsSharedWithThirdParty, thirdPartysOwnConnections } from './access'

const readAlso = (collection: CollectionConfig, rule: NonNullable<CollectionConfig['access']>['read']): CollectionConfig => ({
  ...collection,
  access: { ...collection.access, read: collection.access?.read ? anyOf(collection.access.read, rule!) : rule },
})

/**
 * Connections (sharing): a third party reads its own connections and exactly the documents
 * shared in those that are active and within their access date. The state machine is
 * `src/lib/connections.ts`.
 */
export const connectionsPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) => {
      if (collection.slug === 'documents') return readAlso(collection, documentsSharedWithThirdParty)
      if (collection.slug === 'connections') return readAlso(collection, thirdPartysOwnConnections)
      return collection
    }),
  })
