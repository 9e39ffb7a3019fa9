import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { signInAccount } from '../../src/plugins/registration'
import { runCreateAdmin } from '../helpers/commands'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { freePort } from '../helpers/server'

/** `npm run create-admin`: the only way to make the first administrator (production: production.test.ts). */
let t: TestPayload
const system = { overrideAccess: true, depth: 0 } as const

beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

const onTestDatabase = () => ({ DATABASE_URL: t.databaseUrl })
const staffWith = async (email: string) => (await t.payload.find({ collection: 'staff', where: { email: { equals: email } }, ...system })).docs
const signsIn = async (email: string, password: string) => (await signInAccount(t.payload, { collection: 'staff', ip: '192.0.2.40', email, password })).ok

describe('npm run create-admin on DATABASE_URL', () => {
  it('creates an administrator from the options and the password on standard input, who can then sign in', async () => {
    const result = await runCreateAdmin(['--email', ' First.Admin@Example.org ', '--name', 'Ada Admin'], 'harbour lantern keeper\n', onTestDatabase())
    expect(result.stdout).toContain('Administrator first.admin@example.org created. Sign in at ')
    expect(result.code).toBe(0)
    expect(await staffWith('first.admin@example.org')).toEqual([expect.objectContaining({ name: 'Ada Admin', role: 'administrator' })])
    expect(await signsIn('first.admin@example.org', 'harbour lantern keeper')).toBe(true)
  })

  it('refuses a password that breaks the password rule, saying why, and creates nobody', async () => {
    const common = await runCreateAdmin(['--email', 'weak@example.org', '--name', 'Weak'], 'password1234\n', onTestDatabase())
    expect(common).toMatchObject({ code: 1, stderr: expect.stringContaining('This password is too common and easy to guess.') })
    expect(common.stderr).toContain('Nothing was changed.')
    expect(await staffWith('weak@example.org')).toEqual([])
  })

  it('refuses an email address that is already a staff member’s, and changes nothing', async () => {
    const result = await runCreateAdmin(['--email', 'FIRST.admin@example.org', '--name', 'Impostor'], 'a takeover passphrase\n', onTestDatabase())
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('A staff member with the email address first.admin@example.org already exists. Nothing was changed.') })
    expect(await staffWith('first.admin@example.org')).toEqual([expect.objectContaining({ name: 'Ada Admin' })])
    expect(await signsIn('first.admin@example.org', 'a takeover passphrase')).toBe(false)
  })

  it('refuses an unknown option, with the usage', async () => {
    expect(await runCreateAdmin(['--role', 'administrator'], '', onTestDatabase())).toMatchObject({ code: 1, stderr: expect.stringContaining("Unknown option '--role'") })
  })
})

describe('npm run create-admin on the embedded database (no DATABASE_URL)', () => {
  it('starts it, creates the administrator there (asking for the email and name it was not given), and stops it', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'create-admin-pg-'))
    const env = { DATABASE_URL: '', EMBEDDED_POSTGRES_DIR: folder, EMBEDDED_POSTGRES_PORT: String(await freePort()) }
    try {
      const result = await runCreateAdmin([], 'embedded@example.org\nEm Bedded\nquiet meadow lantern\n', env)
      expect(result.stderr).toContain(`Embedded PostgreSQL is running on port ${env.EMBEDDED_POSTGRES_PORT}`)
      expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('Administrator embedded@example.org created.') })
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }, 180_000)
})
