import type { Access, CollectionConfig } from 'payload'

import { anyOf } from './rules'

/**
 * What a collection's file says a plugin adds to its read rule, by the added rule's name, so a
 * reader of that file sees the whole rule: `custom: { readWidenedBy: ['documentsSharedWithThirdParty'] }`.
 */
export type ReadWidenedBy = { readWidenedBy?: readonly string[] }

/**
 * A plugin widening `collection`'s read rule with `rule`, named `name`: the collection's own
 * file must name it (`custom.readWidenedBy`), or the configuration fails to load.
 */
export function widenRead(collection: CollectionConfig, name: string, rule: Access): CollectionConfig {
  const named = (collection.custom as ReadWidenedBy | undefined)?.readWidenedBy ?? []
  if (!named.includes(name)) throw new Error(`The ${collection.slug} collection does not name ${name} among the rules widening its read access (custom.readWidenedBy).`)
  const read = collection.access?.read
  return { ...collection, access: { ...collection.access, read: read ? anyOf(read, rule) : rule } }
}
