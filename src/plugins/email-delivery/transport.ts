import nodemailer, { type Transporter } from 'nodemailer'

import type { OutgoingMessage } from '../../email/queue'

export type Delivered = { messageId: string; response: string }
export type MailTransport = { send: (message: OutgoingMessage & { from: string; id: number }) => Promise<Delivered> }

let pooled: { url: string; transporter: Transporter } | null = null

/**
 * SMTP through nodemailer, with a small pool of connections kept open between messages.
 * Short timeouts: a mail server that hangs fails the attempt, which is retried later.
 */
export function smtpTransport(url: string): MailTransport {
  if (pooled?.url !== url) {
    pooled?.transporter.close()
    pooled = {
      url,
      transporter: nodemailer.createTransport({ url, pool: true, maxConnections: 5, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never),
    }
  }
  const { transporter } = pooled
  return {
    send: async (message) => {
      const info = await transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { 'X-Template': message.template ?? '', 'X-Outbox-Message': String(message.id) },
      })
      return { messageId: String(info.messageId ?? ''), response: String(info.response ?? '') }
    },
  }
}

/** Ends the pool's connections (at shutdown, or between tests that change server). */
export function closeSmtpPool(): void {
  pooled?.transporter.close()
  pooled = null
}
