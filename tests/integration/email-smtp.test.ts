import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { deliverDueEmails } from '../../src/plugins/email-delivery'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startSmtpServer } from '../helpers/smtp'

let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let t: TestPayload

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await startTestPayload({ SMTP_URL: smtp.url })
  await t.payload.create({ collection: 'staff', data: { email: 'staff@fixture.test', name: 'Staff', role: 'support', password: 'fixture-password-123' }, overrideAccess: true })
})
afterAll(async () => {
  await t?.close()
  await smtp?.close()
})

describe('email with SMTP_URL: queued, then sent through nodemailer', () => {
  it('delivers Payload’s own message with text and HTML parts, and its outbox row says sent', async () => {
    await t.payload.forgotPassword({ collection: 'staff', data: { email: 'staff@fixture.test' } })
    const [queued] = (await t.payload.find({ collection: 'email-outbox', overrideAccess: true })).docs
    expect(queued).toMatchObject({ to: 'staff@fixture.test', status: 'queued', carriesSignInLink: true })
    expect(smtp.received).toHaveLength(0)

    await deliverDueEmails(t.payload)
    const mail = await smtp.waitFor('staff@fixture.test', /Reset your staff password/)
    expect(mail.text).toMatch(/\/admin\/reset\/[a-f0-9]+/)
    expect(mail.html).toContain('Choose a new password')
    expect(smtp.received).toHaveLength(1)
    expect((await t.payload.findByID({ collection: 'email-outbox', id: queued!.id, overrideAccess: true })).status).toBe('sent')
  })
})
