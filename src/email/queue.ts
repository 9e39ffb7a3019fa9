import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest, SendEmailOptions } from 'payload'

import { queryInTransaction } from '../collections/sql'

import { inTransaction } from '../collections/transaction'
import { emailFrom, emailTransport, isProduction } from '../lib/env'
import { htmlToText, templateNameOf } from './layout'
import { withoutLinks } from './links'
import { emailTemplateNamed, type EmailTemplate } from './template'

/** The jobs-queue task (and queue) that delivers queued messages: `src/plugins/email-delivery`. */
export const DELIVER_EMAIL_TASK = 'deliver-email'
export const EMAIL_QUEUE = 'email'

export type OutgoingMessage = { to: string; subject: string; text: string; html?: string; template?: string; carriesSignInLink: boolean }

/**
 * Writes the message to the email outbox in the request's transaction, with the job that
 * delivers it: the change that caused the message and the message commit together or not
 * at all. Nothing waits for the mail server. With no SMTP_URL the message is kept there.
 */
export async function queueMessage(req: PayloadRequest, message: OutgoingMessage): Promise<void> {
  const kept = emailTransport().kind === 'outbox'
  // A readable copy of a sign-in link would let whoever reads the outbox into someone else's
  // account. To be sent, the message waits where nobody can read it; kept (no mail server), its
  // link stays readable in development only, where the outbox is how a developer follows it.
  const withheld = message.carriesSignInLink && (!kept || isProduction())
  const readable = (body: string | undefined) => (withheld ? withoutLinks(body) : body)
  const deliverable = (body: string | undefined) => (message.carriesSignInLink && !kept ? body : undefined)
  await inTransaction(req, async () => {
    await req.payload.create({
      collection: 'email-outbox',
      data: {
        ...message,
        from: `${emailFrom().name} <${emailFrom().address}>`,
        text: readable(message.text),
        html: readable(message.html),
        deliverableText: deliverable(message.text),
        deliverableHtml: deliverable(message.html),
        status: kept ? 'kept' : 'queued',
        nextAttemptAt: kept ? null : new Date().toISOString(),
      },
      overrideAccess: true, // system task: the outbox is closed to every role for writing
      req,
    })
    if (!kept) await req.payload.jobs.queue({ task: DELIVER_EMAIL_TASK, queue: EMAIL_QUEUE, input: {}, req } as never)
  })
  if (kept) req.payload.logger.info({ msg: `Email kept in the outbox (SMTP_URL is not set): "${message.subject}" to ${message.to}`, template: message.template })
}

/** Renders a named template and queues it, in the request's transaction. */
export async function queueEmail<Data>(req: PayloadRequest, { template, to, data }: { template: EmailTemplate<Data>; to: string; data: Data }): Promise<void> {
  await queueMessage(req, {
    to,
    subject: template.subject(data),
    text: template.text(data),
    html: template.html(data),
    template: template.name,
    carriesSignInLink: template.carriesSignInLink === true,
  })
}

/**
 * Many rendered messages at once (a scheduled job's notices), in the request's transaction:
 * one insert per thousand messages and one delivery job, instead of a row and a job each.
 * Never for a message that carries a sign-in link.
 */
export async function queueEmailsInBulk<Data>(req: PayloadRequest, template: EmailTemplate<Data>, messages: ReadonlyArray<{ to: string; data: Data }>): Promise<void> {
  if (template.carriesSignInLink) throw new Error('A message with a sign-in link is queued on its own (queueEmail).')
  if (!messages.length) return
  const kept = emailTransport().kind === 'outbox'
  const from = `${emailFrom().name} <${emailFrom().address}>`
  await inTransaction(req, async () => {
    for (let start = 0; start < messages.length; start += 1000) {
      const chunk = messages.slice(start, start + 1000)
      const column = (pick: (m: { to: string; data: Data }) => string) => chunk.map(pick)
      await queryInTransaction(
        req,
        sql`insert into email_outbox ("to", "from", subject, template, text, html, status, next_attempt_at, attempts)
            select t, ${from}, s, ${template.name}, x, h, ${kept ? 'kept' : 'queued'}::enum_email_outbox_status, ${kept ? null : new Date()}::timestamptz, 0
            from unnest(${sql.param(column((m) => m.to))}::varchar[], ${sql.param(column((m) => template.subject(m.data)))}::varchar[],
                        ${sql.param(column((m) => template.text(m.data)))}::varchar[], ${sql.param(column((m) => template.html(m.data)))}::varchar[]) as m(t, s, x, h)`,
      )
    }
    if (!kept) await req.payload.jobs.queue({ task: DELIVER_EMAIL_TASK, queue: EMAIL_QUEUE, input: {}, req } as never)
  })
}

function addressList(value: SendEmailOptions['to']): string {
  const list = Array.isArray(value) ? value : value ? [value] : []
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.address)).join(', ')
}

/** A message Payload itself sends (`payload.sendEmail`), in the same queue; every message gets a plain-text part. */
export function outgoingFromPayload(message: SendEmailOptions): OutgoingMessage {
  const html = typeof message.html === 'string' ? message.html : undefined
  const headers = message.headers as Record<string, string> | undefined
  const template = headers?.['X-Template'] ?? templateNameOf(html)
  return {
    to: addressList(message.to),
    subject: message.subject ?? '(no subject)',
    text: typeof message.text === 'string' ? message.text : html ? htmlToText(html) : '',
    html,
    template,
    carriesSignInLink: emailTemplateNamed(template)?.carriesSignInLink === true,
  }
}
