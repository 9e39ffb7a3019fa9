import type { CollectionConfig } from 'payload'

import { administrators, anyOf, learners, supportStaff } from '../../access/rules'
import { checkQualificationNumber } from '../../lib/formats'
import { auditTrail } from '../AuditLog/auditTrail'
import { ADMIN_GROUPS } from '../fields'

export const QUALIFICATION_LEVELS = ['Entry', '1', '2', '3', '4', '5', '6', '7', '8'] as const
export const QUALIFICATION_TYPES = [
  { label: 'Regulated qualification', value: 'regulated' },
  { label: 'Quality-assured programme', value: 'quality-assured' },
  { label: 'Accreditation', value: 'accreditation' },
  { label: 'Membership', value: 'membership' },
] as const

export const Qualifications: CollectionConfig = {
  slug: 'qualifications',
  admin: {
    group: ADMIN_GROUPS.records,
    useAsTitle: 'title',
    defaultColumns: ['qualificationNumber', 'title', 'level', 'type'],
    listSearchableFields: ['qualificationNumber', 'title'],
  },
  access: {
    create: supportStaff,
    read: anyOf(supportStaff, learners),
    update: supportStaff,
    delete: administrators,
  },
  fields: [
    {
      name: 'qualificationNumber',
      label: 'Qualification number',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      validate: ((value: unknown, { siblingData }: { siblingData: { type?: string } }) =>
        checkQualificationNumber(value, siblingData.type)) as never,
      admin: { description: 'The regulated number, for example 603/4182/8; other kinds use the body’s own code.' },
    },
    { name: 'title', type: 'text', required: true, maxLength: 250 },
    {
      type: 'row',
      fields: [
        { name: 'level', type: 'select', required: true, options: QUALIFICATION_LEVELS.map((l) => ({ label: l === 'Entry' ? 'Entry level' : `Level ${l}`, value: l })) },
        { name: 'type', type: 'select', required: true, defaultValue: 'regulated', options: [...QUALIFICATION_TYPES] },
      ],
    },
  ],
  hooks: auditTrail('qualifications'),
  timestamps: true,
}
export default Qualifications
