import type { CollectionConfig } from 'payload'

import { administrators, anyOf, learners, supportStaff } from '../../../access/rules'
import { auditTrail } from '../../../collections/AuditLog/auditTrail'
import { ADMIN_GROUPS, penceField } from '../../../collections/fields'
import { QUALIFICATION_TYPES } from '../../../collections/Qualifications'
import { checkPercentage } from '../../../lib/formats'

/** What a learner can order for one of their achievements: duplicates, letters and others. Support staff keep the list. */
export const Products: CollectionConfig = {
  slug: 'products',
  admin: {
    group: ADMIN_GROUPS.store,
    useAsTitle: 'name',
    defaultColumns: ['name', 'documentType', 'pricePence', 'vatRatePercent', 'active'],
    listSearchableFields: ['name', 'code'],
  },
  access: {
    create: supportStaff,
    read: anyOf(supportStaff, learners),
    update: supportStaff,
    delete: administrators,
  },
  hooks: auditTrail('products'),
  timestamps: true,
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    { name: 'code', type: 'text', required: true, unique: true, index: true, maxLength: 40, admin: { description: 'A short stable code, for example DUP-CERT.' } },
    { name: 'description', type: 'textarea', maxLength: 1000 },
    {
      type: 'row',
      fields: [
        penceField('pricePence', 'Price (pence)'),
        {
          name: 'vatRatePercent',
          label: 'VAT rate (%)',
          type: 'number',
          required: true,
          defaultValue: 0,
          min: 0,
          max: 100,
          validate: (value: unknown) => checkPercentage(value),
        } as never,
      ],
    },
    {
      name: 'documentType',
      label: 'Document it produces',
      type: 'select',
      options: [
        { label: 'Certificate', value: 'certificate' },
        { label: 'Transcript', value: 'transcript' },
        { label: 'Proof-of-qualification letter', value: 'proof-letter' },
        { label: 'Other', value: 'other' },
      ],
      defaultValue: 'other',
      admin: { description: 'Each product is ordered for one achievement.' },
    },
    { name: 'active', type: 'checkbox', defaultValue: true, index: true, admin: { description: 'Only active products are offered in the store.' } },
    {
      name: 'qualificationTypes',
      label: 'Applies to qualification types',
      type: 'select',
      hasMany: true,
      options: [...QUALIFICATION_TYPES],
      admin: { description: 'Leave empty to offer it for every achievement.' },
    },
  ],
}
