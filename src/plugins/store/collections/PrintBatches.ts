import type { CollectionConfig, Where } from 'payload'

import { nobody, supportStaff } from '../../../access/rules'
import { lockFields } from '../../../access/system'
import { auditTrail } from '../../../collections/AuditLog/auditTrail'
import { ADMIN_GROUPS } from '../../../collections/fields'
import { batchEndpoints, checkNewBatch, claimBatchOrders } from '../batches'

export const PRINT_BATCH_STATUSES = [
  { value: 'open', label: 'Open: to print' },
  { value: 'printed', label: 'Printed' },
  { value: 'dispatched', label: 'Dispatched' },
] as const

/**
 * Paid orders printed together: a CSV for the printer, a PDF of labels, then printed and
 * dispatched. Support staff make a batch by choosing its orders; after that it changes
 * through its own actions only (POST /api/print-batches/:id/printed, /dispatch).
 */
export const PrintBatches: CollectionConfig = {
  slug: 'print-batches',
  labels: { singular: 'Print batch', plural: 'Print batches' },
  admin: { group: ADMIN_GROUPS.store, useAsTitle: 'batchNumber', defaultColumns: ['batchNumber', 'status', 'printedAt', 'dispatchedAt', 'createdAt'] },
  access: { create: supportStaff, read: supportStaff, update: supportStaff, delete: nobody },
  defaultSort: '-createdAt',
  timestamps: true,
  endpoints: batchEndpoints,
  hooks: {
    beforeChange: [checkNewBatch],
    // Audited first: claiming the orders marks the request's context to skip their own audit entries.
    afterChange: [...auditTrail('print-batches').afterChange, claimBatchOrders],
  },
  fields: lockFields(
    [
      { name: 'batchPanel', type: 'ui', admin: { components: { Field: '/plugins/store/admin/BatchActions#BatchActions' } } },
      { name: 'batchNumber', label: 'Batch number', type: 'text', unique: true, index: true, admin: { description: 'Given when the batch is saved.' } },
      { name: 'status', type: 'select', required: true, defaultValue: 'open', options: [...PRINT_BATCH_STATUSES] },
      {
        name: 'orders',
        type: 'relationship',
        relationTo: 'orders',
        hasMany: true,
        required: true,
        minRows: 1,
        // Paid orders in no batch, and (when the batch is saved again) its own orders, now further along.
        filterOptions: ({ id }): Where => ({ or: [{ and: [{ status: { equals: 'paid' } }, { printBatch: { exists: false } }] }, ...(id ? [{ printBatch: { equals: id } }] : [])] }),
        admin: { description: 'Paid orders not yet in a batch.' },
        // Chosen when the batch is made, never changed.
        access: { update: () => false },
      },
      {
        type: 'row',
        fields: [
          { name: 'printedAt', label: 'Printed', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
          { name: 'dispatchedAt', label: 'Dispatched', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        ],
      },
    ],
    new Set(['batchNumber', 'status', 'printedAt', 'dispatchedAt']),
  ),
}
