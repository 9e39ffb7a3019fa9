import { createHash } from 'node:crypto'
import crypto from 'node:crypto'
import { syncBuiltinESMExports } from 'node:module'

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { signInAccount } from '../../src/plugins/registration'
import { createFixtures, PASSWORD, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { signIn, startServer, type RunningServer } from '../helpers/server'
import { startSmtpServer } from '../helpers/smtp'

/**
 * Staff sign-in, forgot password and reset through REST, exactly as the admin's forms send
 * them (Chromium is not needed: the admin posts `_payload` form data and reads the JSON), and
 * what staff may write through REST. The Local API side is in staff-edits.test.ts.
 */
let t: TestPayload
let server: RunningServer
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
const system = { overrideAccess: true, depth: 0 } as const

beforeAll(async () => {
  t = await startTestPayload()
  smtp = await startSmtpServer()
  // TRUST_PROXY lets each request say which address it comes from (X-Forwarded-For), as behind a load balancer.
  server = await startServer({ DATABASE_URL: t.databaseUrl, TRUST_PROXY: 'true', SMTP_URL: smtp.url })
  // Development mode compiles each route on its first request: do it here, not in the tests' time.
  for (const route of ['/admin/login', '/api/staff/init']) await fetch(`${server.url}${route}`)
}, 300_000)

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(`Server output before the failure:\n${server.output().slice(-3000)}`)
})

afterAll(async () => {
  await server?.stop()
  await smtp?.close()
  await t?.close()
})

/** A form the admin submits: its fields as JSON in `_payload`, from a browser on this origin at `ip`. */
function adminForm(path: string, fields: Record<string, unknown>, { ip = '203.0.113.1', cookie, method = 'POST' }: { ip?: string; cookie?: string; method?: string } = {}) {
  const body = new FormData()
  body.append('_payload', JSON.stringify(fields))
  return fetch(`${server.url}${path}`, { method, body, headers: { Origin: server.url, 'Accept-Language': 'en', 'X-Forwarded-For': ip, ...(cookie ? { Cookie: cookie } : {}) } })
}

type Answer = { status: number; body: unknown; retryAfter: string | null; ms: number }
async function staffLogin(email: string, password: string, ip: string): Promise<Answer> {
  const started = performance.now()
  const response = await adminForm('/api/staff/login', { email, password }, { ip })
  return { status: response.status, body: await response.json(), retryAfter: response.headers.get('retry-after'), ms: performance.now() - started }
}

/** A page or API read as a browser on this origin makes it. */
const browserGet = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { headers: { Origin: server.url, ...(cookie ? { Cookie: cookie } : {}) }, redirect: 'manual' })

const sessionCookie = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith('payload-token='))

describe('on an empty database (a new production database, candidates imported before go-live)', () => {
  it('nobody registers a first account through Payload’s first-register route, portal or staff', async () => {
    const register = (collection: string, data: Record<string, unknown>) =>
      fetch(`${server.url}/api/${collection}/first-register`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify(data) })
    const account = await register('accounts', { email: 'claim@example.test', password: 'harbour lantern keeper', firstName: 'C', lastName: 'Laim', kind: 'learner', status: 'approved' })
    expect(account.status).toBe(403)
    expect(await account.json()).toEqual({ errors: [{ message: 'Portal accounts are made by registering at /register.' }] })
    const staff = await register('staff', { email: 'first@example.test', password: 'harbour lantern keeper', name: 'First', role: 'administrator' })
    expect(staff.status).toBe(403)
    expect(await staff.json()).toEqual({ errors: [{ message: 'The first administrator is created on the server with `npm run create-admin`.' }] })
    expect(sessionCookie(staff)).toBeUndefined()
    expect((await t.payload.count({ collection: 'accounts', ...system })).totalDocs).toBe(0)
    expect((await t.payload.count({ collection: 'staff', ...system })).totalDocs).toBe(0)
  })

  it('the admin’s create-first-user page says to run npm run create-admin, and offers no form to create an account', async () => {
    const page = await browserGet('/admin/create-first-user')
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('No administrator yet')
    expect(html).toContain('npm run create-admin -- --email you@example.org --name')
    // Payload's own view is a client form posting to first-register: its module is not on the page.
    expect(html).not.toContain('views/CreateFirstUser/index.client')
  })
})

describe('with staff', () => {
  let f: Fixtures
  beforeAll(async () => {
    f = await createFixtures(t.payload)
  })

  describe('sign-in (the admin’s login form: POST /api/staff/login)', () => {
    it('signs in with the right password: the session cookie, and the user and expiry the admin needs, never the token in the body', async () => {
      const response = await adminForm('/api/staff/login', { email: 'Support@Fixture.test', password: PASSWORD })
      expect(response.status).toBe(200)
      const body = (await response.json()) as Record<string, unknown>
      expect(body).toMatchObject({ message: 'Signed in.', user: { id: f.staff.support.id, email: 'support@fixture.test', role: 'support', collection: 'staff' }, exp: expect.any(Number) })
      expect(body).not.toHaveProperty('token')
      expect(JSON.stringify(body)).not.toMatch(/"(hash|salt|resetPasswordToken|loginAttempts)"/)
      const cookie = sessionCookie(response)!
      expect(cookie).toMatch(/;\s*HttpOnly/i)
      const session = cookie.split(';')[0]!
      const me = await browserGet('/api/staff/me', session)
      expect(await me.json()).toMatchObject({ user: { email: 'support@fixture.test', collection: 'staff' } })
      // The admin itself opens for that session: the dashboard, not the login form.
      const admin = await browserGet('/admin', session)
      expect(admin.status).toBe(200)
      expect(await admin.text()).not.toContain('NEXT_REDIRECT')
    })

    it('gives an unknown email and a wrong password the same answer, every time, and never the lockout message', async () => {
      for (let attempt = 1; attempt <= 5; attempt++) {
        const wrong = await staffLogin('admin@fixture.test', `wrong guess ${attempt}`, '198.51.100.10')
        const unknown = await staffLogin('nobody@fixture.test', `wrong guess ${attempt}`, '198.51.100.11')
        expect({ attempt, status: wrong.status, body: wrong.body }).toEqual({ attempt, status: unknown.status, body: unknown.body })
        expect(wrong).toMatchObject({ status: 401, body: { errors: [{ message: 'The email address or password is not right.' }] } })
        // The floor under every refusal: an unknown email does not answer sooner.
        expect(Math.min(wrong.ms, unknown.ms)).toBeGreaterThanOrEqual(490)
      }
    })

    it('five wrong passwords from one address do not lock the administrator out from their own; that address is throttled', async () => {
      const attacker = '198.51.100.20'
      for (let attempt = 1; attempt <= 5; attempt++) expect((await staffLogin('admin@fixture.test', `guess number ${attempt}`, attacker)).status).toBe(401)
      const owner = await staffLogin('admin@fixture.test', PASSWORD, '192.0.2.77')
      expect(owner).toMatchObject({ status: 200, body: { user: { email: 'admin@fixture.test', role: 'administrator' } } })
      const sixth = await staffLogin('admin@fixture.test', `guess number 6`, attacker)
      expect(sixth).toMatchObject({ status: 401 })
      const throttled = await staffLogin('admin@fixture.test', PASSWORD, attacker)
      expect(throttled).toMatchObject({ status: 429, body: { errors: [{ message: 'Too many attempts. Wait before trying again.' }] } })
      expect(Number(throttled.retryAfter)).toBeGreaterThan(0)
      // Payload's own per-account lockout never counted.
      const stored = await t.payload.db.findOne<{ id: number; loginAttempts?: number | null; lockUntil?: string | null }>({ collection: 'staff', where: { id: { equals: f.staff.administrator.id } } })
      expect({ loginAttempts: stored?.loginAttempts ?? 0, lockUntil: stored?.lockUntil ?? null }).toEqual({ loginAttempts: 0, lockUntil: null })
    })

    it('a wrong password and an unknown email each cost exactly one password hash, as the right one does', async () => {
      const hashes = vi.spyOn(crypto, 'pbkdf2')
      syncBuiltinESMExports()
      try {
        const countFor = async (email: string, password: string) => {
          hashes.mockClear()
          const outcome = await signInAccount(t.payload, { collection: 'staff', ip: '192.0.2.88', email, password })
          return { ok: outcome.ok, hashes: hashes.mock.calls.length }
        }
        expect(await countFor('content@fixture.test', 'not the password')).toEqual({ ok: false, hashes: 1 })
        expect(await countFor('nobody-here@fixture.test', 'not the password')).toEqual({ ok: false, hashes: 1 })
        expect(await countFor('content@fixture.test', PASSWORD)).toEqual({ ok: true, hashes: 1 })
      } finally {
        hashes.mockRestore()
        syncBuiltinESMExports()
      }
    })
  })

  describe('forgot password and the reset link (the admin’s forms)', () => {
    const linkIn = (text: string) => /\/admin\/reset\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? ''

    it('answers an unknown and a known email alike; only the known one is emailed, and only the link’s hash is stored', async () => {
      const known = await adminForm('/api/staff/forgot-password', { email: 'Content@Fixture.test' })
      const unknown = await adminForm('/api/staff/forgot-password', { email: 'nobody@fixture.test' })
      expect({ status: known.status, body: await known.json() }).toEqual({ status: unknown.status, body: await unknown.json() })
      expect(known.status).toBe(200)
      const mail = await smtp.waitFor('content@fixture.test', /Reset your staff password/)
      const token = linkIn(mail.text)
      expect(token.length).toBeGreaterThanOrEqual(40)
      // The link is made after the answer, and emailed before its transaction commits: wait for the row.
      const storedToken = async () => {
        for (let tries = 0; tries < 50; tries++) {
          const row = await t.payload.db.findOne<{ id: number; resetPasswordToken?: string | null }>({ collection: 'staff', where: { email: { equals: 'content@fixture.test' } } })
          if (row?.resetPasswordToken) return row.resetPasswordToken
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
        return null
      }
      const stored = { resetPasswordToken: await storedToken() }
      expect(stored.resetPasswordToken).toBe(createHash('sha256').update(token).digest('hex'))
      // The stored value opens nothing.
      expect((await adminForm('/api/staff/reset-password', { token: stored.resetPasswordToken, password: 'stolen table phrase', 'confirm-password': 'stolen table phrase' })).status).toBe(400)
      expect(smtp.received.filter((m) => m.to === 'nobody@fixture.test')).toEqual([])
    })

    it('the emailed link sets a new password once, under the password rule', async () => {
      const token = linkIn((await smtp.waitFor('content@fixture.test', /Reset your staff password/)).text)
      const reset = (password: string) => adminForm('/api/staff/reset-password', { token, password, 'confirm-password': password })
      const weak = await reset('password1234')
      expect(weak.status).toBe(400)
      expect(await weak.json()).toEqual({ errors: [{ path: 'password', message: expect.stringMatching(/too common/) }] })
      const done = await reset('velvet summit otter')
      expect({ status: done.status, body: await done.json() }).toEqual({ status: 200, body: { message: 'Your password has been changed. Sign in with it.' } })
      expect((await staffLogin('content@fixture.test', 'velvet summit otter', '192.0.2.90')).status).toBe(200)
      const again = await reset('another fine phrase')
      expect(again.status).toBe(400)
      expect(await again.json()).toEqual({ errors: [{ path: 'token', message: 'This link has expired or has already been used. Ask for a new one.' }] })
      expect((await staffLogin('content@fixture.test', 'another fine phrase', '192.0.2.90')).status).toBe(401)
    })
  })

  describe('what staff write through REST', () => {
    it('support cannot set a portal account’s password', async () => {
      const cookie = await signIn(server.url, 'staff', 'support@fixture.test', PASSWORD)
      const response = await adminForm(`/api/accounts/${f.a.account.id}`, { password: 'chosen by the helpdesk' }, { cookie, method: 'PATCH' })
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ errors: [{ message: 'Staff cannot set the password of a portal account. Send the account holder a link to choose a new password instead.' }] })
      expect((await signInAccount(t.payload, { ip: '192.0.2.91', email: 'learner-a@fixture.test', password: PASSWORD })).ok).toBe(true)
    })

    it('a staff member changing their own password from the account view gives the current one', async () => {
      const cookie = await signIn(server.url, 'staff', 'admin@fixture.test', PASSWORD)
      const without = await adminForm(`/api/staff/${f.staff.administrator.id}`, { password: 'a chief of staff passphrase', 'confirm-password': 'a chief of staff passphrase' }, { cookie, method: 'PATCH' })
      expect(without.status).toBe(403)
      expect(await without.json()).toMatchObject({ errors: [{ message: 'Give your current password to change your email address or password.' }] })
      const withIt = await adminForm(`/api/staff/${f.staff.administrator.id}`, { password: 'a chief of staff passphrase', currentPassword: PASSWORD }, { cookie, method: 'PATCH' })
      expect(withIt.status).toBe(200)
      expect((await staffLogin('admin@fixture.test', 'a chief of staff passphrase', '192.0.2.92')).status).toBe(200)
    })

    it('the account view offers the current-password box', async () => {
      const cookie = await signIn(server.url, 'staff', 'support@fixture.test', PASSWORD)
      const html = await (await browserGet('/admin/account', cookie)).text()
      expect(html).toContain('field-currentPassword')
      expect(html).toContain('Needed only to change your email address or password.')
    })

    it('nobody writes createdAt, not even an administrator', async () => {
      const cookie = await signIn(server.url, 'staff', 'admin@fixture.test', 'a chief of staff passphrase')
      const before = (await t.payload.findByID({ collection: 'candidates', id: f.a.candidate.id, ...system })).createdAt
      const response = await adminForm(`/api/candidates/${f.a.candidate.id}`, { createdAt: '2001-02-03T04:05:06.000Z' }, { cookie, method: 'PATCH' })
      expect(response.status).toBe(200)
      expect((await t.payload.findByID({ collection: 'candidates', id: f.a.candidate.id, ...system })).createdAt).toBe(before)
    })
  })
})
