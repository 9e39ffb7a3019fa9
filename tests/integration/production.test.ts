import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { migrations as committed } from '../../src/migrations'
import { runCreateAdmin } from '../helpers/commands'
import { createTestDatabase } from '../helpers/database'
import { expectScriptsUnderPolicy } from '../helpers/scriptPolicy'
import { startServer, type RunningServer } from '../helpers/server'

const PRODUCTION = { NODE_ENV: 'production', PAYLOAD_SECRET: 'production-test-secret-0123456789', EMAIL_OUTBOX_IN_PRODUCTION: 'true' }
let database: Awaited<ReturnType<typeof createTestDatabase>>
let server: RunningServer

beforeAll(async () => {
  // The pages are the run's one `next build` (the global set-up runs it as `npm run build` does).
  database = await createTestDatabase(inject('databaseServerUrl'), { empty: true })
  server = await startServer({ ...PRODUCTION, DATABASE_URL: database.url })
}, 240_000)

afterAll(async () => {
  await server?.stop()
  await database?.drop()
})

describe('production mode (npm run build && npm start)', () => {
  it('applied the committed migrations to an empty database before listening, and seeded nothing', async () => {
    expect(server.output()).toContain('Migrated:')
    expect(server.output().indexOf('Migrated:')).toBeLessThan(server.output().indexOf('Ready on'))
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      const migrations = await client.query<{ name: string; batch: number }>('select name, batch from payload_migrations order by name')
      expect(migrations.rows.map((row) => ({ name: row.name, applied: Number(row.batch) > 0 }))).toEqual(committed.map(({ name }) => ({ name, applied: true })))
      expect((await client.query('select count(*)::int as n from staff')).rows[0].n).toBe(0)
    } finally {
      await client.end()
    }
  })

  it('serves the portal, the admin and health at once, with HSTS', async () => {
    const home = await fetch(server.url)
    expect(home.status).toBe(200)
    expect(home.headers.get('strict-transport-security')).toContain('max-age=')
    expect((await fetch(`${server.url}/admin/login`)).status).toBe(200)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('runs only the scripts it served itself, prerendered pages included', async () => {
    for (const path of ['/', '/help', '/sign-in', '/register', '/register/third-party', '/forgot-password', '/admin/login']) await expectScriptsUnderPolicy(`${server.url}${path}`)
  })

  it('on the empty staff table, the admin names npm run create-admin and first-register is refused', async () => {
    const page = await (await fetch(`${server.url}/admin/create-first-user`)).text()
    expect(page).toContain('npm run create-admin -- --email you@example.org --name')
    const created = await fetch(`${server.url}/api/staff/first-register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({ email: 'first@fixture.test', password: 'harbour-lantern-keeper', name: 'First', role: 'administrator' }),
    })
    expect(created.status).toBe(403)
  })

  it('npm run create-admin makes the first administrator in production; the session cookie is Secure and HttpOnly', async () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: database.url, PAYLOAD_SECRET: 'production-test-secret-0123456789', EMAIL_OUTBOX_IN_PRODUCTION: 'true' }
    expect(await runCreateAdmin(['--email', 'first@fixture.test', '--name', 'First'], 'harbour-lantern-keeper\n', env)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Administrator first@fixture.test created.'),
    })
    const login = await fetch(`${server.url}/api/staff/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'first@fixture.test', password: 'harbour-lantern-keeper' }),
    })
    expect(await login.json()).toMatchObject({ user: { email: 'first@fixture.test', role: 'administrator' } })
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('payload-token='))!
    expect(cookie).toMatch(/;\s*Secure/i)
    expect(cookie).toMatch(/;\s*HttpOnly/i)
  })

  it('refuses to start without PAYLOAD_SECRET, saying why, before touching a database', async () => {
    await expect(startServer({ ...PRODUCTION, DATABASE_URL: database.url, PAYLOAD_SECRET: '' })).rejects.toThrow(
      /exited with 1[\s\S]*PAYLOAD_SECRET must be set in production/,
    )
  })

  it('refuses to start without a mail server unless keeping mail in the outbox is chosen, and says so when it is', async () => {
    await expect(startServer({ ...PRODUCTION, DATABASE_URL: database.url, EMAIL_OUTBOX_IN_PRODUCTION: '' })).rejects.toThrow(
      /exited with 1[\s\S]*SMTP_URL must be set in production, or EMAIL_OUTBOX_IN_PRODUCTION=true/,
    )
    expect(server.output()).toContain('EMAIL_OUTBOX_IN_PRODUCTION=true: no email is delivered')
  })
})
