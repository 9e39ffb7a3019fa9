import type { CollectionConfig, DateField, Plugin } from 'payload'

const setBySystemOnly = { create: () => false, update: () => false }

/**
 * Payload's own `createdAt` and `updatedAt` fields (same columns, same admin settings), except
 * that nobody writes them through the API, staff included: a value sent is dropped. System
 * tasks that mean to set them (overriding access, an import keeping original dates) still can.
 */
const timestamp = (name: 'createdAt' | 'updatedAt'): DateField => ({
  name,
  type: 'date',
  index: true,
  access: setBySystemOnly,
  admin: { disableBulkEdit: true, hidden: true },
  label: ({ t }) => t(`general:${name}`),
})

const withTimestampsSetBySystem = (collection: CollectionConfig): CollectionConfig =>
  collection.timestamps === false ? collection : { ...collection, fields: [...collection.fields, timestamp('updatedAt'), timestamp('createdAt')] }

/** Applied after every plugin, so the fields come last (where Payload puts its own) on every collection. */
export const timestampsSetBySystem: Plugin = (config) => ({ ...config, collections: (config.collections ?? []).map(withTimestampsSetBySystem) })
