import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

import { freePort } from './server'

export type ReceivedMail = { to: string; subject: string; text: string; html: string }

/** A real SMTP server on loopback that keeps what it receives. */
export async function startSmtpServer() {
  const received: ReceivedMail[] = []
  const refused: string[] = []
  let refusals = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refusals <= 0) return callback()
      refusals -= 1
      refused.push(address.address)
      callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }))
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: mail.subject ?? '', text: mail.text ?? '', html: String(mail.html) })
          callback()
        })
        .catch(callback)
    },
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** The recipients of the messages refused so far. */
    refused,
    /** The next `count` messages are refused with a temporary failure (451), as a busy mail server does. */
    refuseNext(count: number) {
      refusals = count
    },
    /** Waits for the next message to `to` whose subject matches. */
    async waitFor(to: string, subject: RegExp, timeoutMs = 15_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const mail = received.find((m) => m.to === to && subject.test(m.subject))
        if (mail) return mail
        if (Date.now() > deadline) throw new Error(`No email "${subject}" to ${to}; received: ${received.map((m) => `${m.to}: ${m.subject}`).join('; ')}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
