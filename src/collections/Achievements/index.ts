import type { CollectionBeforeValidateHook, CollectionConfig } from 'payload'

import { administrators, anyOf, ownCandidateRecords, supportStaff } from '../../access/rules'
import { newReference } from '../../lib/codes'
import { auditTrail } from '../AuditLog/auditTrail'
import { ADMIN_GROUPS, dateOnlyField, referenceField } from '../fields'
import { keepDocumentsWithCandidate } from './hooks/keepDocumentsWithCandidate'

const giveReference: CollectionBeforeValidateHook = ({ data, operation }) =>
  operation === 'create' && data && !data.reference ? { ...data, reference: newReference() } : data

const audit = auditTrail('achievements')

/** One candidate's award of one qualification. */
export const Achievements: CollectionConfig = {
  slug: 'achievements',
  admin: {
    group: ADMIN_GROUPS.records,
    useAsTitle: 'reference',
    defaultColumns: ['reference', 'candidate', 'qualification', 'grade', 'issueDate', 'centre'],
    listSearchableFields: ['reference', 'centre', 'grade'],
  },
  defaultSort: '-issueDate',
  access: {
    create: supportStaff,
    read: anyOf(supportStaff, ownCandidateRecords('candidate')),
    update: supportStaff,
    delete: administrators,
  },
  fields: [
    referenceField(),
    {
      type: 'row',
      fields: [
        { name: 'candidate', type: 'relationship', relationTo: 'candidates', required: true, index: true },
        { name: 'qualification', type: 'relationship', relationTo: 'qualifications', required: true, index: true },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'grade', type: 'text', required: true, maxLength: 60 },
        dateOnlyField('issueDate', 'Issue date', { required: true, index: true }),
        dateOnlyField('expiryDate', 'Expiry date', {
          validate: (value: unknown, { siblingData }: { siblingData: { issueDate?: string } }) =>
            !value || !siblingData.issueDate || new Date(value as string) > new Date(siblingData.issueDate)
              ? true
              : 'The expiry date must be after the issue date.',
        } as never),
      ],
    },
    { name: 'centre', type: 'text', maxLength: 200 },
    {
      name: 'documents',
      type: 'join',
      collection: 'documents',
      on: 'achievement',
      defaultLimit: 20,
      admin: { defaultColumns: ['reference', 'type', 'status'] },
    },
  ],
  hooks: {
    ...audit,
    beforeValidate: [giveReference],
    afterChange: [...audit.afterChange, keepDocumentsWithCandidate],
  },
  timestamps: true,
}
export default Achievements
