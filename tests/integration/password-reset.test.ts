import { createHash } from 'node:crypto'

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { requestPasswordReset, resetPassword } from '../../src/plugins/registration'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let t: TestPayload
const system = { overrideAccess: true, depth: 0 } as const

beforeAll(async () => {
  t = await startTestPayload({ SMTP_URL: '' })
  await t.payload.create({ collection: 'accounts', data: { email: 'legacy@example.test', kind: 'learner', status: 'approved', firstName: 'Lee', lastName: 'Gacy', legacyImport: true, _verified: true, password: 'placeholder-never-told-anyone' } as never, disableVerificationEmail: true, ...system })
})
afterEach(() => vi.useRealTimers())
afterAll(async () => t?.close())

const outboxFor = async (to: string) => (await t.payload.find({ collection: 'email-outbox', where: { to: { equals: to } }, sort: '-createdAt', ...system })).docs
const tokenIn = (text?: string | null) => /reset-password\?token=([a-f0-9]+)/.exec(text ?? '')?.[1] ?? ''
const signsIn = (password: string) =>
  t.payload.login({ collection: 'accounts', data: { email: 'legacy@example.test', password } }).then(
    () => true,
    () => false,
  )

describe('forgot password', () => {
  it('emails a portal link for a known address, and nothing (with the same answer) for an unknown one', async () => {
    await expect(requestPasswordReset(t.payload, 'nobody@example.test')).resolves.toBeUndefined()
    expect(await outboxFor('nobody@example.test')).toEqual([])
    await expect(requestPasswordReset(t.payload, ' Legacy@Example.test ')).resolves.toBeUndefined()
    const [mail] = await outboxFor('legacy@example.test')
    expect(mail).toMatchObject({ template: 'portal-password-reset', subject: 'Choose a new password' })
    const token = tokenIn(mail!.text)
    expect(token).not.toBe('')
    // Only the token's hash is kept: a copy of the database opens no account.
    const stored = await t.payload.db.findOne<{ id: number; resetPasswordToken?: string }>({ collection: 'accounts', where: { email: { equals: 'legacy@example.test' } } })
    expect(stored?.resetPasswordToken).toBe(createHash('sha256').update(token).digest('hex'))
    expect(await resetPassword(t.payload, { token: stored!.resetPasswordToken!, password: 'stolen table phrase', confirmPassword: 'stolen table phrase' })).toMatchObject({ ok: false })
  })

  it('the link works once, within 60 minutes; a weak password is refused and uses nothing up', async () => {
    const token = tokenIn((await outboxFor('legacy@example.test'))[0]!.text)
    expect(await resetPassword(t.payload, { token, password: 'password1234', confirmPassword: 'password1234' })).toEqual({ ok: false, errors: { password: expect.stringMatching(/too common/) } })
    expect(await resetPassword(t.payload, { token, password: 'velvet summit otter', confirmPassword: 'velvet summit otter' })).toEqual({ ok: true })
    expect(await signsIn('velvet summit otter')).toBe(true)
    expect(await resetPassword(t.payload, { token, password: 'another fine phrase', confirmPassword: 'another fine phrase' })).toMatchObject({ ok: false, errors: { token: expect.stringMatching(/expired or has already been used/) } })
    expect(await signsIn('another fine phrase')).toBe(false)
  })

  it('a link works until 60 minutes after it was sent, and not after', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const linkSentAt = async (iso: string) => {
      vi.setSystemTime(new Date(iso))
      const before = (await outboxFor('legacy@example.test')).length
      await requestPasswordReset(t.payload, 'legacy@example.test')
      const mails = await outboxFor('legacy@example.test')
      expect(mails.length).toBe(before + 1)
      return tokenIn(mails[0]!.text)
    }
    const inTime = await linkSentAt('2027-05-01T10:00:00.000Z')
    vi.setSystemTime(new Date('2027-05-01T10:59:00.000Z'))
    expect(await resetPassword(t.payload, { token: inTime, password: 'just in time phrase', confirmPassword: 'just in time phrase' })).toEqual({ ok: true })
    const late = await linkSentAt('2027-05-01T12:00:00.000Z')
    vi.setSystemTime(new Date('2027-05-01T13:00:01.000Z'))
    expect(await resetPassword(t.payload, { token: late, password: 'too late phrase here', confirmPassword: 'too late phrase here' })).toMatchObject({ ok: false })
    expect(await signsIn('too late phrase here')).toBe(false)
    expect(await signsIn('just in time phrase')).toBe(true)
  })
})
