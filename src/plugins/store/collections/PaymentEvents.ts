import type { CollectionConfig } from 'payload'

import { nobody, supportStaff } from '../../../access/rules'
import { ADMIN_GROUPS } from '../../../collections/fields'

/** Stripe events already processed, by id: a repeated delivery finds its id here and changes nothing. Written by the webhook only. */
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
