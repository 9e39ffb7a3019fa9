import type { EmailAdapter } from 'payload'

import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import nodemailer from 'nodemailer'

import { emailFrom } from '../lib/env'
import { outboxAdapter, withTextPart } from './outboxAdapter'

/** SMTP through nodemailer when SMTP_URL is set; otherwise the outbox. */
export async function portalEmailAdapter(): Promise<EmailAdapter> {
  const smtpUrl = process.env.SMTP_URL
  if (!smtpUrl) return outboxAdapter
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
