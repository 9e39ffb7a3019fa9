import type { CollectionConfig } from 'payload'

import { administrators, nobody, supportStaff } from '../../access/rules'
import { ADMIN_GROUPS } from '../fields'

/** Every message the portal sent while no SMTP server is configured, as it would have gone out. */
export const EmailOutbox: CollectionConfig = {
  slug: 'email-outbox',
  labels: { singular: 'Outbox message', plural: 'Email outbox' },
  admin: {
    group: ADMIN_GROUPS.system,
    useAsTitle: 'subject',
    defaultColumns: ['createdAt', 'to', 'subject', 'template', 'carriesSignInLink'],
    listSearchableFields: ['to', 'subject', 'template'],
    description: 'Messages kept here instead of being sent, because SMTP_URL is not set.',
  },
  access: { create: nobody, read: supportStaff, update: nobody, delete: administrators },
  defaultSort: '-createdAt',
  fields: [
    { name: 'to', type: 'text', required: true, index: true },
    { name: 'from', type: 'text' },
    { name: 'subject', type: 'text', required: true },
    { name: 'template', type: 'text', index: true },
    {
      name: 'carriesSignInLink',
      label: 'Carries a sign-in link',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'A verification or password-reset message. In production its link is never kept here.' },
    },
    { name: 'text', label: 'Plain text', type: 'textarea' },
    { name: 'html', label: 'HTML', type: 'code', admin: { language: 'html' } },
  ],
  timestamps: true,
}
export default EmailOutbox
