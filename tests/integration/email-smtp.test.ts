import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestPayload, type TestPayload } from '../helpers/payload'
import { freePort } from '../helpers/server'

type Received = { to: string; subject: string; text: string; html: string }
const received: Received[] = []
let smtp: SMTPServer
let t: TestPayload

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
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
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve))
  t = await startTestPayload({ SMTP_URL: `smtp://127.0.0.1:${port}` })
  await t.payload.create({ collection: 'staff', data: { email: 'staff@fixture.test', name: 'Staff', role: 'support', password: 'fixture-password-123' }, overrideAccess: true })
})
afterAll(async () => {
  await t?.close()
  await new Promise<void>((resolve) => smtp?.close(() => resolve()))
})

describe('email with SMTP_URL: sent through nodemailer', () => {
  it('delivers the message with text and HTML parts, and keeps nothing in the outbox', async () => {
    await t.payload.forgotPassword({ collection: 'staff', data: { email: 'staff@fixture.test' } })
    await expect.poll(() => received.length).toBe(1)
    expect(received[0]).toMatchObject({ to: 'staff@fixture.test', subject: 'Reset your staff password' })
    expect(received[0]!.text).toMatch(/\/admin\/reset\/[a-f0-9]+/)
    expect(received[0]!.html).toContain('Choose a new password')
    expect((await t.payload.count({ collection: 'email-outbox', overrideAccess: true })).totalDocs).toBe(0)
  })
})
