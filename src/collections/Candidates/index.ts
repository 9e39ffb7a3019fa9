import type { CollectionConfig, FieldHook } from 'payload'

import { administrators, anyOf, ownCandidateRecords, supportStaff } from '../../access/rules'
import { checkCandidateNumber, normaliseCandidateNumber } from '../../lib/candidateNumber'
import { checkOptionalEmail } from '../../lib/formats'
import { auditTrail } from '../AuditLog/auditTrail'
import { ADMIN_GROUPS, dateOnlyField } from '../fields'

const deriveNormalisedNumber: FieldHook = ({ siblingData }) =>
  typeof siblingData?.candidateNumber === 'string' ? normaliseCandidateNumber(siblingData.candidateNumber) : undefined

/** A person the awarding body has awarded something to. Not a login. */
export const Candidates: CollectionConfig = {
  slug: 'candidates',
  admin: {
    group: ADMIN_GROUPS.records,
    useAsTitle: 'candidateNumber',
    defaultColumns: ['candidateNumber', 'firstName', 'surname', 'dateOfBirth', 'centre', 'email'],
    listSearchableFields: ['candidateNumber', 'candidateNumberNormalised', 'firstName', 'surname', 'email'],
  },
  defaultSort: 'surname',
  access: {
    create: supportStaff,
    read: anyOf(supportStaff, ownCandidateRecords('id')),
    update: supportStaff,
    delete: administrators,
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'candidateNumber',
          label: 'Candidate or membership number',
          type: 'text',
          required: true,
          validate: (value: unknown) => checkCandidateNumber(value),
        },
        {
          name: 'candidateNumberNormalised',
          label: 'Number as compared',
          type: 'text',
          unique: true,
          index: true,
          admin: { readOnly: true, description: 'Without leading zeros, spaces or case: two candidates cannot share it.' },
          hooks: { beforeValidate: [deriveNormalisedNumber] },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'firstName', label: 'First name', type: 'text', required: true, maxLength: 100 },
        { name: 'middleNames', label: 'Middle names', type: 'text', maxLength: 200 },
        { name: 'surname', type: 'text', required: true, maxLength: 100, index: true },
      ],
    },
    {
      type: 'row',
      fields: [
        dateOnlyField('dateOfBirth', 'Date of birth', { required: true, index: true }),
        { name: 'email', label: 'Email on file', type: 'email', validate: (value: unknown) => checkOptionalEmail(value) },
        { name: 'centre', type: 'text', maxLength: 200, index: true },
      ],
    },
  ],
  hooks: auditTrail('candidates'),
  timestamps: true,
}
export default Candidates
