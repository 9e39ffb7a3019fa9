import type { Access, CollectionConfig } from 'payload'

import { nobody, supportStaff } from '../../../access/rules'
import { isActivePortalAccount } from '../../../access/users'
import { ADMIN_GROUPS } from '../../../collections/fields'

/** The parties of a deleted connection read its tombstone (so its old links say it was deleted); support staff too. */
const partyToDeletedConnection: Access = ({ req: { user } }) => {
  if (isActivePortalAccount(user)) return { [user.kind === 'learner' ? 'learner' : 'thirdParty']: { equals: user.id } }
  return supportStaff({ req: { user } } as never)
}

/**
 * What is left of a connection the learner deleted: its id, its two parties and when, nothing
 * else (no names, no documents). Written only by the delete action, in the same transaction.
 */
export const DeletedConnections: CollectionConfig = {
  slug: 'deleted-connections',
  labels: { singular: 'Deleted connection', plural: 'Deleted connections' },
  admin: { group: ADMIN_GROUPS.people, hidden: true },
  access: { create: nobody, read: partyToDeletedConnection, update: nobody, delete: nobody },
  timestamps: true,
  fields: [
    { name: 'connection', label: 'Connection id', type: 'number', required: true, unique: true },
    { name: 'learner', type: 'relationship', relationTo: 'accounts', index: true },
    { name: 'thirdParty', type: 'relationship', relationTo: 'accounts', index: true },
    { name: 'deletedAt', type: 'date', required: true },
  ],
}
