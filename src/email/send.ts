import type { Payload } from 'payload'

import type { EmailTemplate } from './template'

/** Renders a named template and sends it through whichever adapter is configured. */
export async function sendTemplatedEmail<Data>(
  payload: Payload,
  { template, to, data }: { template: EmailTemplate<Data>; to: string; data: Data },
): Promise<void> {
  await payload.sendEmail({
    to,
    subject: template.subject(data),
    text: template.text(data),
    html: template.html(data),
    headers: { 'X-Template': template.name },
  })
}
