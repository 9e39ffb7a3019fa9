import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { relationId } from '../../src/access/users'
import { formatUkDate, londonCalendarDate } from '../../src/lib/dates'
import { reissueDocument, revokeDocument } from '../../src/plugins/issuing'
import { readableDocument } from '../../src/portal/documents/data'
import { userFor, type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'

let t: TestPayloadWithFixtures
let payload: Payload
let f: Fixtures
const system = { overrideAccess: true, depth: 0 } as const

beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
  payload = t.payload
  f = t.fixtures
  await payload.jobs.run({ limit: 1000 }) // the fixtures' own "new document" notices
})
afterAll(async () => {
  await t?.close()
})

const as = async (role: Parameters<typeof userFor>[2]) => (await userFor(payload, f, role)) as never
const requestAs = async (role: Parameters<typeof userFor>[2]) => createLocalReq({ user: await as(role) }, payload)
const emailsTo = async (to: string, template: string) =>
  (await payload.find({ collection: 'email-outbox', where: { to: { equals: to }, template: { equals: template } }, sort: '-createdAt', limit: 50, ...system })).docs
const today = () => `${londonCalendarDate(new Date())}T00:00:00.000Z`

describe('a learner’s documents', () => {
  it('a learner reads their own documents and nobody else’s', async () => {
    const learner = await as('learner')
    const { docs } = await payload.find({ collection: 'documents', overrideAccess: false, user: learner, depth: 0, limit: 100 })
    expect(docs.map((d) => d.id)).toEqual([f.a.document.id])
    expect(await readableDocument({ payload, user: learner }, String(f.a.document.id))).not.toBeNull()
    expect(await readableDocument({ payload, user: learner }, String(f.b.document.id))).toBeNull()
    expect(await readableDocument({ payload, user: learner }, '999999')).toBeNull()
    expect(await readableDocument({ payload, user: learner }, '1 or 1=1')).toBeNull()
  })

  it('a learner can switch "show on the verification page" on their own document, and change nothing else', async () => {
    const learner = await as('learner')
    const before = await payload.findByID({ collection: 'documents', id: f.a.document.id, ...system })
    expect(before.showOnVerify).toBe(false)
    await payload.update({
      collection: 'documents',
      id: f.a.document.id,
      data: { showOnVerify: true, status: 'revoked', reference: 'FORGED-1', statusReason: 'x' },
      overrideAccess: false,
      user: learner,
    })
    const after = await payload.findByID({ collection: 'documents', id: f.a.document.id, ...system })
    expect(after).toMatchObject({ showOnVerify: true, status: 'valid', reference: before.reference, verificationCode: before.verificationCode })
    await expect(payload.update({ collection: 'documents', id: f.b.document.id, data: { showOnVerify: true }, overrideAccess: false, user: learner })).rejects.toMatchObject({ status: 403 })
    expect((await payload.findByID({ collection: 'documents', id: f.b.document.id, ...system })).showOnVerify).toBe(false)
  })
})

describe('issuing', () => {
  it('documents issued together reach the learner in one email, each document once', async () => {
    const make = () => payload.create({ collection: 'documents', data: { achievement: f.a.achievement.id, type: 'transcript' } as never, ...system })
    const before = (await emailsTo('learner-a@fixture.test', 'documents-new-available')).length
    const issued = [await make(), await make(), await make()]
    await payload.jobs.run({ limit: 100 })
    const emails = await emailsTo('learner-a@fixture.test', 'documents-new-available')
    expect(emails).toHaveLength(before + 1)
    expect(emails[0]!.text).toContain('3 new documents')
    for (const document of issued) expect(emails[0]!.text).toContain(document.reference)
    for (const document of issued) expect((await payload.findByID({ collection: 'documents', id: document.id, ...system })).learnerNotifiedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    // Running the queue again tells nobody anything twice.
    await payload.jobs.run({ limit: 100 })
    expect(await emailsTo('learner-a@fixture.test', 'documents-new-available')).toHaveLength(before + 1)
    const one = await make()
    await payload.jobs.run({ limit: 100 })
    const latest = await emailsTo('learner-a@fixture.test', 'documents-new-available')
    expect(latest).toHaveLength(before + 2)
    expect(latest[0]!.text).toContain(one.reference)
    expect(latest[0]!.text).not.toContain(issued[0]!.reference)
    // Sharing does not exist yet: the notice does not offer it.
    for (const mail of [...latest, ...(await emailsTo('learner-b@fixture.test', 'documents-new-available'))]) expect(mail.text).not.toMatch(/share/i)
    // Learner B heard of none of these: only of their own fixture document.
    const toB = await emailsTo('learner-b@fixture.test', 'documents-new-available')
    expect(toB).toHaveLength(1)
    expect(toB[0]!.text).toContain(f.b.document.reference)
    for (const document of [...issued, one]) expect(toB[0]!.text).not.toContain(document.reference)
  })

  it('only support staff revoke, with a reason; the revocation is dated, audited and final', async () => {
    const document = await payload.create({ collection: 'documents', data: { achievement: f.b.achievement.id, type: 'certificate' } as never, ...system })
    await expect(revokeDocument(await requestAs('learner'), String(document.id), 'I want to')).rejects.toMatchObject({ status: 404 })
    await expect(revokeDocument(await requestAs('content'), String(document.id), 'Content staff try')).rejects.toMatchObject({ status: 404, message: 'No such document.' })
    await expect(revokeDocument(await requestAs('support'), String(document.id), '   ')).rejects.toMatchObject({ status: 400 })
    expect((await payload.findByID({ collection: 'documents', id: document.id, ...system })).status).toBe('valid')

    await revokeDocument(await requestAs('support'), String(document.id), 'Issued in error')
    const revoked = await payload.findByID({ collection: 'documents', id: document.id, ...system })
    expect(revoked).toMatchObject({ status: 'revoked', statusReason: 'Issued in error', statusChangedAt: today() })
    const audit = await payload.find({ collection: 'audit-log', where: { action: { equals: 'document.revoked' }, entityId: { equals: String(document.id) } }, ...system })
    expect(audit.docs[0]?.summary).toContain('Issued in error')
    await expect(revokeDocument(await requestAs('support'), String(document.id), 'again')).rejects.toMatchObject({ status: 409 })
  })

  it('a revocation emails the learner once, with the reason; a record with no approved account tells no one', async () => {
    const document = await payload.create({ collection: 'documents', data: { achievement: f.b.achievement.id, type: 'transcript' } as never, ...system })
    await revokeDocument(await requestAs('support'), String(document.id), 'The grade was entered wrongly.')
    const told = (await emailsTo('learner-b@fixture.test', 'document-revoked')).filter((mail) => mail.text?.includes(document.reference!))
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ subject: 'One of your documents has been revoked' })
    expect(told[0]!.text).toContain('The reason: The grade was entered wrongly.')
    expect(told[0]!.text).toContain(`We have revoked your transcript: ${f.qualification.title} (reference ${document.reference}), on ${formatUkDate(londonCalendarDate(new Date()))}.`)
    expect((await emailsTo('learner-a@fixture.test', 'document-revoked')).filter((mail) => mail.text?.includes(document.reference!))).toEqual([])

    const nobodys = await payload.create({ collection: 'candidates', data: { candidateNumber: 'NOACCOUNT1', firstName: 'No', surname: 'Account', dateOfBirth: '1980-01-01T00:00:00.000Z' }, ...system })
    const achievement = await payload.create({ collection: 'achievements', data: { candidate: nobodys.id, qualification: f.qualification.id, grade: 'Pass', issueDate: '2024-01-01T00:00:00.000Z' } as never, ...system })
    const unlinked = await payload.create({ collection: 'documents', data: { achievement: achievement.id, type: 'certificate' } as never, ...system })
    const revokedEmails = async () => (await payload.count({ collection: 'email-outbox', where: { template: { equals: 'document-revoked' } }, ...system })).totalDocs
    const before = await revokedEmails()
    await revokeDocument(await requestAs('support'), String(unlinked.id), 'Issued in error')
    expect((await payload.findByID({ collection: 'documents', id: unlinked.id, ...system })).status).toBe('revoked')
    expect(await revokedEmails()).toBe(before)
  })

  it('a revocation without a reason is refused with a clear message, and changes, records and sends nothing', async () => {
    const document = await payload.create({ collection: 'documents', data: { achievement: f.b.achievement.id, type: 'certificate' } as never, ...system })
    const revokedEmails = async () => (await payload.count({ collection: 'email-outbox', where: { template: { equals: 'document-revoked' } }, ...system })).totalDocs
    const before = await revokedEmails()
    for (const reason of ['', '  \n ']) await expect(revokeDocument(await requestAs('support'), String(document.id), reason)).rejects.toMatchObject({ status: 400, message: 'Give the reason the document is revoked.' })
    expect(await payload.findByID({ collection: 'documents', id: document.id, ...system })).toMatchObject({ status: 'valid', statusReason: null })
    expect((await payload.count({ collection: 'audit-log', where: { action: { equals: 'document.revoked' }, entityId: { equals: String(document.id) } }, ...system })).totalDocs).toBe(0)
    expect(await revokedEmails()).toBe(before)
  })

  it('a reissue is a new document with its own reference and code; the old one points to it', async () => {
    const old = await payload.create({ collection: 'documents', data: { achievement: f.b.achievement.id, type: 'certificate' } as never, ...system })
    const replacement = await reissueDocument(await requestAs('support'), String(old.id), 'Name corrected')
    expect(replacement.reference).not.toBe(old.reference)
    expect(replacement.verificationCode).not.toBe(old.verificationCode)
    expect(replacement).toMatchObject({ status: 'valid', type: 'certificate' })
    expect(relationId(replacement.candidate)).toBe(f.b.candidate.id)
    expect(await payload.findByID({ collection: 'documents', id: old.id, ...system })).toMatchObject({ status: 'superseded', supersededBy: replacement.id, statusChangedAt: today() })
    const audit = await payload.find({ collection: 'audit-log', where: { action: { equals: 'document.reissued' }, entityId: { equals: String(old.id) } }, ...system })
    expect(audit.docs[0]?.summary).toContain(replacement.reference)
  })

  it.each([true, false])('a reissue keeps the learner’s choice of showing the document on the verification page (%s)', async (shown) => {
    const old = await payload.create({ collection: 'documents', data: { achievement: f.b.achievement.id, type: 'certificate', showOnVerify: shown } as never, ...system })
    const replacement = await reissueDocument(await requestAs('support'), String(old.id), '')
    expect(replacement.showOnVerify).toBe(shown)
  })
})

describe('report a problem', () => {
  it('a learner reports on their own document; the report is theirs and open whatever they send', async () => {
    const learner = await as('learner')
    const enquiry = await payload.create({
      collection: 'enquiries',
      data: { subject: 'anything', reporter: f.b.account.id, status: 'resolved', document: f.a.document.id, messages: [{ from: 'support', body: 'My surname is misspelt on this certificate.', sentAt: '2000-01-01T00:00:00.000Z' }] },
      overrideAccess: false,
      user: learner,
    })
    expect(enquiry.status).toBe('open')
    expect([relationId(enquiry.reporter), relationId(enquiry.document)]).toEqual([f.a.account.id, f.a.document.id])
    expect(enquiry.subject).toContain(f.a.document.reference)
    expect(enquiry.messages?.[0]).toMatchObject({ from: 'reporter', body: 'My surname is misspelt on this certificate.' })
    expect((await emailsTo('learner-a@fixture.test', 'enquiry-received'))[0]?.text).toContain(enquiry.subject)
  })

  it('the acknowledgement names the report once, without doubling “Problem with”', async () => {
    const learner = await as('learner')
    const enquiry = await payload.create({
      collection: 'enquiries',
      data: { subject: 's', reporter: f.a.account.id, document: f.a.document.id, messages: [{ from: 'reporter', body: 'The issue date on this is wrong.', sentAt: new Date().toISOString() }] } as never,
      overrideAccess: false,
      user: learner,
    })
    const [received] = (await emailsTo('learner-a@fixture.test', 'enquiry-received')).filter((mail) => mail.text?.includes(`/enquiries/${enquiry.id}`))
    expect(received?.text).toContain(`Thank you for your report “Problem with ${f.a.document.reference}”.`)
    expect(received?.text).not.toMatch(/problem with “Problem with/i)
  })

  it('nobody reports on a document they cannot read, or with an empty message; nothing is created', async () => {
    const learner = await as('learner')
    const before = (await payload.count({ collection: 'enquiries', ...system })).totalDocs
    const report = (document: number, body: string) =>
      payload.create({ collection: 'enquiries', data: { subject: 's', reporter: f.a.account.id, document, messages: [{ from: 'reporter', body, sentAt: new Date().toISOString() }] } as never, overrideAccess: false, user: learner })
    await expect(report(f.b.document.id, 'Somebody else’s certificate is wrong.')).rejects.toMatchObject({ status: 404 })
    await expect(report(f.a.document.id, 'short')).rejects.toMatchObject({ status: 400 })
    expect((await payload.count({ collection: 'enquiries', ...system })).totalDocs).toBe(before)
  })

  it('support replies and changes the status; the reporter is emailed each; other learners see nothing', async () => {
    const support = await requestAs('support')
    const enquiry = await payload.findByID({ collection: 'enquiries', id: f.a.enquiry.id, ...system })
    await payload.update({
      collection: 'enquiries',
      id: enquiry.id,
      data: { status: 'in-progress', messages: [...(enquiry.messages ?? []), { from: 'reporter', body: 'We are correcting your name.', sentAt: '2000-01-01T00:00:00.000Z' }] },
      req: support,
      overrideAccess: false,
    })
    const updated = await payload.findByID({ collection: 'enquiries', id: enquiry.id, ...system })
    expect(updated.messages?.at(-1)).toMatchObject({ from: 'support', author: 'Support', body: 'We are correcting your name.' })
    expect(updated.messages?.at(-1)?.sentAt).not.toBe('2000-01-01T00:00:00.000Z')
    expect((await emailsTo('learner-a@fixture.test', 'enquiry-reply'))[0]?.text).toContain('We are correcting your name.')
    expect((await emailsTo('learner-a@fixture.test', 'enquiry-status'))[0]?.text).toContain('in progress')
    await expect(payload.findByID({ collection: 'enquiries', id: enquiry.id, overrideAccess: false, user: await userFor(payload, f, 'thirdParty') as never })).rejects.toMatchObject({ status: 404 })
  })

  it('messages already sent cannot be edited, reordered or removed, even by support staff: the conversation only grows', async () => {
    const support = await requestAs('support')
    const before = await payload.findByID({ collection: 'enquiries', id: f.b.enquiry.id, ...system })
    const sent = before.messages ?? []
    expect(sent.length).toBeGreaterThan(0)
    await payload.update({
      collection: 'enquiries',
      id: before.id,
      data: { messages: [{ ...sent[0]!, body: 'Rewritten by staff.' }, { from: 'support', body: 'A new reply.', sentAt: new Date().toISOString() }] },
      req: support,
      overrideAccess: false,
    })
    const after = (await payload.findByID({ collection: 'enquiries', id: before.id, ...system })).messages ?? []
    expect(after.map((m) => m.body)).toEqual([...sent.map((m) => m.body), 'A new reply.'])
  })
})
