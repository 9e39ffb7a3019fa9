import { afterAll, beforeAll, describe, expect, it } from 'vitest'

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

describe('email with SMTP_URL: sent through nodemailer', () => {
  it('delivers the message with text and HTML parts, and keeps nothing in the outbox', async () => {
    await t.payload.forgotPassword({ collection: 'staff', data: { email: 'staff@fixture.test' } })
    const mail = await smtp.waitFor('staff@fixture.test', /Reset your staff password/)
    expect(mail.text).toMatch(/\/admin\/reset\/[a-f0-9]+/)
    expect(mail.html).toContain('Choose a new password')
    expect(smtp.received).toHaveLength(1)
    expect((await t.payload.count({ collection: 'email-outbox', overrideAccess: true })).totalDocs).toBe(0)
  })
})
