import type { CollectionConfig } from 'payload'

import { administrators, anyOf, ownedByLearner, supportStaff } from '../../access/rules'
import { checkOptionalEmail } from '../../lib/formats'
import { auditTrail } from '../AuditLog/auditTrail'
import { ADMIN_GROUPS } from '../fields'

export const CONNECTION_STATUSES = [
  { label: 'Pending', value: 'pending' },
  { label: 'Active', value: 'active' },
  { label: 'Declined', value: 'declined' },
  { label: 'Cancelled', value: 'cancelled' },
  { label: 'Expired', value: 'expired' },
] as const

/** A learner sharing chosen documents with a third party until an access date (`src/plugins/connections`). */
export const Connections: CollectionConfig = {
  slug: 'connections',
  admin: {
    group: ADMIN_GROUPS.people,
    useAsTitle: 'thirdPartyEmail',
    defaultColumns: ['learner', 'thirdPartyName', 'thirdPartyEmail', 'status', 'initiatedBy', 'accessUntil'],
    listSearchableFields: ['thirdPartyName', 'thirdPartyEmail'],
  },
  access: {
    create: supportStaff,
    read: anyOf(supportStaff, ownedByLearner('learner')),
    update: supportStaff,
    delete: administrators,
  },
  fields: [
    {
      type: 'row',
      fields: [
        // Empty only on a third party's request to an address that is no learner's: it grants nothing and waits for its date.
        { name: 'learner', type: 'relationship', relationTo: 'accounts', index: true },
        { name: 'thirdParty', label: 'Third-party account', type: 'relationship', relationTo: 'accounts', index: true },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'thirdPartyName', label: 'Third party name', type: 'text', required: true, maxLength: 200 },
        {
          name: 'thirdPartyEmail',
          label: 'Third party email',
          type: 'email',
          required: true,
          index: true,
          validate: (value: unknown) => checkOptionalEmail(value),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'status', type: 'select', required: true, defaultValue: 'pending', options: [...CONNECTION_STATUSES], index: true },
        {
          name: 'initiatedBy',
          label: 'Initiated by',
          type: 'select',
          required: true,
          options: [
            { label: 'Learner', value: 'learner' },
            { label: 'Third party', value: 'third-party' },
          ],
        },
        { name: 'accessUntil', label: 'Access until', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    { name: 'documents', label: 'Documents shared', type: 'relationship', relationTo: 'documents', hasMany: true },
  ],
  // The expiry job's scan (status in pending, active and access date passed) and the dashboard's counts.
  indexes: [{ fields: ['status', 'accessUntil'] }],
  hooks: auditTrail('connections'),
  timestamps: true,
}
export default Connections
