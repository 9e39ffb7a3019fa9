import type { CollectionBeforeOperationHook, Plugin } from 'payload'

import { recordId } from '../lib/ids'

/** An id no row has (serial ids start at 1) and the integer column can hold. */
const NO_ROW = -1

/**
 * An id written as a whole number the database's integer column cannot hold (`99999999999`)
 * names no row: it is asked for as an id no row has, so every caller, the portal's pages and
 * forms included, gets the operation's own "not found" (null with `disableErrors`) instead of
 * PostgreSQL's "out of range" error. Ids that are not numbers at all stay the caller's mistake.
 */
const unknownOutOfRangeId: CollectionBeforeOperationHook = ({ args }) => {
  const id = (args as { id?: unknown }).id
  if (((typeof id === 'number' && Number.isInteger(id)) || (typeof id === 'string' && /^\d+$/.test(id))) && recordId(id) === null) return { ...args, id: NO_ROW }
  return args
}

/** Applied after every plugin, so collections that plugins add are covered too. */
export const unknownIdsAreUnknown: Plugin = (config) => ({
  ...config,
  collections: (config.collections ?? []).map((collection) => ({
    ...collection,
    hooks: { ...collection.hooks, beforeOperation: [unknownOutOfRangeId, ...(collection.hooks?.beforeOperation ?? [])] },
  })),
})
