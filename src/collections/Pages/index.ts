import type { Access, CollectionConfig } from 'payload'

import { contentStaff } from '../../access/rules'
import { staffHasRole } from '../../access/users'
import { checkSlug } from '../../lib/formats'
import { ADMIN_GROUPS } from '../fields'

/** Help, FAQ, support and policy pages are public once published; drafts are for staff. */
const publishedOrStaff: Access = ({ req: { user } }) =>
  staffHasRole(user, ['administrator', 'content', 'support']) ? true : { _status: { equals: 'published' } }

export const PAGE_SECTIONS = [
  { label: 'Help', value: 'help' },
  { label: 'FAQ', value: 'faq' },
  { label: 'Support', value: 'support' },
  { label: 'Policy', value: 'policy' },
] as const

export const Pages: CollectionConfig = {
  slug: 'pages',
  admin: {
    group: ADMIN_GROUPS.content,
    useAsTitle: 'title',
    defaultColumns: ['title', 'slug', 'section', '_status', 'updatedAt'],
    listSearchableFields: ['title', 'slug'],
  },
  access: {
    create: contentStaff,
    read: publishedOrStaff,
    readVersions: contentStaff,
    update: contentStaff,
    delete: contentStaff,
  },
  versions: { drafts: true, maxPerDoc: 20 },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 150 },
    {
      type: 'row',
      fields: [
        {
          name: 'slug',
          type: 'text',
          required: true,
          unique: true,
          index: true,
          validate: (value: unknown) => checkSlug(value),
          admin: { description: 'The page address: /help/<slug>.' },
        },
        { name: 'section', type: 'select', required: true, defaultValue: 'help', options: [...PAGE_SECTIONS], index: true },
        { name: 'order', label: 'Order in section', type: 'number', defaultValue: 0, admin: { step: 1 } },
      ],
    },
    { name: 'summary', type: 'textarea', maxLength: 300 },
    { name: 'content', type: 'richText', required: true },
  ],
  timestamps: true,
}
export default Pages
