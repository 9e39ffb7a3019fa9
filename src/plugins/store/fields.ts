import type { Access, CollectionConfig, Field, Where } from 'payload'

import { anyOf, nobody, ownedByLearner, supportStaff } from '../../access/rules'
import { isActiveLearner } from '../../access/users'
import { ADMIN_GROUPS, penceField } from '../../collections/fields'
import { ORDER_REASONS } from '../../collections/Orders'
import { QUALIFICATION_TYPES } from '../../collections/Qualifications'
import { isCountryCode } from '../../lib/countries'

export const ORDER_EVENT_LABELS: Record<string, string> = {
  placed: 'Order placed',
  'payment-started': 'Payment page opened',
  'payment-failed': 'Payment failed',
  'payment-expired': 'Payment page expired',
  paid: 'Paid',
  'payment-problem': 'Payment needs checking',
  'on-hold': 'On hold',
  released: 'No longer on hold',
  printed: 'Printed',
  dispatched: 'Dispatched',
  cancelled: 'Cancelled',
  expired: 'Cancelled: not paid in time',
  refunded: 'Refunded',
  'partly-refunded': 'Partly refunded',
}

export const ORDER_PARTY_LABELS: Record<string, string> = { learner: 'You', payment: 'Payment', staff: 'Support team', system: 'System' }

const never = () => false

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))

/** What the store adds to orders: payment, refunds, holds, the print batch and the timeline. */
export const orderFields: Field[] = [
  { name: 'staffPanel', type: 'ui', admin: { components: { Field: '/plugins/store/admin/OrderActions#OrderActions' } } },
  {
    type: 'row',
    fields: [
      { name: 'paymentMode', label: 'Payment by', type: 'select', options: [{ value: 'stripe', label: 'Stripe' }, { value: 'test', label: 'Test payment (no money taken)' }] },
      { name: 'stripeSessionId', label: 'Stripe Checkout Session', type: 'text', unique: true, index: true },
      { name: 'paymentAttempts', label: 'Payment pages opened', type: 'number', defaultValue: 0, min: 0 },
      { name: 'lastPaymentStartedAt', label: 'Last payment page opened', type: 'date', index: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    ],
  },
  {
    type: 'row',
    fields: [
      penceField('refundedPence', 'Refunded (pence)', { required: false }),
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
]

/** Products: which qualification types they apply to. */
export const productFields: Field[] = [
  {
    name: 'qualificationTypes',
    label: 'Applies to qualification types',
    type: 'select',
    hasMany: true,
    options: [...QUALIFICATION_TYPES],
    admin: { description: 'Leave empty to offer it for every achievement.' },
  },
]

/** Delivery options: an optional list of the countries they serve within their region. */
export const deliveryOptionFields: Field[] = [
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
]

/** Site settings: who the receipts are from. */
export const sellerFields: Field[] = [
  {
    name: 'seller',
    label: 'Store: seller on receipts',
    type: 'group',
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'name', type: 'text', maxLength: 200, defaultValue: 'Awarding Body Ltd' },
          { name: 'vatNumber', label: 'VAT number', type: 'text', maxLength: 30 },
        ],
      },
      { name: 'address', type: 'textarea', maxLength: 500 },
    ],
  },
]

/** Rows of an order the signed-in learner placed (checked on the order). */
const ofOwnOrder: Access = ({ req: { user } }) => (isActiveLearner(user) ? { 'order.account': { equals: user.id } } : supportStaff({ req: { user } } as never))

/** One item in a learner's basket: a product for one achievement, at most once (the database says so). */
export const BasketItems: CollectionConfig = {
  slug: 'basket-items',
  labels: { singular: 'Basket item', plural: 'Baskets' },
  admin: { group: ADMIN_GROUPS.store, hidden: true, defaultColumns: ['account', 'product', 'achievement', 'reason'] },
  access: { create: nobody, read: anyOf(supportStaff, ownedByLearner('account')), update: nobody, delete: anyOf(supportStaff, ownedByLearner('account')) },
  indexes: [{ fields: ['account', 'product', 'achievement'], unique: true }],
  timestamps: true,
  fields: [
    { name: 'account', type: 'relationship', relationTo: 'accounts', required: true, index: true },
    { name: 'product', type: 'relationship', relationTo: 'products', required: true },
    { name: 'achievement', type: 'relationship', relationTo: 'achievements', required: true },
    { name: 'reason', type: 'select', required: true, options: [...ORDER_REASONS] },
    penceField('pricePenceWhenAdded', 'Price when added (pence)', { required: false }),
  ],
}

/** Every change in an order's life, written by the store's system tasks only: the learner's timeline. */
export const OrderEvents: CollectionConfig = {
  slug: 'order-events',
  labels: { singular: 'Order event', plural: 'Order timeline' },
  admin: { group: ADMIN_GROUPS.store, hidden: true, defaultColumns: ['at', 'event', 'party', 'note'] },
  access: { create: nobody, read: ofOwnOrder, update: nobody, delete: nobody },
  timestamps: true,
  fields: [
    { name: 'order', type: 'relationship', relationTo: 'orders', required: true, index: true },
    { name: 'event', type: 'select', required: true, options: options(ORDER_EVENT_LABELS) },
    { name: 'party', label: 'By', type: 'select', required: true, options: options(ORDER_PARTY_LABELS) },
    { name: 'at', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'note', type: 'text', maxLength: 1000 },
  ],
}

/** Stripe events already processed, by id: a repeated delivery finds its id here and changes nothing. */
export const PaymentEvents: CollectionConfig = {
  slug: 'payment-events',
  labels: { singular: 'Payment event', plural: 'Payment events' },
  admin: { group: ADMIN_GROUPS.store, defaultColumns: ['eventId', 'type', 'order', 'createdAt'], useAsTitle: 'eventId' },
  access: { create: nobody, read: supportStaff, update: nobody, delete: nobody },
  timestamps: true,
  fields: [
    { name: 'eventId', label: 'Event id', type: 'text', required: true, unique: true, index: true },
    { name: 'type', type: 'text', required: true },
    { name: 'order', type: 'relationship', relationTo: 'orders' },
    { name: 'outcome', type: 'text', maxLength: 500 },
  ],
}

export const PRINT_BATCH_STATUSES = [
  { value: 'open', label: 'Open: to print' },
  { value: 'printed', label: 'Printed' },
  { value: 'dispatched', label: 'Dispatched' },
] as const

/** Paid orders printed together: a CSV for the printer, a PDF of labels, then printed and dispatched. */
export const PrintBatches: CollectionConfig = {
  slug: 'print-batches',
  labels: { singular: 'Print batch', plural: 'Print batches' },
  admin: { group: ADMIN_GROUPS.store, useAsTitle: 'batchNumber', defaultColumns: ['batchNumber', 'status', 'printedAt', 'dispatchedAt', 'createdAt'] },
  access: { create: supportStaff, read: supportStaff, update: supportStaff, delete: nobody },
  defaultSort: '-createdAt',
  timestamps: true,
  fields: [
    { name: 'batchPanel', type: 'ui', admin: { components: { Field: '/plugins/store/admin/BatchActions#BatchActions' } } },
    { name: 'batchNumber', label: 'Batch number', type: 'text', unique: true, index: true, access: { update: never }, admin: { readOnly: true, description: 'Given when the batch is saved.' } },
    { name: 'status', type: 'select', required: true, defaultValue: 'open', options: [...PRINT_BATCH_STATUSES], access: { create: never, update: never }, admin: { readOnly: true } },
    {
      name: 'orders',
      type: 'relationship',
      relationTo: 'orders',
      hasMany: true,
      required: true,
      minRows: 1,
      // Paid orders in no batch, and (when the batch is saved again) its own orders, now further along.
      filterOptions: ({ id }): Where => ({ or: [{ and: [{ status: { equals: 'paid' } }, { printBatch: { exists: false } }] }, ...(id ? [{ printBatch: { equals: id } }] : [])] }),
      admin: { description: 'Paid orders not yet in a batch.' },
      access: { update: never },
    },
    {
      type: 'row',
      fields: [
        { name: 'printedAt', label: 'Printed', type: 'date', access: { create: never, update: never }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'dispatchedAt', label: 'Dispatched', type: 'date', access: { create: never, update: never }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
  ],
}
