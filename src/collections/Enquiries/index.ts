import type { CollectionConfig } from 'payload'

import { administrators, anyOf, ownedByActiveAccount, supportStaff } from '../../access/rules'
import { auditTrail } from '../AuditLog/auditTrail'
import { ADMIN_GROUPS } from '../fields'

/** "Report a problem" on a document, and the conversation that follows. */
export const Enquiries: CollectionConfig = {
  slug: 'enquiries',
  admin: {
    group: ADMIN_GROUPS.support,
    useAsTitle: 'subject',
    defaultColumns: ['subject', 'reporter', 'document', 'status', 'updatedAt'],
    description: 'The support inbox: problems reported on documents. Open one to reply; the reporter is emailed each reply and status change.',
    listSearchableFields: ['subject'],
  },
  access: {
    create: supportStaff,
    read: anyOf(supportStaff, ownedByActiveAccount('reporter')),
    update: supportStaff,
    delete: administrators,
  },
  defaultSort: '-updatedAt',
  fields: [
    { name: 'subject', type: 'text', required: true, maxLength: 200 },
    {
      type: 'row',
      fields: [
        { name: 'reporter', type: 'relationship', relationTo: 'accounts', required: true, index: true },
        { name: 'document', type: 'relationship', relationTo: 'documents', index: true },
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'open',
          index: true,
          options: [
            { label: 'Open', value: 'open' },
            { label: 'In progress', value: 'in-progress' },
            { label: 'Resolved', value: 'resolved' },
          ],
        },
      ],
    },
    {
      name: 'messages',
      type: 'array',
      minRows: 1,
      required: true,
      fields: [
        {
          name: 'from',
          type: 'select',
          required: true,
          options: [
            { label: 'Reporter', value: 'reporter' },
            { label: 'Support', value: 'support' },
          ],
        },
        { name: 'author', type: 'text', maxLength: 100, admin: { description: 'Who in the support team wrote it.' } },
        { name: 'body', type: 'textarea', required: true, maxLength: 5000 },
        { name: 'sentAt', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
  ],
  hooks: auditTrail('enquiries'),
  timestamps: true,
}
export default Enquiries
