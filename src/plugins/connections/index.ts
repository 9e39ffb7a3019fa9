import type { CollectionAfterChangeHook, CollectionConfig, Config, Field, Plugin } from 'payload'

import { anyOf } from '../../access/rules'
import { documentsSharedWithThirdParty, thirdPartysOwnConnections } from './access'
import { attachInvitations } from './invitations'

const readAlso = (collection: CollectionConfig, rule: NonNullable<CollectionConfig['access']>['read']): CollectionConfig => ({
  ...collection,
  access: { ...collection.access, read: collection.access?.read ? anyOf(collection.access.read, rule!) : rule },
})

/** What the state machine owns: changed by the connections' system tasks only, never through the API. */
const STATE_FIELDS = new Set(['learner', 'thirdParty', 'status', 'initiatedBy', 'expiresAt', 'documents'])
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
    collections: (config.collections ?? []).map((collection) => {
      if (collection.slug === 'documents') return readAlso(collection, documentsSharedWithThirdParty)
      if (collection.slug === 'accounts') return { ...collection, hooks: { ...collection.hooks, afterChange: [...(collection.hooks?.afterChange ?? []), attachOnVerification] } }
      if (collection.slug === 'connections') return { ...readAlso(collection, thirdPartysOwnConnections), fields: lockStateFields(collection.fields) }
      return collection
    }),
  })
