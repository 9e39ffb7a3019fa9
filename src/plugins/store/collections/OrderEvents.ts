import type { CollectionConfig } from 'payload'

import { anyOf, nobody, ownedByLearner, supportStaff } from '../../../access/rules'
import { ADMIN_GROUPS } from '../../../collections/fields'

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
  'tracking-corrected': 'Tracking number corrected',
  cancelled: 'Cancelled',
  expired: 'Cancelled: not paid in time',
  refunded: 'Refunded',
  'partly-refunded': 'Partly refunded',
}

export const ORDER_PARTY_LABELS: Record<string, string> = { learner: 'You', payment: 'Payment', staff: 'Support team', system: 'System' }

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))

/** Every change in an order's life, written by the store's own tasks only: the learner's timeline of their own orders. */
export const OrderEvents: CollectionConfig = {
  slug: 'order-events',
  labels: { singular: 'Order event', plural: 'Order timeline' },
  admin: { group: ADMIN_GROUPS.store, hidden: true, defaultColumns: ['at', 'event', 'party', 'note'] },
  access: {
    create: nobody,
    read: anyOf(supportStaff, ownedByLearner('order.account')),
    update: nobody,
    delete: nobody,
  },
  timestamps: true,
  fields: [
    { name: 'order', type: 'relationship', relationTo: 'orders', required: true, index: true },
    { name: 'event', type: 'select', required: true, options: options(ORDER_EVENT_LABELS) },
    { name: 'party', label: 'By', type: 'select', required: true, options: options(ORDER_PARTY_LABELS) },
    { name: 'at', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'note', type: 'text', maxLength: 1000 },
  ],
}
