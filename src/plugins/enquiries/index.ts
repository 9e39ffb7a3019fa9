import type { CollectionConfig, Config, Field, Plugin } from 'payload'

import { activePortalAccounts, anyOf, supportStaff } from '../../access/rules'
import { shapeReport, stampSupportReplies, tellReporter } from './hooks'
import { replyEndpoint } from './reply'

export { STATUS_WORDS } from './emails'

const withReports = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  // An approved portal account may report a problem on a document it can read (checked in shapeReport).
  access: { ...collection.access, create: anyOf(supportStaff, activePortalAccounts) },
  // The messages are shown as a conversation by the reply panel, below the report's details, and never edited.
  fields: [
    ...collection.fields.map((field) => ('name' in field && field.name === 'messages' ? ({ ...field, admin: { ...field.admin, disabled: true } } as Field) : field)),
    { name: 'replyPanel', type: 'ui', admin: { components: { Field: '/plugins/enquiries/admin/ReplyPanel#ReplyPanel' } } },
  ],
  endpoints: [...(collection.endpoints || []), replyEndpoint],
  hooks: {
    ...collection.hooks,
    beforeChange: [...(collection.hooks?.beforeChange ?? []), shapeReport, stampSupportReplies],
    afterChange: [...(collection.hooks?.afterChange ?? []), tellReporter],
  },
})

/** Report a problem: portal accounts report on a document, support staff reply from the admin inbox. */
export const enquiriesPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) => (collection.slug === 'enquiries' ? withReports(collection) : collection)),
  })
