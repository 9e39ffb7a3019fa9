import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

import { freePort } from './server'

export type ReceivedMail = { to: string; subject: string; text: string; html: string; outboxId?: string }

/** A real SMTP server on loopback that keeps what it receives. */
export async function startSmtpServer() {
  const received: ReceivedMail[] = []
  const refused: string[] = []
  let refusals = 0
  let refusalCode = 451
  let drops = 0
  const sockets = new Set<import('node:net').Socket>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (drops > 0) {
        drops -= 1
        for (const socket of sockets) socket.destroy()
        return
      }
      if (refusals <= 0) return callback()
      refusals -= 1
      refused.push(address.address)
      callback(Object.assign(new Error(refusalCode >= 500 ? 'Relay access denied' : 'Mailbox busy, try again later'), { responseCode: refusalCode }))
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const outboxId = mail.headers.get('x-outbox-message')
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: mail.subject ?? '', text: mail.text ?? '', html: String(mail.html), outboxId: outboxId ? String(outboxId) : undefined })
          callback()
        })
        .catch(callback)
    },
  })
  ;(server as unknown as { server: import('node:net').Server }).server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await freePort()
  const listen = () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  await listen()
  let listening = true
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** The recipients of the messages refused so far. */
    refused,
    /** The next `count` messages are refused with a temporary failure (451), as a busy mail server does. */
    refuseNext(count: number, code = 451) {
      refusals = count
      refusalCode = code
    },
    /** The next `count` connections are dropped mid-conversation, after the recipient is given. */
    dropNext(count: number) {
      drops = count
    },
    /** Stops listening (open connections are cut), as a mail server that is down. */
    async stop() {
      listening = false
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => (server as unknown as { server: import('node:net').Server }).server.close(() => resolve()))
    },
    /** Listens again on the same port. */
    async start() {
      if (!listening) await listen()
      listening = true
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
    close: async () => {
      for (const socket of sockets) socket.destroy()
      if (listening) await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
