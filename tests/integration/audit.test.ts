import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { userFor, type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'

let t: TestPayloadWithFixtures
let f: Fixtures
const system = { overrideAccess: true, depth: 0 } as const

beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
  f = t.fixtures
})
afterAll(async () => t?.close())

/** The summary of the newest audit entry about this record. */
async function latestSummary(entity: string, id: number): Promise<string | null | undefined> {
  const { docs } = await t.payload.find({ collection: 'audit-log', where: { entity: { equals: entity }, entityId: { equals: String(id) } }, sort: '-createdAt', limit: 1, ...system })
  return docs[0]?.summary
}

describe('the audit trail names exactly the fields that changed', () => {
  it('a support edit of a linked account’s phone number records the phone, not the (populated) candidate', async () => {
    const support = await userFor(t.payload, f, 'support')
    // Depth 1, as the admin and REST read it: the candidate comes back as a document, the previous version as an id.
    await t.payload.update({ collection: 'accounts', id: f.a.account.id, data: { phone: '+44 20 7946 0001' }, depth: 1, overrideAccess: false, user: support })
    expect(await latestSummary('accounts', f.a.account.id)).toBe('Changed: phone')
  })

  it('a change to a document’s verify-page switch records that switch, not its populated achievement and candidate', async () => {
    const support = await userFor(t.payload, f, 'support')
    await t.payload.update({ collection: 'documents', id: f.b.document.id, data: { showOnVerify: true }, depth: 2, overrideAccess: false, user: support })
    expect(await latestSummary('documents', f.b.document.id)).toBe('Changed: showOnVerify')
  })

  it('an order’s delivery address change records the address, not its items’ populated products, nor an achievement’s documents', async () => {
    const support = await userFor(t.payload, f, 'support')
    // (Its status is the store's to change, through the order's actions: support edits the addresses directly.)
    await t.payload.update({ collection: 'orders', id: f.a.order.id, data: { deliveryAddress: { fullName: 'A Learner', line1: '2 New Road', town: 'York', postcode: 'YO1 7HH', country: 'GB' } }, depth: 1, overrideAccess: false, user: support })
    expect(await latestSummary('orders', f.a.order.id)).toBe('Changed: deliveryAddress')
    await t.payload.update({ collection: 'achievements', id: f.a.achievement.id, data: { grade: 'Merit' }, depth: 1, overrideAccess: false, user: support })
    expect(await latestSummary('achievements', f.a.achievement.id)).toBe('Changed: grade')
  })

  it('a change of a related record is recorded, populated or not', async () => {
    const support = await userFor(t.payload, f, 'support')
    // (An account's candidate record is linked only by the review's decisions, so an achievement's qualification here.)
    const other = await t.payload.create({ collection: 'qualifications', data: { qualificationNumber: '603/0000/1', title: 'Other qualification', level: '2', type: 'regulated' }, overrideAccess: true })
    await t.payload.update({ collection: 'achievements', id: f.a.achievement.id, data: { qualification: other.id }, depth: 1, overrideAccess: false, user: support })
    expect(await latestSummary('achievements', f.a.achievement.id)).toBe('Changed: qualification')
  })

  it('an edit that changes nothing records nothing', async () => {
    const support = await userFor(t.payload, f, 'support')
    const before = (await t.payload.count({ collection: 'audit-log', ...system })).totalDocs
    await t.payload.update({ collection: 'accounts', id: f.thirdParty.id, data: { companyName: 'Acme' }, depth: 1, overrideAccess: false, user: support })
    expect((await t.payload.count({ collection: 'audit-log', ...system })).totalDocs).toBe(before)
  })
})
