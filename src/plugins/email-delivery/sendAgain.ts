import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { staffHasRole } from '../../access/users'
import { recordAudit } from '../../collections/AuditLog/auditTrail'
import { queryInTransaction } from '../../collections/sql'
import { inTransaction } from '../../collections/transaction'
import { DELIVER_EMAIL_TASK, EMAIL_QUEUE } from '../../email/queue'

export class SendAgainError extends Error {
  constructor(
    message: string,
    readonly status = 409,
  ) {
    super(message)
  }
}

const deliverySoon = (req: PayloadRequest) => req.payload.jobs.queue({ task: DELIVER_EMAIL_TASK, queue: EMAIL_QUEUE, input: {}, req } as never)

/**
 * Support staff send a message again: a failed one goes back in the queue with fresh attempts;
 * a sent one is copied and the copy queued. A sign-in link already delivered was removed from
 * the stored copy: the person asks for a new link instead. Audited, naming the staff member.
 */
export async function sendEmailAgain(req: PayloadRequest, id: string): Promise<{ id: number }> {
  if (!staffHasRole(req.user, ['administrator', 'support'])) throw new SendAgainError('Only support staff can send a message again.', 403)
  // Read as the staff member: what they cannot read, they cannot send.
  const message = await req.payload.findByID({ collection: 'email-outbox', id, depth: 0, overrideAccess: false, user: req.user, req, disableErrors: true })
  if (!message) throw new SendAgainError('No such message.', 404)
  if (message.status === 'kept') throw new SendAgainError('No mail server is configured (SMTP_URL), so messages are kept here and not sent.')
  if (message.status === 'queued' || message.status === 'sending') throw new SendAgainError('This message is already waiting to be sent.')
  if (message.status === 'sent' && message.carriesSignInLink)
    throw new SendAgainError('Its sign-in link was removed once it was delivered. Ask the person to request a new link ("Send the link again" or "Forgot your password").')

  return inTransaction(req, async () => {
    if (message.status === 'failed') {
      // One statement: of two clicks at once, only one puts it back in the queue.
      const { rowCount } = await queryInTransaction(
        req,
        sql`update email_outbox set status = 'queued', attempts = 0, next_attempt_at = now(), updated_at = now() where id = ${message.id} and status = 'failed'`,
      )
      if (!rowCount) throw new SendAgainError('This message is already waiting to be sent.')
    }
    const queued =
      message.status === 'failed'
        ? message
        : await req.payload.create({
            collection: 'email-outbox',
            data: { to: message.to, from: message.from, subject: message.subject, template: message.template, carriesSignInLink: false, text: message.text, html: message.html, status: 'queued', nextAttemptAt: new Date().toISOString(), resentFrom: message.id },
            overrideAccess: true, // system task: support staff's right to send again is checked above
            req,
          })
    await deliverySoon(req)
    await recordAudit(req, { action: 'email.sent-again', entity: 'email-outbox', entityId: message.id, summary: `"${message.subject}" to ${message.to} sent again` })
    return { id: queued.id }
  })
}
