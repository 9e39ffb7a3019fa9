import type { Field, FieldHook } from 'payload'

import { withoutLinks } from '../../email/links'

export const DELIVERY_STATUSES = [
  { value: 'queued', label: 'Queued' },
  { value: 'sending', label: 'Sending' },
  { value: 'sent', label: 'Sent' },
  { value: 'kept', label: 'Kept (no mail server)' },
  { value: 'failed', label: 'Failed' },
] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]['value']

const systemOnly = { create: () => false, update: () => false }
const when = { pickerAppearance: 'dayAndTime', displayFormat: 'dd/MM/yyyy HH:mm', timeFormat: 'HH:mm' } as const

/**
 * A sign-in link is read by the delivery job only (in SQL, not through here). Everyone else,
 * staff included, sees the message with its links withheld, except a message kept while no
 * mail server is configured (development: the outbox is how a developer follows the link).
 */
const withholdSignInLinks: FieldHook = ({ value, siblingData }) => {
  // A read that selects the body alone does not say what the message is: its links are withheld.
  const shown = siblingData?.carriesSignInLink === false || siblingData?.status === 'kept'
  return !shown && typeof value === 'string' ? withoutLinks(value) : value
}

/** Added to every body field of the outbox. */
export const bodyHooks = { afterRead: [withholdSignInLinks] }

/** What delivery adds to each message: where it is in the queue and what the mail server said. */
export const deliveryFields: Field[] = [
  { name: 'deliveryPanel', type: 'ui', admin: { components: { Field: '/plugins/email-delivery/admin/DeliveryPanel#DeliveryPanel' } } },
  {
    name: 'status',
    type: 'select',
    options: [...DELIVERY_STATUSES],
    defaultValue: 'queued',
    required: true,
    index: true,
    access: systemOnly,
    admin: { position: 'sidebar', readOnly: true },
  },
  { name: 'attempts', type: 'number', defaultValue: 0, access: systemOnly, admin: { position: 'sidebar', readOnly: true, description: 'Delivery attempts so far.' } },
  { name: 'nextAttemptAt', label: 'Next attempt', type: 'date', index: true, access: systemOnly, admin: { position: 'sidebar', readOnly: true, date: when } },
  { name: 'claimedAt', type: 'date', access: systemOnly, admin: { hidden: true } },
  { name: 'sentAt', label: 'Sent', type: 'date', index: true, access: systemOnly, admin: { position: 'sidebar', readOnly: true, date: when } },
  { name: 'messageId', label: 'Message id', type: 'text', access: systemOnly, admin: { position: 'sidebar', readOnly: true, description: 'Given by the mail server that accepted the message.' } },
  { name: 'serverResponse', label: "Mail server's answer", type: 'text', access: systemOnly, admin: { readOnly: true } },
  { name: 'lastError', label: 'Last error', type: 'textarea', access: systemOnly, admin: { readOnly: true, description: 'Why the last attempt failed.' } },
  { name: 'resentFrom', label: 'Sent again from', type: 'relationship', relationTo: 'email-outbox', access: systemOnly, admin: { position: 'sidebar', readOnly: true } },
]
