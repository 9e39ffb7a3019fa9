import type { CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { checkCase, MATRIX, type Api } from '../helpers/accessMatrix'
import { ROLES, rowsOverHiddenRecords, userFor, type Fixtures, type Role } from '../helpers/fixtures'
import { checkLockedDocuments, checkMigrationsAndStore, checkPreferences, INTERNAL_SLUGS } from '../helpers/internalsMatrix'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'

let t: TestPayloadWithFixtures
let f: Fixtures
beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
  f = t.fixtures
})
afterAll(async () => t?.close())

async function localApi(role: Role): Promise<Api> {
  const { payload } = t
  const user = (await userFor(payload, f, role)) as never
  const as = { overrideAccess: false, user, depth: 0 } as const
  const attempt = async (operation: () => Promise<unknown>) => {
    try {
      await operation()
      return { ok: true, status: 200 }
    } catch (error) {
      return { ok: false, status: (error as { status?: number }).status ?? 500 }
    }
  }
  return {
    create: (slug, data, file) =>
      attempt(() => payload.create({ collection: slug, data, file: file && { ...file, size: file.data.length }, disableVerificationEmail: true, ...as } as never)),
    findIds: async (slug) => {
      try {
        const { docs } = await payload.find({ collection: slug, pagination: false, ...as })
        return { ok: true, status: 200, ids: docs.map((doc) => doc.id) }
      } catch (error) {
        return { ok: false, status: (error as { status?: number }).status ?? 500, ids: [] }
      }
    },
    update: (slug, id, data) => attempt(() => payload.update({ collection: slug, id, data, ...as } as never)),
    remove: (slug, id) => attempt(() => payload.delete({ collection: slug as CollectionSlug, id, ...as })),
  }
}

describe('access matrix through the Local API with overrideAccess: false', () => {
  it('covers every collection, ours and Payload’s own', () => {
    expect([...MATRIX.map((test) => test.slug), ...INTERNAL_SLUGS].sort()).toEqual(Object.keys(t.payload.collections).sort())
    expect(t.payload.config.globals.map((global) => global.slug).sort()).toEqual(['payload-jobs-stats', 'site-settings'])
  })
  for (const test of MATRIX) {
    it.each(ROLES)(`${test.slug}: %s`, async (role) => {
      await checkCase(t.payload, f, await localApi(role), test, role)
    })
  }

  it.each(ROLES)('Payload’s document locks: %s', async (role) => {
    await checkLockedDocuments(t.payload, f, await localApi(role), role)
  })
  it.each(ROLES)('Payload’s admin preferences: %s', async (role) => {
    await checkPreferences(t.payload, f, await localApi(role), role)
  })
  it.each(ROLES)('Payload’s migrations and key-value store: %s', async (role) => {
    await checkMigrationsAndStore(t.payload, await localApi(role), role, { rest: false })
  })

  it.each(ROLES)('Payload’s jobs statistics (a bad value stops the job runner): administrators only (%s)', async (role) => {
    const { payload } = t
    const user = (await userFor(payload, f, role)) as never
    const slug = 'payload-jobs-stats' as never
    const before = await payload.findGlobal({ slug, overrideAccess: true })
    const read = payload.findGlobal({ slug, overrideAccess: false, user })
    const update = payload.updateGlobal({ slug, data: { stats: (before as { stats?: unknown }).stats ?? {} } as never, overrideAccess: false, user })
    if (role === 'administrator') {
      await expect(read).resolves.toBeTruthy()
      await expect(update).resolves.toBeTruthy()
    } else {
      await expect(read).rejects.toMatchObject({ status: 403 })
      await expect(update).rejects.toMatchObject({ status: 403 })
    }
  })

  it.each(ROLES)('site settings: everyone reads, only administrators change (%s)', async (role) => {
    const { payload } = t
    const user = (await userFor(payload, f, role)) as never
    const settings = await payload.findGlobal({ slug: 'site-settings', overrideAccess: false, user })
    expect(settings.portalName).toBeTruthy()
    const update = payload.updateGlobal({ slug: 'site-settings', data: { supportPhone: `+44 ${role.length}` }, overrideAccess: false, user })
    if (role === 'administrator') await expect(update).resolves.toBeTruthy()
    else await expect(update).rejects.toMatchObject({ status: 403 })
  })
})

describe('unlocking a locked-out account', () => {
  it.each(ROLES)('is for administrators only (%s)', async (role) => {
    const user = (await userFor(t.payload, f, role)) as never
    // The Local API's unlock takes the acting user at run time, though its type does not name it.
    const unlock = t.payload.unlock({ collection: 'accounts', data: { email: 'learner-b@fixture.test' }, overrideAccess: false, user } as never)
    if (role === 'administrator') await expect(unlock).resolves.toBe(true)
    else await expect(unlock).rejects.toMatchObject({ status: 403 })
  })
})

describe('a learner cannot reach another learner’s records', () => {
  const asLearner = async () => ({ overrideAccess: false, user: (await userFor(t.payload, f, 'learner')) as never })

  it('by id', async () => {
    await expect(t.payload.findByID({ collection: 'documents', id: f.b.document.id, ...(await asLearner()) })).rejects.toMatchObject({ status: 404 })
    await expect(t.payload.findByID({ collection: 'candidates', id: f.b.candidate.id, ...(await asLearner()) })).rejects.toMatchObject({ status: 404 })
  })

  it('by where, on their own fields or through relationships', async () => {
    const learner = await asLearner()
    const byReference = await t.payload.find({ collection: 'documents', where: { reference: { equals: f.b.document.reference } }, ...learner })
    expect(byReference.docs).toEqual([])
    const byCandidateName = await t.payload.find({ collection: 'achievements', where: { 'candidate.surname': { equals: 'Surname200' } }, ...learner })
    expect(byCandidateName.docs).toEqual([])
    const byCode = await t.payload.find({ collection: 'documents', where: { verificationCode: { equals: f.b.document.verificationCode } }, ...learner })
    expect(byCode.docs).toEqual([])
    const byEmail = await t.payload.find({ collection: 'accounts', where: { email: { equals: 'learner-b@fixture.test' } }, ...learner })
    expect(byEmail.docs).toEqual([])
  })

  it('by sorting on a protected field', async () => {
    const { payload } = t
    const learner = await asLearner()
    const system = { overrideAccess: true, depth: 0, pagination: false } as const
    const rows = await rowsOverHiddenRecords(payload, f)
    const ids = (docs: Array<{ id: number }>) => docs.map((doc) => doc.id)
    const throughHidden = [
      ['enquiries', rows.enquiries, ['document.verificationCode', '-document.verificationCode', 'document.candidate.surname', '-document.candidate.dateOfBirth']],
      ['connections', rows.connections, ['thirdParty.email', '-thirdParty.lastName', 'documents.verificationCode']],
    ] as const
    for (const [collection, visible, sorts] of throughHidden) {
      for (const sort of sorts) {
        // The hidden values do order A's two rows: one way up, and the other way round.
        const up = ids((await payload.find({ collection, where: { id: { in: visible } }, sort: sort.replace(/^-/, ''), ...system })).docs)
        const down = ids((await payload.find({ collection, where: { id: { in: visible } }, sort: `-${sort.replace(/^-/, '')}`, ...system })).docs)
        expect(up, `${collection} by ${sort}`).toEqual([...down].reverse())
        expect(up, `${collection} by ${sort}`).not.toEqual(down)
        await expect(payload.find({ collection, sort, depth: 0, ...learner }), `${collection} by ${sort}`).rejects.toMatchObject({
          status: 400,
          message: `You cannot sort on ${sort.replace(/^-/, '')}.`,
        })
      }
    }
    // Support staff read every document, so they may sort on them.
    const support = { overrideAccess: false, user: (await userFor(payload, f, 'support')) as never }
    const bySupport = await payload.find({ collection: 'enquiries', where: { id: { in: rows.enquiries } }, sort: '-document.verificationCode', depth: 0, ...support })
    expect(ids(bySupport.docs)).toEqual(ids((await payload.find({ collection: 'enquiries', where: { id: { in: rows.enquiries } }, sort: '-document.verificationCode', ...system })).docs))
    // On what A may read, sorting works, and on A's rows only.
    await payload.create({ collection: 'documents', data: { achievement: f.a.achievement.id, type: 'transcript' } as never, ...system })
    const own = ids((await payload.find({ collection: 'documents', where: { candidate: { equals: f.a.candidate.id } }, sort: 'verificationCode', ...system })).docs)
    expect(own).toHaveLength(2)
    expect(ids((await payload.find({ collection: 'documents', sort: 'verificationCode', depth: 0, ...learner })).docs)).toEqual(own)
    expect(ids((await payload.find({ collection: 'documents', sort: '-verificationCode', depth: 0, ...learner })).docs)).toEqual([...own].reverse())
  })

  it('through depth: a related record of someone else stays an id', async () => {
    const { payload } = t
    // A staff mistake links learner A's order and connection to learner B's records.
    await payload.update({ collection: 'orders', id: f.a.order.id, data: { items: [{ ...f.a.order.items[0], achievement: f.b.achievement.id }] } as never, overrideAccess: true })
    await payload.update({ collection: 'connections', id: f.a.connection.id, data: { documents: [f.a.document.id, f.b.document.id] }, overrideAccess: true })
    const learner = await asLearner()
    const order = await payload.findByID({ collection: 'orders', id: f.a.order.id, depth: 3, ...learner })
    expect(order.items[0]!.achievement).toBe(f.b.achievement.id)
    const connection = await payload.findByID({ collection: 'connections', id: f.a.connection.id, depth: 3, ...learner })
    const shared = connection.documents as Array<number | { id: number; reference: string }>
    expect(shared.find((d) => typeof d === 'object' && d.id === f.a.document.id)).toMatchObject({ reference: f.a.document.reference })
    expect(shared).toContain(f.b.document.id)
    const ownDocument = await payload.findByID({ collection: 'documents', id: f.a.document.id, depth: 3, ...learner })
    expect(ownDocument.achievement).toMatchObject({ id: f.a.achievement.id, candidate: { id: f.a.candidate.id } })
  })
})
