import { createLocalReq, type CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { decideRegistration, registerLearner, verifyEmail } from '../../src/plugins/registration'
import { type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'

let t: TestPayloadWithFixtures
let f: Fixtures
const system = { overrideAccess: true, depth: 0, context: { skipAudit: true } } as const

beforeAll(async () => {
  t = await startTestPayloadWithFixtures({ SMTP_URL: '' })
  f = t.fixtures
})
afterAll(async () => t?.close())

/** Learner A as Payload loads them on a request, after `changes`. */
async function learnerAWith(changes: Record<string, unknown>) {
  await t.payload.update({ collection: 'accounts', id: f.a.account.id, data: changes as never, ...system })
  const account = await t.payload.findByID({ collection: 'accounts', id: f.a.account.id, ...system })
  return { ...account, collection: 'accounts' } as never
}

const RECORDS: CollectionSlug[] = ['documents', 'achievements', 'candidates', 'orders', 'connections', 'enquiries', 'qualifications', 'products', 'delivery-options']

/** Rows each collection gives the account, or 'refused' where its rule refuses it (Payload's 403; any other error fails the test). */
async function visibleRows(user: never): Promise<Record<string, number | 'refused'>> {
  const counts: Record<string, number | 'refused'> = {}
  for (const collection of RECORDS) {
    try {
      counts[collection] = (await t.payload.find({ collection, overrideAccess: false, user, depth: 0 })).totalDocs
    } catch (error) {
      if ((error as { status?: number }).status !== 403) throw error
      counts[collection] = 'refused'
    }
  }
  return counts
}

describe('what a learner reaches depends on the account as it is now', () => {
  it('an approved, verified learner reaches their record, documents, orders, connections and reports', async () => {
    const counts = await visibleRows(await learnerAWith({ status: 'approved', _verified: true }))
    for (const collection of RECORDS) expect(counts[collection], collection).toBeGreaterThan(0)
  })

  it.each(['pending', 'awaiting-review', 'information-requested', 'rejected', 'suspended'])('a %s account reaches none of it, even still linked to the record', async (status) => {
    const user = await learnerAWith({ status, _verified: true, candidate: f.a.candidate.id })
    expect(await visibleRows(user)).toEqual(Object.fromEntries(RECORDS.map((collection) => [collection, 'refused'])))
    await expect(t.payload.findByID({ collection: 'candidates', id: f.a.candidate.id, overrideAccess: false, user })).rejects.toMatchObject({ status: 403 })
  })

  it('an approved account whose email is not verified reaches none of it', async () => {
    const user = await learnerAWith({ status: 'approved', _verified: false })
    expect(await visibleRows(user)).toEqual(Object.fromEntries(RECORDS.map((collection) => [collection, 'refused'])))
  })

  it('a suspended account cannot report a problem on what it used to see', async () => {
    const user = await learnerAWith({ status: 'suspended', _verified: true })
    const report = t.payload.create({ collection: 'enquiries', data: { subject: 'x', reporter: f.a.account.id, document: f.a.document.id, messages: [{ from: 'reporter', body: 'The grade printed here is wrong.', sentAt: '2026-01-01T00:00:00.000Z' }] } as never, overrideAccess: false, user })
    await expect(report).rejects.toMatchObject({ status: 403 })
  })

  it('still sees its own account (to read why, export its data or delete it), but not the record through it', async () => {
    const user = await learnerAWith({ status: 'suspended', _verified: true, candidate: f.a.candidate.id })
    const own = await t.payload.find({ collection: 'accounts', overrideAccess: false, user, depth: 2 })
    expect(own.docs.map((doc) => doc.id)).toEqual([f.a.account.id])
    expect(own.docs[0]!.candidate).toBe(f.a.candidate.id) // an id, never the record with its date of birth
  })
})

describe('decisions that take a registration back', () => {
  it.each(['reject', 'request-information'] as const)('%s unlinks the record from an approved account', async (action) => {
    await learnerAWith({ status: 'approved', _verified: true, candidate: f.a.candidate.id })
    const req = await createLocalReq({ user: { ...f.staff.support, collection: 'staff' } as never }, t.payload)
    await decideRegistration(req, f.a.account.id, { action, message: 'We could not confirm your identity.' })
    const account = await t.payload.findByID({ collection: 'accounts', id: f.a.account.id, ...system })
    expect(account).toMatchObject({ status: action === 'reject' ? 'rejected' : 'information-requested', candidate: null })
  })
})

describe('a registration matching a record that another account holds', () => {
  it('goes to the review queue instead of being approved, and the holder is told someone tried', async () => {
    await learnerAWith({ status: 'approved', _verified: true, candidate: f.a.candidate.id })
    const candidate = await t.payload.update({ collection: 'candidates', id: f.a.candidate.id, data: { firstName: 'Ada', surname: 'Lovelace' }, ...system })
    const form = {
      candidateNumber: candidate.candidateNumber,
      firstName: candidate.firstName,
      surname: candidate.surname,
      dateOfBirth: '01/01/1990',
      consent: 'on',
      email: 'impostor@example.test',
      password: 'a long enough passphrase',
      confirmPassword: 'a long enough passphrase',
    }
    expect(await registerLearner(t.payload, form)).toEqual({ ok: true })
    const link = await t.payload.find({ collection: 'email-outbox', where: { to: { equals: 'impostor@example.test' } }, ...system })
    const token = /token=([A-Za-z0-9_-]{43})/.exec(link.docs[0]!.text ?? '')![1]!
    expect(await verifyEmail(t.payload, token)).toEqual({ ok: true, outcome: 'review' })

    const impostor = (await t.payload.find({ collection: 'accounts', where: { email: { equals: 'impostor@example.test' } }, ...system })).docs[0]!
    expect(impostor).toMatchObject({ status: 'awaiting-review', candidate: null, registration: expect.objectContaining({ matchOutcome: 'already-linked' }) })
    const told = await t.payload.find({ collection: 'email-outbox', where: { to: { equals: f.a.account.email } }, sort: '-createdAt', limit: 1, ...system })
    expect(told.docs.map((doc) => doc.template)).toEqual(['registration-someone-used-your-details'])
    expect(told.docs[0]!.text).not.toContain('impostor@example.test') // the holder learns that, not who
    expect((await t.payload.findByID({ collection: 'accounts', id: f.a.account.id, ...system })).candidate).toBe(f.a.candidate.id)
  })

  it('a second account can never be linked to the same record, whatever the code path', async () => {
    const write = t.payload.update({ collection: 'accounts', id: f.b.account.id, data: { candidate: f.a.candidate.id }, ...system })
    await expect(write).rejects.toMatchObject({ data: { errors: [expect.objectContaining({ path: 'candidate' })] } })
    expect((await t.payload.findByID({ collection: 'accounts', id: f.b.account.id, ...system })).candidate).toBe(f.b.candidate.id)
  })
})
