import type { CollectionConfig } from 'payload'

import { nobody } from '../../../access/rules'
import { ADMIN_GROUPS } from '../../../collections/fields'
import { ofOwnConnection } from './ConnectionEvents'

/** When the third party last opened each shared document, and how often: the learner's view receipts, counted by `views.ts` only. */
export const ConnectionViews: CollectionConfig = {
  slug: 'connection-views',
  labels: { singular: 'View receipt', plural: 'View receipts' },
  admin: { group: ADMIN_GROUPS.people, hidden: true, defaultColumns: ['document', 'views', 'lastViewedAt'] },
  access: { create: nobody, read: ofOwnConnection, update: nobody, delete: nobody },
  timestamps: true,
  indexes: [{ fields: ['connection', 'document'], unique: true }],
  fields: [
    { name: 'connection', type: 'relationship', relationTo: 'connections', required: true },
    { name: 'document', type: 'relationship', relationTo: 'documents', required: true },
    { name: 'views', type: 'number', required: true, min: 0 },
    { name: 'lastViewedAt', label: 'Last viewed', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
