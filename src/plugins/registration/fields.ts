import type { Field } from 'payload'

import { staffField } from '../../access/rules'
import { addressGroup } from '../../collections/fields'

const system = { create: () => false, update: () => false }
const supportOnly = staffField('administrator', 'support')

/** The review panel: the first thing on the page of an account in review (it shows nothing otherwise). */
export const reviewPanelField: Field = {
  name: 'reviewPanel',
  type: 'ui',
  admin: { components: { Field: '/plugins/registration/admin/ReviewPanel#ReviewPanel' } },
}

/** What registration adds to portal accounts, after the account's own fields. */
export const registrationFields: Field[] = [
  {
    name: 'registration',
    type: 'group',
    label: 'Registration details as given',
    admin: { readOnly: true, condition: (data) => data?.kind !== 'third-party' },
    access: system,
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'candidateNumber', label: 'Candidate or membership number', type: 'text' },
          { name: 'dontKnowNumber', label: 'Did not know the number', type: 'checkbox' },
          { name: 'dateOfBirth', label: 'Date of birth', type: 'date', admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' } } },
        ],
      },
      {
        name: 'matchOutcome',
        label: 'Matching result',
        type: 'select',
        index: true,
        options: [
          { label: 'Matched automatically', value: 'matched' },
          { label: 'No number given', value: 'no-number' },
          { label: 'Number not found', value: 'not-found' },
          { label: 'Details differ from the record', value: 'mismatch' },
          { label: 'Several possible records', value: 'several' },
          { label: 'Record already linked to another account', value: 'already-linked' },
          { label: 'Approved by staff', value: 'approved-by-staff' },
          { label: 'More information requested', value: 'information-requested' },
          { label: 'Rejected', value: 'rejected' },
        ],
      },
      { name: 'lastMessage', label: 'Last message to the registrant', type: 'textarea' },
    ],
  },
  {
    name: 'emailVerification',
    type: 'group',
    admin: { hidden: true },
    access: { read: () => false, ...system },
    fields: [
      { name: 'tokenHash', type: 'text', index: true },
      { name: 'sentAt', type: 'date' },
    ],
  },
  {
    name: 'addresses',
    label: 'Address book',
    type: 'array',
    maxRows: 20,
    fields: [
      { name: 'label', type: 'text', maxLength: 60, admin: { description: 'For example Home or Work.' } },
      ...addressGroup('address', 'Address').fields,
      {
        type: 'row',
        fields: [
          { name: 'defaultBilling', label: 'Default billing address', type: 'checkbox' },
          { name: 'defaultDelivery', label: 'Default delivery address', type: 'checkbox' },
        ],
      },
    ],
  },
  {
    name: 'reviewNote',
    label: 'Internal note',
    type: 'textarea',
    access: { read: supportOnly, create: supportOnly, update: supportOnly },
    admin: { description: 'Seen by staff only.', condition: (data) => data?.kind !== 'third-party' },
  },
]
