import type { CollectionConfig } from 'payload'

import { administrators, anyOf, learners, supportStaff } from '../../../access/rules'
import { auditTrail } from '../../../collections/AuditLog/auditTrail'
import { ADMIN_GROUPS, penceField } from '../../../collections/fields'
import { isCountryCode } from '../../../lib/countries'

/** How printed documents are posted; offered by the delivery country's region. Support staff keep the list. */
export const DeliveryOptions: CollectionConfig = {
  slug: 'delivery-options',
  labels: { singular: 'Delivery option', plural: 'Delivery options' },
  admin: {
    group: ADMIN_GROUPS.store,
    useAsTitle: 'name',
    defaultColumns: ['name', 'region', 'pricePence', 'estimatedDelivery', 'active'],
  },
  access: {
    create: supportStaff,
    read: anyOf(supportStaff, learners),
    update: supportStaff,
    delete: administrators,
  },
  defaultSort: 'sortOrder',
  hooks: auditTrail('delivery-options'),
  timestamps: true,
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      type: 'row',
      fields: [
        {
          name: 'region',
          type: 'select',
          required: true,
          index: true,
          options: [
            { label: 'United Kingdom', value: 'uk' },
            { label: 'International (outside the UK)', value: 'international' },
          ],
          admin: { description: 'Offered when the delivery address is in this region.' },
        },
        penceField('pricePence', 'Price (pence)'),
      ],
    },
    { name: 'estimatedDelivery', label: 'Estimated delivery', type: 'text', maxLength: 120, admin: { description: 'For example “5–7 working days”.' } },
    { name: 'note', type: 'textarea', maxLength: 500, admin: { description: 'Shown to the learner, for example “Taxes may be due on delivery”.' } },
    {
      type: 'row',
      fields: [
        { name: 'sortOrder', label: 'Order in list', type: 'number', defaultValue: 0, admin: { step: 1 } },
        { name: 'active', type: 'checkbox', defaultValue: true },
      ],
    },
    {
      name: 'countries',
      type: 'text',
      hasMany: true,
      validate: (value: unknown) =>
        !Array.isArray(value) || value.every((code) => isCountryCode(String(code).toUpperCase())) || 'Give countries as two-letter codes, for example GB or FR.',
      admin: { description: 'Two-letter codes. Leave empty to serve every country in the region.' },
    },
    {
      name: 'trackingUrl',
      label: 'Tracking page',
      type: 'text',
      maxLength: 300,
      validate: (value: unknown) => !value || /^https:\/\/[^\s]+\{tracking\}/.test(String(value)) || 'Give an https address with {tracking} where the tracking number goes.',
      admin: { description: 'For example https://www.royalmail.com/track-your-item#/tracking-results/{tracking}' },
    },
  ],
}
