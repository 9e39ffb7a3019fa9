import type { Field } from 'payload'

/** What the store adds to the site settings: who the receipts are from. */
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
