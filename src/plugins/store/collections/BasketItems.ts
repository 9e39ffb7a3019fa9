import type { CollectionConfig } from 'payload'

import { anyOf, nobody, ownedByLearner, supportStaff } from '../../../access/rules'
import { ADMIN_GROUPS, penceField } from '../../../collections/fields'
import { ORDER_REASONS } from './Orders'

/**
 * One item in a learner's basket: a product for one achievement, at most once (the database
 * says so). Filled by the store's add-to-basket task only; the learner reads and empties their own.
 */
export const BasketItems: CollectionConfig = {
  slug: 'basket-items',
  labels: { singular: 'Basket item', plural: 'Baskets' },
  admin: { group: ADMIN_GROUPS.store, hidden: true, defaultColumns: ['account', 'product', 'achievement', 'reason'] },
  access: {
    create: nobody,
    read: anyOf(supportStaff, ownedByLearner('account')),
    update: nobody,
    delete: anyOf(supportStaff, ownedByLearner('account')),
  },
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
