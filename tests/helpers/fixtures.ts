import type { CollectionSlug, Payload } from 'payload'

const system = { overrideAccess: true, depth: 0, context: { skipAudit: true } } as const

export const PASSWORD = 'fixture-password-123'

export type Fixtures = Awaited<ReturnType<typeof createFixtures>>
export type Role = 'administrator' | 'support' | 'content' | 'learner' | 'thirdParty' | 'anonymous'
export const ROLES: Role[] = ['administrator', 'support', 'content', 'learner', 'thirdParty', 'anonymous']

let counter = 0
export const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

/**
 * Two learners (A and B) with a record each, a third party, one staff member per role,
 * and a row of every collection for A and for B.
 */
export async function createFixtures(payload: Payload) {
  const create = async <T extends Record<string, unknown>>(collection: CollectionSlug, data: T) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures carry whatever the server filled in
    (await payload.create({ collection, data, disableVerificationEmail: true, ...system } as never)) as unknown as T & { id: number } & Record<string, any>

  const staff = {
    administrator: await create('staff', { email: 'admin@fixture.test', name: 'Admin', role: 'administrator', password: PASSWORD }),
    support: await create('staff', { email: 'support@fixture.test', name: 'Support', role: 'support', password: PASSWORD }),
    content: await create('staff', { email: 'content@fixture.test', name: 'Content', role: 'content', password: PASSWORD }),
  }
  const qualification = await create('qualifications', { qualificationNumber: '603/4182/8', title: 'Level 3 Diploma', level: '3', type: 'regulated' })
  const record = async (suffix: string) => {
    const candidate = await create('candidates', { candidateNumber: `C${suffix}`, firstName: `First${suffix}`, surname: `Surname${suffix}`, dateOfBirth: '1990-01-01T00:00:00.000Z' })
    const achievement = await create('achievements', { candidate: candidate.id, qualification: qualification.id, grade: 'Pass', issueDate: '2024-01-01T00:00:00.000Z' })
    const document = await create('documents', { achievement: achievement.id, type: 'certificate' })
    return { candidate, achievement, document }
  }
  const a = await record('100')
  const b = await record('200')
  const learnerA = await create('accounts', { email: 'learner-a@fixture.test', password: PASSWORD, _verified: true, kind: 'learner', status: 'approved', firstName: 'A', lastName: 'Learner', candidate: a.candidate.id })
  const learnerB = await create('accounts', { email: 'learner-b@fixture.test', password: PASSWORD, _verified: true, kind: 'learner', status: 'approved', firstName: 'B', lastName: 'Learner', candidate: b.candidate.id })
  const spareAccount = await create('accounts', { email: 'spare@fixture.test', password: PASSWORD, _verified: true, kind: 'learner', status: 'approved', firstName: 'S', lastName: 'Spare' })
  const thirdParty = await create('accounts', { email: 'third@fixture.test', password: PASSWORD, _verified: true, kind: 'third-party', status: 'approved', firstName: 'T', lastName: 'Party', companyName: 'Acme' })
  const product = await create('products', { name: 'Duplicate certificate', code: 'DUP', pricePence: 3050, vatRatePercent: 0 })
  const deliveryOption = await create('delivery-options', { name: 'Royal Mail', region: 'uk', pricePence: 0 })
  const order = (account: number, achievement: number) =>
    create('orders', {
      orderNumber: `ORD-${unique()}`,
      account,
      items: [{ product: product.id, achievement, reason: 'lost', description: 'Duplicate', unitPricePence: 3050, vatPence: 0 }],
      subtotalPence: 3050,
      deliveryPence: 0,
      vatPence: 0,
      totalPence: 3050,
    })
  const storeRows = async (account: number, achievement: number, order: { id: number }) => ({
    basketItem: await create('basket-items', { account, product: product.id, achievement, reason: 'lost', pricePenceWhenAdded: 3050 }),
    orderEvent: await create('order-events', { order: order.id, event: 'placed', party: 'learner', at: '2026-01-01T00:00:00.000Z' }),
  })
  const paidOrder = async () => {
    const paid = await order(spareAccount.id, a.achievement.id)
    return payload.update({ collection: 'orders', id: paid.id, data: { status: 'paid', paidAt: '2026-01-02T00:00:00.000Z' }, ...system })
  }
  const withStoreRows = async (account: number, achievement: number) => {
    const placed = await order(account, achievement)
    return { order: placed, ...(await storeRows(account, achievement, placed)) }
  }
  // The smallest PNG there is, as a profile photo.
  const photo = async (account: number) =>
    (await payload.create({
      collection: 'account-photos',
      data: { account },
      file: { name: 'tiny.png', mimetype: 'image/png', size: 70, data: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64') },
      ...system,
    })) as { id: number; filename?: string | null }
  const connection = (learner: number, documents: number[]) =>
    create('connections', { learner, thirdPartyName: 'Acme', thirdPartyEmail: 'third@fixture.test', initiatedBy: 'learner', accessUntil: '2030-01-01T00:00:00.000Z', documents })
  const sideRecords = async (connection: number, document: number) => ({
    connectionEvent: await create('connection-events', { connection, event: 'created', party: 'learner', at: '2026-01-01T00:00:00.000Z' }),
    connectionView: await create('connection-views', { connection, document, views: 1, lastViewedAt: '2026-01-01T00:00:00.000Z' }),
  })
  const withConnection = async (learner: number, document: number) => {
    const c = await connection(learner, [document])
    // A tombstone of another connection of theirs, as the delete action leaves (its id no row's).
    const deletedConnection = await create('deleted-connections', { connection: c.id + 1_000_000, learner, deletedAt: '2026-01-03T00:00:00.000Z' })
    return { connection: c, deletedConnection, ...(await sideRecords(c.id, document)) }
  }
  const enquiry = (reporter: number, document: number) =>
    create('enquiries', { subject: 'Name spelt wrong', reporter, document, messages: [{ from: 'reporter', body: 'Please fix', sentAt: '2026-01-01T00:00:00.000Z' }] })
  const richText = { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children: [{ type: 'paragraph', version: 1, direction: 'ltr', format: '', indent: 0, textFormat: 0, children: [{ type: 'text', text: 'Hello', version: 1, format: 0, detail: 0, mode: 'normal', style: '' }] }] } }

  return {
    staff,
    qualification,
    a: { ...a, account: learnerA, ...(await withStoreRows(learnerA.id, a.achievement.id)), ...(await withConnection(learnerA.id, a.document.id)), enquiry: await enquiry(learnerA.id, a.document.id), photo: await photo(learnerA.id) },
    b: {
      ...b,
      account: learnerB,
      ...(await withStoreRows(learnerB.id, b.achievement.id)),
      ...(await withConnection(learnerB.id, b.document.id)),
      /** For the access matrix's view receipts, one per connection and document (the spare account's, so nobody counts them). */
      spareConnections: await Promise.all(Array.from({ length: 16 }, () => connection(spareAccount.id, []))), enquiry: await enquiry(learnerB.id, b.document.id), photo: await photo(learnerB.id) },
    thirdParty,
    spareAccount,
    thirdPartyPhoto: await photo(thirdParty.id),
    product,
    deliveryOption,
    /** For the access matrix's basket items (one per account, product and achievement) and print batches (each paid order in one batch). */
    spareProducts: await Promise.all(Array.from({ length: 16 }, (_, i) => create('products', { name: `Spare ${i}`, code: `SPARE-${i}`, pricePence: 100, vatRatePercent: 0 }))),
    sparePaidOrders: await Promise.all(Array.from({ length: 16 }, () => paidOrder())),
    paymentEvent: await create('payment-events', { eventId: `evt_${unique()}`, type: 'checkout.session.completed' }),
    publishedPage: await create('pages', { title: 'Help', slug: `help-${unique()}`, section: 'help', content: richText, _status: 'published' }),
    draftPage: await create('pages', { title: 'Draft', slug: `draft-${unique()}`, section: 'help', content: richText, _status: 'draft' }),
    outbox: await create('email-outbox', { to: 'x@fixture.test', subject: 'Hello', text: 'Hi' }),
    audit: await create('audit-log', { action: 'test.create', entity: 'test', entityId: '1' }),
    throttle: await create('sign-in-throttles', { key: 'ip:192.0.2.1', failures: 3, firstFailureAt: '2026-01-01T00:00:00.000Z' }),
    renderedDocument: await create('rendered-documents', { key: 'fixture-key', contentType: 'application/pdf', body: Buffer.from('%PDF-1.7 fixture').toString('base64') }),
    brandAsset: (await payload.create({
      collection: 'brand-assets',
      data: { description: 'Logo' },
      file: { name: 'logo.png', mimetype: 'image/png', size: 70, data: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64') },
      ...system,
    })) as { id: number },
    printBatch: await create('print-batches', { orders: [(await paidOrder()).id] }),
    job: await payload.jobs.queue({ task: 'notify-new-documents', input: { candidate: a.candidate.id } }),
    richText,
    unique,
  }
}

/** The signed-in user for a role, as Payload's Local API and access functions see it. */
export async function userFor(payload: Payload, fixtures: Fixtures, role: Role) {
  const pick = {
    administrator: ['staff', fixtures.staff.administrator.id],
    support: ['staff', fixtures.staff.support.id],
    content: ['staff', fixtures.staff.content.id],
    learner: ['accounts', fixtures.a.account.id],
    thirdParty: ['accounts', fixtures.thirdParty.id],
    anonymous: null,
  } as const
  const entry = pick[role]
  if (!entry) return null
  const user = await payload.findByID({ collection: entry[0], id: entry[1], ...system })
  return { ...user, collection: entry[0] }
}

export const EMAILS: Record<Exclude<Role, 'anonymous'>, { collection: 'staff' | 'accounts'; email: string }> = {
  administrator: { collection: 'staff', email: 'admin@fixture.test' },
  support: { collection: 'staff', email: 'support@fixture.test' },
  content: { collection: 'staff', email: 'content@fixture.test' },
  learner: { collection: 'accounts', email: 'learner-a@fixture.test' },
  thirdParty: { collection: 'accounts', email: 'third@fixture.test' },
}

/**
 * Rows learner A may read that point at records A may not: enquiries A made about two
 * documents staff later moved to other candidates (B's and a third candidate's), and
 * connections to two third parties' accounts. Each pair differs in every hidden value
 * (verification code, candidate's surname and date of birth, the account's email and name),
 * so a sort on any of them would order the pair one way or the other.
 */
export async function rowsOverHiddenRecords(payload: Payload, f: Fixtures) {
  const create = async (collection: CollectionSlug, data: Record<string, unknown>) =>
    (await payload.create({ collection, data, disableVerificationEmail: true, ...system } as never)) as unknown as { id: number }
  const candidate = await create('candidates', { candidateNumber: 'C300', firstName: 'First300', surname: 'Aardvark300', dateOfBirth: '1970-06-01T00:00:00.000Z' })
  const achievement = await create('achievements', { candidate: candidate.id, qualification: f.qualification.id, grade: 'Merit', issueDate: '2024-02-01T00:00:00.000Z' })
  const document = await create('documents', { achievement: achievement.id, type: 'certificate' })
  const documents = [f.b.document.id, document.id]
  const enquiries = []
  for (const about of documents)
    enquiries.push(await create('enquiries', { subject: 'Moved', reporter: f.a.account.id, document: about, messages: [{ from: 'reporter', body: 'Please fix', sentAt: '2026-01-01T00:00:00.000Z' }] }))
  const otherThirdParty = await create('accounts', { email: 'aaron@fixture.test', password: PASSWORD, _verified: true, kind: 'third-party', status: 'approved', firstName: 'Aaron', lastName: 'Zed', companyName: 'Zeta' })
  const connections = []
  for (const [thirdParty, shared] of [[f.thirdParty.id, documents[0]!], [otherThirdParty.id, documents[1]!]] as const)
    connections.push(
      await create('connections', { learner: f.a.account.id, thirdParty, thirdPartyName: 'Shared', thirdPartyEmail: 'shared@fixture.test', initiatedBy: 'learner', accessUntil: '2030-01-01T00:00:00.000Z', documents: [shared] }),
    )
  return { enquiries: enquiries.map((e) => e.id), connections: connections.map((c) => c.id) }
}
