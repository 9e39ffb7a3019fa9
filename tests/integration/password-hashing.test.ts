import { pbkdf2Sync } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PASSWORD_HASH } from '../../src/lib/passwords'
import { signInAccount } from '../../src/plugins/registration'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let t: TestPayload
const system = { overrideAccess: true, depth: 0 } as const
const PASSWORD = 'correct horse battery staple'

beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => {
  await t?.close()
})

async function account(email: string, extra: Record<string, unknown> = {}) {
  return t.payload.create({
    collection: 'accounts',
    data: { kind: 'third-party', status: 'approved', email, password: PASSWORD, firstName: 'Hash', lastName: 'Test', _verified: true, ...extra } as never,
    disableVerificationEmail: true,
    ...system,
  })
}
const stored = async (id: number) => (await t.payload.db.findOne<{ id: number; hash: string | null; salt: string | null }>({ collection: 'accounts', where: { id: { equals: id } } }))!

const refusal = (message: RegExp) => ({ data: { errors: [{ path: 'password', message: expect.stringMatching(message) }] } })

describe('the password rule, however the password arrives', () => {
  it('staff passwords follow it too, and a refused one changes nothing', async () => {
    await expect(
      t.payload.create({ collection: 'staff', data: { email: 'short@staff.test', name: 'Short', role: 'support', password: 'short' }, ...system }),
    ).rejects.toMatchObject(refusal(/at least 12 characters/))
    await expect(
      t.payload.create({ collection: 'staff', data: { email: 'common@staff.test', name: 'Common', role: 'support', password: 'password1234' }, ...system }),
    ).rejects.toMatchObject(refusal(/too common/))
    expect((await t.payload.count({ collection: 'staff', where: { email: { in: ['short@staff.test', 'common@staff.test'] } }, ...system })).totalDocs).toBe(0)
  })

  it('a portal account cannot set a weak password through the API either', async () => {
    const { id } = await account('weak-api@example.test')
    const before = await stored(id)
    await expect(t.payload.update({ collection: 'accounts', id, data: { password: 'qwertyuiop12' }, ...system })).rejects.toMatchObject(refusal(/too common/))
    expect((await stored(id)).hash).toBe(before.hash)
  })
})

describe('password storage', () => {
  it('hashes at OWASP’s figure for PBKDF2-HMAC-SHA256: 600,000 iterations, a 32-byte random salt', async () => {
    const { id } = await account('strength@example.test')
    const { hash, salt } = await stored(id)
    expect(hash!.startsWith(PASSWORD_HASH.prefix)).toBe(true)
    expect(salt).toMatch(/^[0-9a-f]{64}$/)
    expect(PASSWORD_HASH.iterations).toBeGreaterThanOrEqual(600_000)
    // Recomputed here from the stored salt with the stated parameters: a weaker hash would not match.
    const expected = pbkdf2Sync(PASSWORD, salt!, PASSWORD_HASH.iterations, PASSWORD_HASH.keyLength, PASSWORD_HASH.digest).toString('hex')
    expect(hash!.slice(PASSWORD_HASH.prefix.length)).toBe(expected)
  })

  it('upgrades an older 25,000-iteration hash the next time its owner signs in', async () => {
    const { id } = await account('legacy-hash@example.test')
    const salt = 'a'.repeat(64)
    const legacyHash = pbkdf2Sync(PASSWORD, salt, 25_000, 512, 'sha256').toString('hex')
    await t.payload.db.updateOne({ collection: 'accounts', id, data: { hash: legacyHash, salt } })
    expect((await signInAccount(t.payload, { ip: '192.0.2.10', email: 'legacy-hash@example.test', password: PASSWORD })).ok).toBe(true)
    expect((await stored(id)).hash!.startsWith(PASSWORD_HASH.prefix)).toBe(true)
  })

  it('an imported account with no password cannot be signed in to, and answers as a wrong password does', async () => {
    const { id } = await account('imported@example.test', { legacyImport: true })
    await t.payload.db.updateOne({ collection: 'accounts', id, data: { hash: null, salt: null } })
    expect(await signInAccount(t.payload, { ip: '192.0.2.11', email: 'imported@example.test', password: PASSWORD })).toEqual({ ok: false, reason: 'failed' })
    expect(await signInAccount(t.payload, { ip: '192.0.2.11', email: 'strength@example.test', password: 'a wrong password here' })).toEqual({ ok: false, reason: 'failed' })
  })

  it('an unconfirmed email is told so only once the password is right', async () => {
    await account('unconfirmed@example.test', { _verified: false })
    expect(await signInAccount(t.payload, { ip: '192.0.2.12', email: 'unconfirmed@example.test', password: 'not the password' })).toEqual({ ok: false, reason: 'failed' })
    expect(await signInAccount(t.payload, { ip: '192.0.2.12', email: 'unconfirmed@example.test', password: PASSWORD })).toEqual({ ok: false, reason: 'unverified' })
  })

  it('the sixth wrong password from one address is throttled; the owner elsewhere is not locked out', async () => {
    for (let i = 0; i < 6; i++) await signInAccount(t.payload, { ip: '192.0.2.13', email: 'strength@example.test', password: `wrong guess number ${i}` })
    const outcome = await signInAccount(t.payload, { ip: '192.0.2.13', email: 'strength@example.test', password: PASSWORD })
    expect(outcome).toMatchObject({ ok: false, reason: 'throttled' })
    expect((await signInAccount(t.payload, { ip: '198.51.100.1', email: 'strength@example.test', password: PASSWORD })).ok).toBe(true)
  })
})
