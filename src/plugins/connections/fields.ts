import type { Access, CollectionConfig, Field } from 'payload'

import { nobody, supportStaff } from '../../access/rules'
import { isActivePortalAccount } from '../../access/users'
import { ADMIN_GROUPS } from '../../collections/fields'

export const CONNECTION_EVENT_LABELS: Record<string, string> = {
  created: 'Connection made',
  invited: 'Invitation sent',
  requested: 'Connection asked for',
  attached: 'Third party registered',
  accepted: 'Accepted',
  declined: 'Declined',
  cancelled: 'Cancelled',
  deleted: 'Deleted',
  extended: 'Access date extended',
  shortened: 'Access date shortened',
  'documents-changed': 'Documents changed',
  'extension-requested': 'Extension asked for',
  'extension-approved': 'Extension approved',
  'extension-declined': 'Extension declined',
  expired: 'Access date passed',
}

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))

export const PARTY_LABELS: Record<string, string> = { learner: 'Learner', 'third-party': 'Third party', support: 'Support team', system: 'System' }

/** What connections add to the collection: the request's own words, the extension request, and the history and view receipts joined. */
export const connectionFields: Field[] = [
  { name: 'cancelPanel', type: 'ui', admin: { components: { Field: '/plugins/connections/admin/CancelConnection#CancelConnection' } } },
  { name: 'thirdPartyCompany', label: 'Company', type: 'text', maxLength: 200 },
  {
    name: 'learnerEmail',
    label: 'Learner email asked for',
    type: 'email',
    admin: { description: 'The address a third party typed when asking a learner to connect.' },
  },
  { name: 'requestMessage', label: 'Message from the third party', type: 'textarea', maxLength: 1000 },
  {
    name: 'extension',
    label: 'Extension request',
    type: 'group',
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'status', type: 'select', options: [{ value: 'requested', label: 'Requested' }, { value: 'approved', label: 'Approved' }, { value: 'declined', label: 'Declined' }] },
          { name: 'until', label: 'Access until asked for', type: 'date', admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' } } },
        ],
      },
      { name: 'message', type: 'textarea', maxLength: 1000 },
    ],
  },
  { name: 'history', type: 'join', collection: 'connection-events', on: 'connection', defaultSort: 'at', defaultLimit: 100, admin: { defaultColumns: ['at', 'event', 'party', 'note'] } },
  { name: 'viewReceipts', label: 'View receipts', type: 'join', collection: 'connection-views', on: 'connection', admin: { defaultColumns: ['document', 'views', 'lastViewedAt'] } },
]

/** Rows belonging to a connection the signed-in account is party to (checked on the connection: learner or third party). */
const ofOwnConnection: Access = ({ req: { user } }) => {
  if (isActivePortalAccount(user)) {
    const mine = user.kind === 'learner' ? 'connection.learner' : 'connection.thirdParty'
    return { [mine]: { equals: user.id } }
  }
  return supportStaff({ req: { user } } as never)
}

const readOnlyCollection = {
  access: { create: nobody, read: ofOwnConnection, update: nobody, delete: nobody },
  timestamps: true,
} satisfies Partial<CollectionConfig>

/** Every event in a connection's life, written by the connections' system tasks only. */
export const ConnectionEvents: CollectionConfig = {
  slug: 'connection-events',
  labels: { singular: 'Connection event', plural: 'Connection history' },
  admin: { group: ADMIN_GROUPS.people, hidden: true, defaultColumns: ['at', 'event', 'party', 'note'] },
  ...readOnlyCollection,
  fields: [
    { name: 'connection', type: 'relationship', relationTo: 'connections', required: true, index: true },
    { name: 'event', type: 'select', required: true, options: options(CONNECTION_EVENT_LABELS) },
    { name: 'party', label: 'By', type: 'select', required: true, options: options(PARTY_LABELS) },
    { name: 'at', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'note', type: 'text', maxLength: 1000 },
  ],
}

/** When the third party last opened each shared document, and how often: the learner's view receipts. */
export const ConnectionViews: CollectionConfig = {
  slug: 'connection-views',
  labels: { singular: 'View receipt', plural: 'View receipts' },
  admin: { group: ADMIN_GROUPS.people, hidden: true, defaultColumns: ['document', 'views', 'lastViewedAt'] },
  ...readOnlyCollection,
  indexes: [{ fields: ['connection', 'document'], unique: true }],
  fields: [
    { name: 'connection', type: 'relationship', relationTo: 'connections', required: true },
    { name: 'document', type: 'relationship', relationTo: 'documents', required: true },
    { name: 'views', type: 'number', required: true, min: 0 },
    { name: 'lastViewedAt', label: 'Last viewed', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
