import type { CollectionConfig } from 'payload'

import { administrators, anyOf, nobody, ownedByLearner, supportStaff } from '../../../access/rules'
import { lockFields } from '../../../access/system'
import { auditTrail } from '../../../collections/AuditLog/auditTrail'
import { addressGroup, ADMIN_GROUPS, penceField } from '../../../collections/fields'
import { checkPence } from '../../../lib/formats'
import { orderActionEndpoint } from '../staff'

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

/** What only the store's own tasks write on an order: never through the API, staff included (they use the order's actions). */
const ORDER_STATE_FIELDS = new Set([
  'orderNumber', 'account', 'status', 'items', 'deliveryOption', 'subtotalPence', 'deliveryPence', 'vatPence', 'totalPence', 'paymentReference', 'paidAt',
  'accountDeletedAt', 'trackingNumber', 'dispatchedAt', 'paymentMode', 'stripeSessionId', 'paymentAttempts', 'lastPaymentStartedAt', 'refundedPence',
  'holdReason', 'heldFrom', 'paymentProblem', 'printBatch', 'refundPendingPence', 'paymentCheckedAt',
])

const dayAndTime = { date: { pickerAppearance: 'dayAndTime' } } as const

/**
 * A learner's order of printed documents. Money in pence. Made by checkout only (`create:
 * nobody`); its state changes through the store's tasks and support's order actions
 * (POST /api/orders/:id/act); support edit only the addresses directly.
 */
export const Orders: CollectionConfig = {
  slug: 'orders',
  admin: {
    group: ADMIN_GROUPS.store,
    useAsTitle: 'orderNumber',
    defaultColumns: ['orderNumber', 'account', 'status', 'paidAt', 'totalPence', 'printBatch', 'createdAt'],
    listSearchableFields: ['orderNumber', 'paymentReference', 'trackingNumber'],
  },
  access: {
    create: nobody,
    read: anyOf(supportStaff, ownedByLearner('account')),
    update: supportStaff,
    delete: administrators,
  },
  defaultSort: '-createdAt',
  endpoints: [orderActionEndpoint],
  hooks: auditTrail('orders'),
  timestamps: true,
  fields: lockFields(
    [
      // Support staff's panel first, above the order it acts on.
      { name: 'staffPanel', type: 'ui', admin: { components: { Field: '/plugins/store/admin/OrderActions#OrderActions' } } },
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
            fields: [{ name: 'description', type: 'text', required: true }, penceField('unitPricePence', 'Price (pence)'), penceField('vatPence', 'VAT (pence)')],
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
          { name: 'paidAt', label: 'Paid', type: 'date', admin: dayAndTime },
        ],
      },
      {
        name: 'accountDeletedAt',
        label: 'Account deleted',
        type: 'date',
        admin: {
          ...dayAndTime,
          description: 'When the learner deleted their account. What the order needs for our records was kept; the rest was removed.',
          condition: (data) => Boolean(data?.accountDeletedAt),
        },
      },
      {
        type: 'row',
        fields: [
          { name: 'trackingNumber', label: 'Tracking number', type: 'text', maxLength: 60 },
          { name: 'dispatchedAt', label: 'Dispatched', type: 'date', admin: dayAndTime },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'paymentMode', label: 'Payment by', type: 'select', options: [{ value: 'stripe', label: 'Stripe' }, { value: 'test', label: 'Test payment (no money taken)' }] },
          { name: 'stripeSessionId', label: 'Stripe Checkout Session', type: 'text', unique: true, index: true },
          { name: 'paymentAttempts', label: 'Payment pages opened', type: 'number', defaultValue: 0, min: 0 },
          { name: 'lastPaymentStartedAt', label: 'Last payment page opened', type: 'date', index: true, admin: dayAndTime },
          { name: 'paymentCheckedAt', label: 'Payment last checked with Stripe', type: 'date', index: true, admin: dayAndTime },
        ],
      },
      {
        type: 'row',
        fields: [
          penceField('refundedPence', 'Refunded (pence)', { required: false }),
          penceField('refundPendingPence', 'Refund being recorded: refunded in all once done (pence)', {
            required: false,
            defaultValue: undefined,
            validate: (value: unknown) => (value === null || value === undefined ? true : checkPence(value)),
            admin: { condition: (data) => Boolean(data?.refundPendingPence) },
          }),
          { name: 'holdReason', label: 'Why it is on hold (the learner sees this)', type: 'text', maxLength: 500 },
          { name: 'heldFrom', type: 'text', admin: { hidden: true } },
        ],
      },
      {
        name: 'paymentProblem',
        label: 'Payment needs checking',
        type: 'textarea',
        maxLength: 1000,
        admin: { description: 'Set when a payment did not match the order (amount or currency). The order is not fulfilled until staff have checked.', condition: (data) => Boolean(data?.paymentProblem) },
      },
      { name: 'printBatch', label: 'Print batch', type: 'relationship', relationTo: 'print-batches', index: true },
      { name: 'timeline', type: 'join', collection: 'order-events', on: 'order', defaultSort: 'at', defaultLimit: 100, admin: { allowCreate: false, defaultColumns: ['at', 'event', 'party', 'note'] } },
    ],
    ORDER_STATE_FIELDS,
  ),
}
