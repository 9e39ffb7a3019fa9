import type { CollectionConfig } from 'payload'

import { administrators, anyOf, ownCandidateRecords, staffField, supportStaff } from '../../access/rules'
import { isLearner, staffHasRole } from '../../access/users'
import type { ReadWidenedBy } from '../../access/widen'
import { auditTrail } from '../AuditLog/auditTrail'
import { ADMIN_GROUPS, dateOnlyField, referenceField, updatableOnlyBy } from '../fields'
import { fillIssueDetails } from './hooks/fillIssueDetails'

export const DOCUMENT_TYPES = [
  { label: 'Certificate', value: 'certificate' },
  { label: 'Transcript', value: 'transcript' },
  { label: 'Badge', value: 'badge' },
  { label: 'Proof-of-qualification letter', value: 'proof-letter' },
] as const

export const DOCUMENT_STATUSES = [
  { label: 'Valid', value: 'valid' },
  { label: 'Revoked', value: 'revoked' },
  { label: 'Superseded by a reissue', value: 'superseded' },
] as const

const neverChanged = { update: () => false }

/** An official document of an achievement, with its own reference and verification code. */
export const Documents: CollectionConfig = {
  slug: 'documents',
  admin: {
    group: ADMIN_GROUPS.records,
    useAsTitle: 'reference',
    defaultColumns: ['reference', 'type', 'achievement', 'status', 'issueDate'],
    listSearchableFields: ['reference'],
  },
  defaultSort: '-createdAt',
  access: {
    create: supportStaff,
    // Widened by name (see `custom.readWidenedBy`): the connections plugin's `documentsSharedWithThirdParty`
    // (src/plugins/connections/access.ts) lets a third party read the learner's own documents shared with it in an active connection.
    read: anyOf(supportStaff, ownCandidateRecords('candidate')),
    // Learners update their own documents' "show on the verification page" choice, nothing else.
    update: anyOf(supportStaff, ownCandidateRecords('candidate')),
    delete: administrators,
  },
  custom: { readWidenedBy: ['documentsSharedWithThirdParty'] } satisfies ReadWidenedBy,
  fields: updatableOnlyBy(staffField('administrator', 'support'), [
    referenceField(),
    {
      name: 'showOnVerify',
      label: 'Show the document itself on the verification page',
      type: 'checkbox',
      defaultValue: false,
      // Which rows a learner may update is the collection's rule: their own.
      access: { update: ({ req: { user } }) => isLearner(user) || staffHasRole(user, ['administrator', 'support']) },
      admin: { position: 'sidebar', description: 'The learner’s choice. Off: the verification page shows the key facts only.' },
    },
    {
      type: 'row',
      fields: [
        { name: 'type', type: 'select', required: true, options: [...DOCUMENT_TYPES], index: true },
        { name: 'status', type: 'select', required: true, defaultValue: 'valid', options: [...DOCUMENT_STATUSES], index: true },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'achievement',
          type: 'relationship',
          relationTo: 'achievements',
          required: true,
          index: true,
          access: neverChanged,
          admin: { description: 'Fixed once issued: to correct it, revoke and issue a new document.' },
        },
        {
          name: 'candidate',
          type: 'relationship',
          relationTo: 'candidates',
          index: true,
          access: neverChanged,
          admin: { readOnly: true, description: 'Taken from the achievement.' },
        },
      ],
    },
    dateOnlyField('issueDate', 'Issue date', { admin: { description: 'Left blank, the achievement’s issue date is used.' } }),
    {
      name: 'verificationCode',
      label: 'Verification code',
      type: 'text',
      unique: true,
      index: true,
      access: neverChanged,
      admin: { readOnly: true, description: 'Printed in the QR code. Made when the document is created; never changes.' },
    },
    {
      type: 'collapsible',
      label: 'Revocation and reissue',
      admin: { condition: (data) => data?.status !== 'valid' },
      fields: [
        dateOnlyField('statusChangedAt', 'Date of revocation or reissue'),
        {
          name: 'statusReason',
          label: 'Reason',
          type: 'textarea',
          maxLength: 1000,
          validate: (value: unknown, { siblingData }: { siblingData: { status?: string } }) =>
            siblingData.status === 'revoked' && !value ? 'Give the reason the document is revoked.' : true,
        } as never,
        {
          name: 'supersededBy',
          label: 'Reissued as',
          type: 'relationship',
          relationTo: 'documents',
          validate: (value: unknown, { siblingData }: { siblingData: { status?: string } }) =>
            siblingData.status === 'superseded' && !value ? 'Choose the document that replaces this one.' : true,
        } as never,
      ],
    },
    {
      name: 'units',
      label: 'Units and credits',
      type: 'array',
      admin: { condition: (data) => data?.type === 'transcript', initCollapsed: true },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'code', type: 'text', required: true, maxLength: 30 },
            { name: 'title', type: 'text', required: true, maxLength: 250 },
            { name: 'credits', type: 'number', required: true, min: 0, max: 1000, admin: { step: 1 } },
            { name: 'grade', type: 'text', maxLength: 60 },
          ],
        },
      ],
    },
   ]),
  hooks: { ...auditTrail('documents'), beforeChange: [fillIssueDetails] },
  timestamps: true,
}
export default Documents
