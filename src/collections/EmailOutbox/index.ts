import type { CollectionConfig } from 'payload'

import { administrators, nobody, supportStaff } from '../../access/rules'
import { ADMIN_GROUPS } from '../fields'

/**
 * Every message the portal sends, as it goes out: queued with the change that caused it, then
 * delivered (`src/plugins/email-delivery`), or kept here when no mail server is configured.
 */
export const EmailOutbox: CollectionConfig = {
  slug: 'email-outbox',
  labels: { singular: 'Email message', plural: 'Email outbox' },
  admin: {
    group: ADMIN_GROUPS.support,
    useAsTitle: 'subject',
    listSearchableFields: ['to', 'subject', 'template'],
    description: 'Every message the portal sends, with whether and when the mail server took it. Search by address to answer "did you send it?".',
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
      admin: { description: 'A verification or password-reset message. With a mail server, its link is shown to nobody here and is removed from this copy once delivered.' },
    },
    { name: 'text', label: 'Plain text', type: 'textarea' },
    { name: 'html', label: 'HTML', type: 'code', admin: { language: 'html' } },
  ],
  timestamps: true,
}
export default EmailOutbox
