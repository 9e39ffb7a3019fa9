import type { Access, CollectionConfig } from 'payload'

import { nobody, supportStaff } from '../../../access/rules'
import { isActivePortalAccount } from '../../../access/users'
import { ADMIN_GROUPS } from '../../../collections/fields'

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

export const PARTY_LABELS: Record<string, string> = { learner: 'Learner', 'third-party': 'Third party', support: 'Support team', system: 'System' }

export const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))

/** Rows belonging to a connection the signed-in account is party to (checked on the connection: learner or third party), and support staff. */
export const ofOwnConnection: Access = ({ req: { user } }) => {
  if (isActivePortalAccount(user)) {
    const mine = user.kind === 'learner' ? 'connection.learner' : 'connection.thirdParty'
    return { [mine]: { equals: user.id } }
  }
  return supportStaff({ req: { user } } as never)
}

/** Every event in a connection's life: written by the connections' system tasks only (`record.ts`, `expire.ts`), never through the API. */
export const ConnectionEvents: CollectionConfig = {
  slug: 'connection-events',
  labels: { singular: 'Connection event', plural: 'Connection history' },
  admin: { group: ADMIN_GROUPS.people, hidden: true, defaultColumns: ['at', 'event', 'party', 'note'] },
  access: { create: nobody, read: ofOwnConnection, update: nobody, delete: nobody },
  timestamps: true,
  fields: [
    { name: 'connection', type: 'relationship', relationTo: 'connections', required: true, index: true },
    { name: 'event', type: 'select', required: true, options: options(CONNECTION_EVENT_LABELS) },
    { name: 'party', label: 'By', type: 'select', required: true, options: options(PARTY_LABELS) },
    { name: 'at', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'note', type: 'text', maxLength: 1000 },
  ],
}
