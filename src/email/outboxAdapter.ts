import type { EmailAdapter, SendEmailOptions } from 'payload'

import { emailFrom, isProduction } from '../lib/env'
import { htmlToText, templateNameOf } from './layout'
import { emailTemplateNamed } from './template'

function addressList(value: SendEmailOptions['to']): string {
  const list = Array.isArray(value) ? value : value ? [value] : []
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.address)).join(', ')
}

function templateOf(message: SendEmailOptions): string | undefined {
  const headers = message.headers as Record<string, string> | undefined
  return headers?.['X-Template'] ?? templateNameOf(typeof message.html === 'string' ? message.html : undefined)
}

/** Every message has a plain-text part: Payload's own auth emails come with HTML only. */
export function withTextPart(message: SendEmailOptions): SendEmailOptions {
  if (message.text || typeof message.html !== 'string') return message
  return { ...message, text: htmlToText(message.html) }
}

const WITHHELD = '[link withheld: only its recipient may have it]'

/** The message with every address in it replaced, for a stored copy nobody may use to sign in. */
export function withoutLinks(body: string | undefined): string | undefined {
  return body?.replace(/https?:\/\/[^\s"'<>]+/g, WITHHELD)
}

/**
 * With no SMTP server configured, messages are kept in the email outbox collection
 * (readable in the admin) and written to the log, so nothing sent is lost.
 */
export const outboxAdapter: EmailAdapter = ({ payload }) => ({
  name: 'outbox',
  defaultFromAddress: emailFrom().address,
  defaultFromName: emailFrom().name,
  sendEmail: async (original) => {
    const message = withTextPart(original)
    const to = addressList(message.to)
    const subject = message.subject ?? '(no subject)'
    const template = templateOf(message)
    const carriesSignInLink = emailTemplateNamed(template)?.carriesSignInLink === true
    // In production (outbox mode only by explicit choice) a stored sign-in link would let
    // whoever reads the outbox into someone else's account: it is not kept.
    const keep = carriesSignInLink && isProduction() ? withoutLinks : (body: string | undefined) => body
    await payload.create({
      collection: 'email-outbox',
      data: {
        to,
        from: addressList(message.from) || `${emailFrom().name} <${emailFrom().address}>`,
        subject,
        template,
        carriesSignInLink,
        text: keep(typeof message.text === 'string' ? message.text : undefined),
        html: keep(typeof message.html === 'string' ? message.html : undefined),
      },
      overrideAccess: true, // system task: the outbox is closed to every role for writing
    })
    payload.logger.info({ msg: `Email kept in the outbox (SMTP_URL is not set): "${subject}" to ${to}`, template })
    return { accepted: [to] }
  },
})
