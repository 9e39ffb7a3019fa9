import type { CollectionSlug, Payload } from 'payload'
import { expect } from 'vitest'

import type { Fixtures, Role } from './fixtures'
import { PASSWORD } from './fixtures'

type Scope = 'all' | 'own' | 'published' | 'none'
type Rule = { create: boolean; read: Scope; update: Exclude<Scope, 'published'>; delete: boolean }
type Id = number | string

/** What one role may do to one collection. */
const NONE: Rule = { create: false, read: 'none', update: 'none', delete: false }
const FULL: Rule = { create: true, read: 'all', update: 'all', delete: true }
const MANAGE: Rule = { create: true, read: 'all', update: 'all', delete: false }
const READ_ALL: Rule = { ...NONE, read: 'all' }
const READ_OWN: Rule = { ...NONE, read: 'own' }
const SELF: Rule = { ...NONE, read: 'own', update: 'own' }

const recordRules = (learner: Rule): Record<Role, Rule> => ({
  administrator: FULL,
  support: MANAGE,
  content: NONE,
  learner,
  thirdParty: NONE,
  anonymous: NONE,
})

export type MatrixCase = {
  slug: CollectionSlug
  rules: Record<Role, Rule>
  newRow: (f: Fixtures) => Record<string, unknown>
  change: Record<string, unknown>
  /** A row the role does not own (learner B's, or any). */
  other: (f: Fixtures) => Id
  /** The rows the role owns, where its scope is `own`. */
  own?: (f: Fixtures, role: Role) => Id[]
  /** Where a role's create is refused by its own rule with another status than 403 (the rule's answer, not a validation's). */
  createRefusedWith?: Partial<Record<Role, number>>
  /** For an upload collection, the file a new row is created with. */
  file?: () => UploadFile
}

export type UploadFile = { name: string; mimetype: string; data: Buffer }

/** The smallest PNG there is (1 by 1 pixel), for upload collections. */
export const TINY_PNG = () => ({
  name: 'tiny.png',
  mimetype: 'image/png',
  data: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
})

const u = (f: Fixtures) => f.unique()
/** Each new tombstone names a connection id of its own (they are unique). */
let tombstones = 0

export const MATRIX: MatrixCase[] = [
  {
    slug: 'candidates',
    rules: recordRules(READ_OWN),
    newRow: (f) => ({ candidateNumber: `N${u(f)}`.slice(0, 20), firstName: 'New', surname: 'Candidate', dateOfBirth: '1999-09-09T00:00:00.000Z' }),
    change: { centre: 'Changed centre' },
    other: (f) => f.b.candidate.id,
    own: (f) => [f.a.candidate.id],
  },
  {
    slug: 'qualifications',
    rules: recordRules(READ_ALL),
    newRow: (f) => ({ qualificationNumber: `QX-${u(f)}`.slice(0, 30), title: 'New qualification', level: '2', type: 'accreditation' }),
    change: { title: 'Changed title' },
    other: (f) => f.qualification.id,
  },
  {
    slug: 'achievements',
    rules: recordRules(READ_OWN),
    newRow: (f) => ({ candidate: f.b.candidate.id, qualification: f.qualification.id, grade: 'Merit', issueDate: '2025-01-01T00:00:00.000Z' }),
    change: { grade: 'Distinction' },
    other: (f) => f.b.achievement.id,
    own: (f) => [f.a.achievement.id],
  },
  {
    slug: 'documents',
    // A third party reads the documents shared with it in active connections: none in the fixtures (tests/integration/connections-access.test.ts).
    rules: { ...recordRules(READ_OWN), thirdParty: READ_OWN },
    newRow: (f) => ({ achievement: f.b.achievement.id, type: 'transcript' }),
    change: { issueDate: '2024-02-02T00:00:00.000Z' },
    other: (f) => f.b.document.id,
    own: (f, role) => (role === 'thirdParty' ? [] : [f.a.document.id]),
  },
  {
    slug: 'accounts',
    rules: { ...recordRules(SELF), thirdParty: SELF },
    newRow: (f) => ({ email: `new-${u(f)}@fixture.test`, password: PASSWORD, kind: 'third-party', firstName: 'New', lastName: 'Account' }),
    change: { phone: '+441632960000' }, // as stored (E.164)
    other: (f) => f.b.account.id,
    own: (f, role) => [role === 'thirdParty' ? f.thirdParty.id : f.a.account.id],
  },
  {
    slug: 'account-photos',
    rules: {
      administrator: { ...READ_ALL, delete: true },
      support: { ...READ_ALL, delete: true },
      content: NONE,
      learner: READ_OWN,
      thirdParty: READ_OWN,
      anonymous: NONE,
    },
    // A portal account may add a photo for itself only: another's photo is never A's (or staff's) to create.
    // (An account with no photo of its own here: each new photo replaces the one before.)
    newRow: (f) => ({ account: f.spareAccount.id }),
    file: TINY_PNG,
    change: { filename: 'renamed.png' },
    other: (f) => f.b.photo.id,
    own: (f, role) => [role === 'thirdParty' ? f.thirdPartyPhoto.id : f.a.photo.id],
  },
  {
    slug: 'connections',
    // Made and changed by the connections' own actions only; staff read (support cancels through its endpoint), administrators delete.
    // A third party reads the connections it is party to: none in the fixtures.
    rules: { ...recordRules(READ_OWN), administrator: { ...READ_ALL, delete: true }, support: READ_ALL, thirdParty: READ_OWN },
    newRow: (f) => ({ learner: f.b.account.id, thirdPartyName: 'New', thirdPartyEmail: 'new@fixture.test', initiatedBy: 'learner', accessUntil: '2031-01-01T00:00:00.000Z' }),
    change: { thirdPartyName: 'Changed' },
    other: (f) => f.b.connection.id,
    own: (f, role) => (role === 'thirdParty' ? [] : [f.a.connection.id]),
  },
  ...(['connection-events', 'connection-views'] as const).map(
    (slug): MatrixCase => ({
      slug,
      // Written by the connections' own tasks only; read by staff and by the sides of the connection (the third party's: none in the fixtures).
      rules: { ...recordRules(READ_OWN), administrator: READ_ALL, support: READ_ALL, thirdParty: READ_OWN },
      // Learner B's, so learner A's reads stay exactly its own; each view receipt on a connection of its own (one per connection and document).
      newRow: (f) =>
        slug === 'connection-events'
          ? { connection: f.b.connection.id, event: 'accepted', party: 'third-party', at: '2026-01-02T00:00:00.000Z' }
          : { connection: f.b.spareConnections.shift()!.id, document: f.b.document.id, views: 5, lastViewedAt: '2026-01-02T00:00:00.000Z' },
      change: slug === 'connection-events' ? { note: 'Tampered' } : { views: 99 },
      other: (f) => (slug === 'connection-events' ? f.b.connectionEvent.id : f.b.connectionView.id),
      own: (f, role) => (role === 'thirdParty' ? [] : [slug === 'connection-events' ? f.a.connectionEvent.id : f.a.connectionView.id]),
    }),
  ),
  {
    slug: 'deleted-connections',
    // Written by the learner's delete only; read by staff and by the two sides of the connection that was deleted.
    rules: { ...recordRules(READ_OWN), administrator: READ_ALL, support: READ_ALL, thirdParty: READ_OWN },
    newRow: (f) => ({ connection: 3_000_000 + ++tombstones, learner: f.b.account.id, deletedAt: '2026-01-04T00:00:00.000Z' }),
    change: { deletedAt: '2026-02-01T00:00:00.000Z' },
    other: (f) => f.b.deletedConnection.id,
    own: (f, role) => (role === 'thirdParty' ? [] : [f.a.deletedConnection.id]),
  },
  {
    slug: 'orders',
    // Orders are made by checkout only; staff change them through the order's actions, and edit only the addresses directly.
    rules: { ...recordRules(READ_OWN), administrator: { ...FULL, create: false }, support: { ...MANAGE, create: false } },
    newRow: (f) => ({
      orderNumber: `ORD-${u(f)}`,
      account: f.b.account.id,
      items: [{ product: f.product.id, achievement: f.b.achievement.id, reason: 'lost', description: 'Duplicate', unitPricePence: 3050, vatPence: 0 }],
      subtotalPence: 3050,
      deliveryPence: 0,
      vatPence: 0,
      totalPence: 3050,
    }),
    change: { deliveryAddress: { fullName: 'Changed Name', line1: '1 Changed Street', line2: null, town: 'Changed', county: null, postcode: 'SW1A 1AA', country: 'GB' } },
    other: (f) => f.b.order.id,
    own: (f) => [f.a.order.id],
  },
  {
    slug: 'basket-items',
    // Filled by the store's add-to-basket task only; a learner reads and empties their own basket.
    rules: { ...recordRules(READ_OWN), administrator: { ...READ_ALL, delete: true }, support: { ...READ_ALL, delete: true } },
    newRow: (f) => ({ account: f.b.account.id, product: f.spareProducts.shift()!.id, achievement: f.b.achievement.id, reason: 'lost', pricePenceWhenAdded: 100 }),
    change: { reason: 'damaged' },
    other: (f) => f.b.basketItem.id,
    own: (f) => [f.a.basketItem.id],
  },
  {
    slug: 'order-events',
    // The timeline, written by the store's own tasks only: staff read all, a learner their own orders'.
    rules: { ...recordRules(READ_OWN), administrator: READ_ALL, support: READ_ALL },
    newRow: (f) => ({ order: f.b.order.id, event: 'paid', party: 'payment', at: '2026-01-02T00:00:00.000Z' }),
    change: { note: 'Tampered' },
    other: (f) => f.b.orderEvent.id,
    own: (f) => [f.a.orderEvent.id],
  },
  {
    slug: 'payment-events',
    rules: { ...recordRules(NONE), administrator: READ_ALL, support: READ_ALL },
    newRow: (f) => ({ eventId: `evt_${u(f)}`, type: 'charge.refunded' }),
    change: { outcome: 'Tampered' },
    other: (f) => f.paymentEvent.id,
  },
  {
    slug: 'print-batches',
    // Support staff make batches of paid orders; the batch then changes through its own actions only.
    rules: { ...recordRules(NONE), administrator: { ...MANAGE, update: 'none' }, support: { ...MANAGE, update: 'none' } },
    newRow: (f) => ({ orders: [f.sparePaidOrders.shift()!.id] }),
    change: { status: 'dispatched' },
    other: (f) => f.printBatch.id,
  },
  {
    slug: 'enquiries',
    // Reported by portal accounts only, on a document they can read: this row has none (a valid message, so that rule is what refuses it); staff never make one in a learner's name.
    rules: { ...recordRules(READ_OWN), administrator: { ...FULL, create: false }, support: { ...MANAGE, create: false }, thirdParty: READ_OWN },
    createRefusedWith: { learner: 404, thirdParty: 404 },
    newRow: (f) => ({ subject: 'New', reporter: f.b.account.id, messages: [{ from: 'reporter', body: 'The grade on this is wrong.', sentAt: '2026-01-01T00:00:00.000Z' }] }),
    change: { status: 'in-progress' },
    other: (f) => f.b.enquiry.id,
    own: (f, role) => (role === 'thirdParty' ? [] : [f.a.enquiry.id]),
  },
  {
    slug: 'products',
    rules: recordRules(READ_ALL),
    newRow: (f) => ({ name: 'New product', code: `P-${u(f)}`, pricePence: 100, vatRatePercent: 20 }),
    change: { description: 'Changed' },
    other: (f) => f.product.id,
  },
  {
    slug: 'delivery-options',
    rules: recordRules(READ_ALL),
    newRow: (f) => ({ name: `Courier ${u(f)}`, region: 'international', pricePence: 1225 }),
    change: { note: 'Changed' },
    other: (f) => f.deliveryOption.id,
  },
  {
    slug: 'brand-assets',
    rules: { administrator: FULL, content: FULL, support: READ_ALL, learner: READ_ALL, thirdParty: READ_ALL, anonymous: READ_ALL },
    newRow: () => ({ description: 'Signature' }),
    file: TINY_PNG,
    change: { description: 'Changed' },
    other: (f) => f.brandAsset.id,
  },
  {
    slug: 'payload-jobs',
    rules: { ...recordRules(NONE), administrator: { ...READ_ALL, delete: true }, support: NONE },
    newRow: (f) => ({ taskSlug: 'notify-new-documents', input: { candidate: f.a.candidate.id } }),
    change: { queue: 'elsewhere' },
    other: (f) => f.job.id,
  },
  {
    slug: 'pages',
    rules: {
      administrator: FULL,
      content: FULL,
      support: READ_ALL,
      learner: { ...NONE, read: 'published' },
      thirdParty: { ...NONE, read: 'published' },
      anonymous: { ...NONE, read: 'published' },
    },
    newRow: (f) => ({ title: 'New page', slug: `page-${u(f)}`, section: 'faq', content: f.richText, _status: 'published' }),
    change: { summary: 'Changed' },
    other: (f) => f.draftPage.id,
  },
  {
    slug: 'email-outbox',
    rules: { ...recordRules(NONE), administrator: { ...READ_ALL, delete: true }, support: READ_ALL },
    newRow: () => ({ to: 'someone@fixture.test', subject: 'New', text: 'Hi' }),
    change: { subject: 'Changed' },
    other: (f) => f.outbox.id,
  },
  {
    slug: 'audit-log',
    rules: { ...recordRules(NONE), administrator: READ_ALL, support: READ_ALL },
    newRow: () => ({ action: 'x.create', entity: 'x', entityId: '9' }),
    change: { summary: 'Tampered' },
    other: (f) => f.audit.id,
  },
  {
    slug: 'sign-in-throttles',
    rules: { ...recordRules(NONE), administrator: NONE, support: NONE },
    newRow: (f) => ({ key: `ip:${u(f)}`, failures: 1, firstFailureAt: '2026-01-01T00:00:00.000Z' }),
    change: { failures: 0 },
    other: (f) => f.throttle.id,
  },
  {
    slug: 'rendered-documents',
    rules: { ...recordRules(NONE), administrator: NONE, support: NONE },
    newRow: (f) => ({ key: `forged-${u(f)}`, contentType: 'application/pdf', body: Buffer.from('%PDF-1.7 forged').toString('base64') }),
    change: { body: Buffer.from('%PDF-1.7 tampered').toString('base64') },
    other: (f) => f.renderedDocument.id,
  },
  {
    slug: 'staff',
    rules: { ...recordRules(NONE), support: SELF, content: SELF },
    newRow: (f) => ({ email: `staff-${u(f)}@fixture.test`, name: 'New', role: 'support', password: PASSWORD }),
    change: { name: 'Changed name' },
    other: (f) => f.staff.administrator.id,
    own: (f, role) => [f.staff[role as 'support' | 'content'].id],
  },
]

/** One way of reaching the data as a given role: the Local API or REST over HTTP. */
export type Api = {
  create: (slug: CollectionSlug, data: Record<string, unknown>, file?: UploadFile) => Promise<{ ok: boolean; status: number }>
  findIds: (slug: CollectionSlug) => Promise<{ ok: boolean; status: number; ids: Id[] }>
  update: (slug: CollectionSlug, id: Id, data: Record<string, unknown>) => Promise<{ ok: boolean; status: number }>
  remove: (slug: CollectionSlug, id: Id) => Promise<{ ok: boolean; status: number }>
}

const sorted = (ids: Id[]) => [...ids].map(String).sort()

/** A refusal is Payload's 403, never a 500 or a 400 that merely looks like one (unless the case says which). */
const REFUSED = 403
function expectRefused(outcome: { ok: boolean; status: number }, expected: number, what: string): void {
  expect(outcome.ok, `${what} is refused`).toBe(false)
  expect(outcome.status, `${what} is refused with ${expected}`).toBe(expected)
}

/** Runs create, read, update and delete for one collection as one role and checks each outcome. */
export async function checkCase(payload: Payload, f: Fixtures, api: Api, test: MatrixCase, role: Role): Promise<void> {
  const rule = test.rules[role]
  const system = { overrideAccess: true, depth: 0 } as const
  const label = `${role} ${test.slug}`

  const countBefore = (await payload.count({ collection: test.slug, ...system })).totalDocs
  const created = await api.create(test.slug, test.newRow(f), test.file?.())
  if (rule.create) expect(created.ok, `${label} create (status ${created.status})`).toBe(true)
  else expectRefused(created, test.createRefusedWith?.[role] ?? REFUSED, `${label} create`)
  const countAfter = (await payload.count({ collection: test.slug, ...system })).totalDocs
  expect(countAfter, `${label} create changes the row count only when allowed`).toBe(countBefore + (rule.create ? 1 : 0))

  const read = await api.findIds(test.slug)
  if (rule.read === 'none') {
    expectRefused(read, REFUSED, `${label} read`)
    expect(read.ids, `${label} read returns no rows`).toEqual([])
  } else {
    expect(read.ok, `${label} read (status ${read.status})`).toBe(true)
    const where = rule.read === 'published' ? { _status: { equals: 'published' } } : undefined
    const expected =
      rule.read === 'own'
        ? test.own!(f, role)
        : (await payload.find({ collection: test.slug, where: where as never, pagination: false, ...system })).docs.map((d) => d.id)
    expect(sorted(read.ids), `${label} read sees exactly the allowed rows`).toEqual(sorted(expected))
  }

  const [field, value] = Object.entries(test.change)[0]!
  const tryUpdate = async (id: Id) => {
    const before = await payload.findByID({ collection: test.slug, id, ...system })
    const result = await api.update(test.slug, id, test.change)
    const after = await payload.findByID({ collection: test.slug, id, ...system })
    const changed = JSON.stringify((after as unknown as Record<string, unknown>)[field]) === JSON.stringify(value)
    if (!result.ok) expect(JSON.stringify(after), `${label} refused update leaves the row as it was`).toBe(JSON.stringify(before))
    return { ...result, changed }
  }
  const otherUpdate = await tryUpdate(test.other(f))
  expect(otherUpdate.ok && otherUpdate.changed, `${label} update another's row (status ${otherUpdate.status})`).toBe(rule.update === 'all')
  if (!otherUpdate.ok) expectRefused(otherUpdate, REFUSED, `${label} update another's row`)
  if (rule.update === 'own') {
    const ownUpdate = await tryUpdate(test.own!(f, role)[0]!)
    expect(ownUpdate.ok && ownUpdate.changed, `${label} update own row (status ${ownUpdate.status})`).toBe(true)
  }

  const victim = (await payload.create({ collection: test.slug, data: test.newRow(f), file: test.file?.(), disableVerificationEmail: true, context: { skipAudit: true }, ...system } as never)) as { id: Id }
  const removed = await api.remove(test.slug, victim.id)
  const stillThere = (await payload.count({ collection: test.slug, where: { id: { equals: victim.id } }, ...system })).totalDocs === 1
  expect(removed.ok && !stillThere, `${label} delete (status ${removed.status})`).toBe(rule.delete)
  if (!rule.delete) expectRefused(removed, REFUSED, `${label} delete`)
  expect(stillThere, `${label} refused delete keeps the row`).toBe(!rule.delete)
}
