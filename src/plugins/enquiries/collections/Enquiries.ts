import type { CollectionConfig } from 'payload'

import { activePortalAccounts, administrators, anyOf, ownedByActiveAccount, supportStaff } from '../../../access/rules'
import { lockFields } from '../../../access/system'
import { auditTrail } from '../../../collections/AuditLog/auditTrail'
import { ADMIN_GROUPS } from '../../../collections/fields'
import { shapeReport, stampSupportReplies, tellReporter } from '../hooks'
import { replyEndpoint } from '../reply'

const audit = auditTrail('enquiries')

/**
 * "Report a problem" on a document, and the conversation that follows. An approved portal
 * account reports on a document it can read (checked and shaped by `shapeReport`: the report is
 * its own, open, and starts with its message); support staff reply (`replyEndpoint`, or a new
 * message in the admin) and change the status. Who reported and on which document are fixed
 * when the report is made: nobody, support included, moves a conversation to another account.
 */
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
    create: activePortalAccounts,
    read: anyOf(supportStaff, ownedByActiveAccount('reporter')),
    update: supportStaff,
    delete: administrators,
  },
  defaultSort: '-updatedAt',
  endpoints: [replyEndpoint],
  hooks: {
    beforeChange: [shapeReport, stampSupportReplies],
    afterChange: [...audit.afterChange, tellReporter],
    afterDelete: audit.afterDelete,
  },
  timestamps: true,
  fields: lockFields(
    [
      { name: 'subject', type: 'text', required: true, maxLength: 200 },
      {
        type: 'row',
        fields: [
          { name: 'reporter', type: 'relationship', relationTo: 'accounts', required: true, index: true },
          // Named by the reporter when the report is made (`shapeReport` checks they can read it); never changed after.
          { name: 'document', type: 'relationship', relationTo: 'documents', index: true, access: { update: () => false }, admin: { readOnly: true } },
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
        // Shown as a conversation by the reply panel below, and never edited.
        admin: { disabled: true },
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
      { name: 'replyPanel', type: 'ui', admin: { components: { Field: '/plugins/enquiries/admin/ReplyPanel#ReplyPanel' } } },
    ],
    // The reporter is always the account making the report (`shapeReport`), never a value sent.
    new Set(['reporter']),
  ),
}
