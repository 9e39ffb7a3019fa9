import type { CollectionConfig } from 'payload'

import { nobody, supportStaff } from '../../access/rules'
import { ADMIN_GROUPS } from '../fields'

/** Who did what to registrations, records, documents, connections and orders. Append-only. */
export const AuditLog: CollectionConfig = {
  slug: 'audit-log',
  labels: { singular: 'Audit entry', plural: 'Audit log' },
  admin: {
    group: ADMIN_GROUPS.system,
    useAsTitle: 'action',
    defaultColumns: ['createdAt', 'actorLabel', 'action', 'entity', 'entityId', 'summary'],
    listSearchableFields: ['actorLabel', 'action', 'entityId', 'summary'],
  },
  access: { create: nobody, read: supportStaff, update: nobody, delete: nobody },
  defaultSort: '-createdAt',
  fields: [
    { name: 'action', type: 'text', required: true, index: true },
    { name: 'entity', type: 'text', required: true, index: true },
    { name: 'entityId', label: 'Record id', type: 'text', required: true, index: true },
    { name: 'actor', type: 'relationship', relationTo: ['staff', 'accounts'] },
    { name: 'actorLabel', label: 'Actor', type: 'text', admin: { description: 'Kept even if the account is later deleted.' } },
    { name: 'summary', type: 'textarea' },
  ],
  timestamps: true,
}
export default AuditLog
