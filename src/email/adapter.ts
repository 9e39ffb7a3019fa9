import type { EmailAdapter } from 'payload'

import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import nodemailer from 'nodemailer'

import { emailFrom, emailTransport, isProduction } from '../lib/env'
import { outboxAdapter, withTextPart } from './outboxAdapter'

/** SMTP through nodemailer when SMTP_URL is set; otherwise the outbox. */
export async function portalEmailAdapter(): Promise<EmailAdapter> {
  const transport = emailTransport()
  if (transport.kind === 'outbox') {
    if (isProduction()) console.warn('[portal] EMAIL_OUTBOX_IN_PRODUCTION=true: no email is delivered; every message is kept in the admin\'s email outbox, sign-in links withheld.')
    return outboxAdapter
  }
  const smtpUrl = transport.url
  const smtp = await nodemailerAdapter({
    defaultFromAddress: emailFrom().address,
    defaultFromName: emailFrom().name,
    skipVerify: true,
    transport: nodemailer.createTransport(smtpUrl),
  })
  return (args) => {
    const adapter = smtp(args)
    return { ...adapter, sendEmail: (message) => adapter.sendEmail(withTextPart(message)) }
  }
}
