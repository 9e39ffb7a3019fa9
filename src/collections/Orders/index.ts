import type { CollectionConfig } from 'payload'

import { administrators, anyOf, ownedByLearner, supportStaff } from '../../access/rules'
import { auditTrail } from '../AuditLog/auditTrail'
import { addressGroup, ADMIN_GROUPS, penceField } from '../fields'

export const ORDER_STATUSES = [
  { label: 'Awaiting payment', value: 'awaiting-payment' },
  { label: 'Paid', value: 'paid' },
  { label: 'On hold', value: 'on-hold' },
  { label: 'Printed', value: 'printed' },
  { label: 'Dispatched', value: 'dispatched' },
  { label: 'Cancelled', value: 'cancelled' },
  { label: 'Refunded', value: 'refunded' },
  { label: 'Partly refunded', value: 'partly-refunded' },
] as const

export const ORDER_REASONS = [
  { label: 'Lost', value: 'lost' },
  { label: 'Damaged', value: 'damaged' },
  { label: 'Name change', value: 'name-change' },
  { label: 'Other', value: 'other' },
] as const

/** A learner's order of printed documents. Money in pence. */
export const Orders: CollectionConfig = {
  slug: 'orders',
  admin: {
    group: ADMIN_GROUPS.store,
    useAsTitle: 'orderNumber',
    defaultColumns: ['orderNumber', 'account', 'status', 'totalPence', 'paidAt', 'createdAt'],
    listSearchableFields: ['orderNumber', 'paymentReference', 'trackingNumber'],
  },
  access: {
    create: supportStaff,
    read: anyOf(supportStaff, ownedByLearner('account')),
    update: supportStaff,
    delete: administrators,
  },
  defaultSort: '-createdAt',
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'orderNumber', label: 'Order number', type: 'text', required: true, unique: true, index: true },
        {
          name: 'account',
          type: 'relationship',
          relationTo: 'accounts',
          index: true,
          // Required for a new order; empty once the learner has deleted their account (the order is kept).
          validate: (value: unknown, { operation }: { operation?: string }) => (operation === 'create' && !value ? 'Choose the account the order is for.' : true),
          admin: { description: 'Empty when the learner has deleted their account: the order is kept for our records.' },
        },
        { name: 'status', type: 'select', required: true, defaultValue: 'awaiting-payment', options: [...ORDER_STATUSES], index: true },
      ],
    },
    {
      name: 'items',
      type: 'array',
      required: true,
      minRows: 1,
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'product', type: 'relationship', relationTo: 'products', required: true },
            { name: 'achievement', type: 'relationship', relationTo: 'achievements', required: true },
            { name: 'reason', type: 'select', required: true, options: [...ORDER_REASONS] },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'description', type: 'text', required: true },
            penceField('unitPricePence', 'Price (pence)'),
            penceField('vatPence', 'VAT (pence)'),
          ],
        },
      ],
    },
    addressGroup('billingAddress', 'Billing address'),
    addressGroup('deliveryAddress', 'Delivery address'),
    { name: 'deliveryOption', label: 'Delivery option', type: 'relationship', relationTo: 'delivery-options' },
    {
      type: 'row',
      fields: [
        penceField('subtotalPence', 'Sub total (pence)'),
        penceField('deliveryPence', 'Delivery (pence)'),
        penceField('vatPence', 'VAT (pence)'),
        penceField('totalPence', 'Total (pence)'),
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'paymentReference', label: 'Payment reference', type: 'text', index: true },
        { name: 'paidAt', label: 'Paid', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      name: 'accountDeletedAt',
      label: 'Account deleted',
      type: 'date',
      admin: {
        readOnly: true,
        date: { pickerAppearance: 'dayAndTime' },
        description: 'When the learner deleted their account. What the order needs for our records was kept; the rest was removed.',
        condition: (data) => Boolean(data?.accountDeletedAt),
      },
      access: { create: () => false, update: () => false },
    },
    {
      type: 'row',
      fields: [
        { name: 'trackingNumber', label: 'Tracking number', type: 'text', maxLength: 60 },
        { name: 'dispatchedAt', label: 'Dispatched', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
  ],
  hooks: auditTrail('orders'),
  timestamps: true,
}
export default Orders
