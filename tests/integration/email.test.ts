import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sendTemplatedEmail } from '../../src/email/send'
import { staffPasswordResetEmail } from '../../src/email/templates/staffPasswordReset'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload({ SMTP_URL: '' })
  await t.payload.create({ collection: 'staff', data: { email: 'staff@fixture.test', name: 'Staff', role: 'support', password: 'fixture-password-123' }, overrideAccess: true })
})
afterAll(async () => t?.close())

const outbox = async () => (await t.payload.find({ collection: 'email-outbox', sort: '-createdAt', overrideAccess: true, pagination: false })).docs

describe('email without SMTP_URL: the outbox', () => {
  it('keeps a templated message with its text and HTML parts', async () => {
    await sendTemplatedEmail(t.payload, { template: staffPasswordResetEmail, to: 'someone@fixture.test', data: { token: 'abc123' } })
    const [message] = await outbox()
    expect(message).toMatchObject({ to: 'someone@fixture.test', subject: 'Reset your staff password', template: 'staff-password-reset' })
    expect(message!.text).toContain('/admin/reset/abc123')
    expect(message!.html).toContain('/admin/reset/abc123')
  })

  it('keeps Payload’s own forgot-password email, with a plain-text part made from its HTML', async () => {
    await t.payload.forgotPassword({ collection: 'staff', data: { email: 'staff@fixture.test' } })
    const [message] = await outbox()
    expect(message).toMatchObject({ to: 'staff@fixture.test', template: 'staff-password-reset' })
    expect(message!.text).toMatch(/Choose a new password \(http:\/\/localhost:\d+\/admin\/reset\/[a-f0-9]+\)/)
    expect(message!.text).not.toContain('<')
  })
})
