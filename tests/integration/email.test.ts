import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { queueEmail } from '../../src/email/queue'
import { staffPasswordResetEmail } from '../../src/email/templates/staffPasswordReset'
import { someoneUsedYourDetailsMessage } from '../../src/plugins/registration/emails'
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
    await queueEmail(await createLocalReq({}, t.payload), { template: staffPasswordResetEmail, to: 'someone@fixture.test', data: { token: 'abc123' } })
    const [message] = await outbox()
    expect(message).toMatchObject({ to: 'someone@fixture.test', subject: 'Reset your staff password', template: 'staff-password-reset', status: 'kept', attempts: 0 })
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

describe('sign-in links in the outbox', () => {
  const inProduction = async <T>(work: () => Promise<T>): Promise<T> => {
    const env = process.env as Record<string, string | undefined>
    const before = { NODE_ENV: env.NODE_ENV, EMAIL_OUTBOX_IN_PRODUCTION: env.EMAIL_OUTBOX_IN_PRODUCTION }
    Object.assign(env, { NODE_ENV: 'production', EMAIL_OUTBOX_IN_PRODUCTION: 'true' })
    try {
      return await work()
    } finally {
      Object.assign(env, before)
    }
  }

  it('in production (outbox chosen), a message carrying a sign-in link is kept marked and without its link, text and HTML', async () => {
    await inProduction(async () => queueEmail(await createLocalReq({}, t.payload), { template: staffPasswordResetEmail, to: 'admin@fixture.test', data: { token: 'live-token-123' } }))
    const [message] = await outbox()
    expect(message).toMatchObject({ to: 'admin@fixture.test', template: 'staff-password-reset', carriesSignInLink: true })
    for (const body of [message!.text, message!.html]) {
      expect(body).not.toContain('live-token-123')
      expect(body).not.toMatch(/https?:\/\//)
      expect(body).toContain('[link withheld: only its recipient may have it]')
    }
  })

  it('in production, a message with no sign-in link is kept whole', async () => {
    await inProduction(async () => queueEmail(await createLocalReq({}, t.payload), { template: someoneUsedYourDetailsMessage, to: 'learner@fixture.test', data: { firstName: 'Ada' } }))
    const [message] = await outbox()
    expect(message).toMatchObject({ template: 'registration-someone-used-your-details', carriesSignInLink: false })
    expect(message!.text).toMatch(/Sign in: http:\/\/localhost:\d+\/sign-in/)
  })

  it('in development, the demo outbox keeps the link, marked', async () => {
    await queueEmail(await createLocalReq({}, t.payload), { template: staffPasswordResetEmail, to: 'dev@fixture.test', data: { token: 'dev-token-456' } })
    const [message] = await outbox()
    expect(message).toMatchObject({ carriesSignInLink: true })
    expect(message!.text).toContain('/admin/reset/dev-token-456')
  })
})

