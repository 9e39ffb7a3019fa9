import type { Field } from 'payload'

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
  // A message carrying a sign-in link is stored readable with its links withheld; the message
  // itself is here, where no one can read or query it through the API, for the delivery job
  // (which reads it in SQL) until it is delivered, then emptied.
  { name: 'deliverableText', type: 'textarea', access: { read: () => false, ...systemOnly }, admin: { hidden: true } },
  { name: 'deliverableHtml', type: 'textarea', access: { read: () => false, ...systemOnly }, admin: { hidden: true } },
  { name: 'resentFrom', label: 'Sent again from', type: 'relationship', relationTo: 'email-outbox', access: systemOnly, admin: { position: 'sidebar', readOnly: true } },
]
