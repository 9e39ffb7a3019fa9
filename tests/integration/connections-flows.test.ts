import { sql } from '@payloadcms/db-postgres'
import fc from 'fast-check'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { payloadPool, queryInTransaction } from '../../src/collections/sql'
import { deliverDueEmails } from '../../src/plugins/email-delivery'
import { answerBy, dueToExpire, thirdPartyMaySee } from '../../src/lib/connections'
import { dueToExpireSql, thirdPartyMaySeeSql } from '../../src/plugins/connections/sql'
import { actOnConnection, expireDueConnections, matchConnectionRequest, recordThirdPartyView, requestConnection, shareWithThirdParty } from '../../src/plugins/connections'
import { PASSWORD, type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'
import { startSmtpServer } from '../helpers/smtp'

/**
 * Connections from both sides through the plugin's public functions, with a real mail server:
 * each event changes the connection as the state machine says, writes its history line and
 * audit entry, and emails the other side exactly once, in words that say what happened.
 */
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let t: TestPayloadWithFixtures
let f: Fixtures
const system = { overrideAccess: true, depth: 0 } as const
const DAY = 86_400_000

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await startTestPayloadWithFixtures({ SMTP_URL: smtp.url })
  f = t.fixtures
})
afterAll(async () => {
  await t?.close()
  await smtp?.close()
})
beforeEach(async () => {
  // Each story starts from the fixtures' own connections only.
  const fixtures = [[f.a.connection.id, f.b.connection.id]]
  await payloadPool(t.payload).query(`delete from connection_events where connection_id <> all($1::int[])`, fixtures)
  await payloadPool(t.payload).query(`delete from connection_views where connection_id <> all($1::int[])`, fixtures)
  await payloadPool(t.payload).query(`delete from connections where id <> all($1::int[])`, fixtures)
  await deliverDueEmails(t.payload)
  smtp.received.length = 0
})

const account = async (id: number) => ({ ...(await t.payload.findByID({ collection: 'accounts', id, ...system })), collection: 'accounts' }) as never
const learnerA = () => account(f.a.account.id)
const learnerB = () => account(f.b.account.id)
const thirdParty = () => account(f.thirdParty.id)
const connection = (id: number) => t.payload.findByID({ collection: 'connections', id, ...system, joins: false })
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10)

/** What arrived at the mail server since the test began, once delivered. */
async function mail() {
  await deliverDueEmails(t.payload)
  return smtp.received.map((m) => ({ to: m.to, subject: m.subject, text: m.text }))
}
const historyOf = async (id: number) =>
  (await t.payload.find({ collection: 'connection-events', where: { connection: { equals: id } }, sort: 'at', ...system })).docs.map((e) => `${e.event}:${e.party}`)
const auditOf = async (id: number) =>
  (await t.payload.find({ collection: 'audit-log', where: { entity: { equals: 'connections' }, entityId: { equals: String(id) } }, sort: 'createdAt', ...system })).docs.map((e) => e.action)
const thirdPartySees = async () =>
  (await t.payload.find({ collection: 'documents', overrideAccess: false, user: await thirdParty(), depth: 0 }).then((r) => r.docs.map((d) => d.id), () => [])).sort()

async function shareWithFixtureThirdParty(documents = [f.a.document.id]) {
  const result = await shareWithThirdParty(t.payload, await learnerA(), { name: 'Tess Party', email: 'THIRD@fixture.test', company: 'Acme Ltd', accessUntil: day(40), documents })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.id
}

describe('a learner shares documents', () => {
  it('with an address that has no account: an invitation to register, and the connection waits for it', async () => {
    const result = await shareWithThirdParty(t.payload, await learnerA(), { name: 'Riley Admissions', email: 'riley@uni.test', documents: [f.a.document.id] })
    expect(result.ok).toBe(true)
    const id = (result as { id: number }).id
    const c = await connection(id)
    expect(c).toMatchObject({ status: 'pending', initiatedBy: 'learner', thirdParty: null, thirdPartyEmail: 'riley@uni.test', documents: [f.a.document.id] })
    // No date given: a month from today, to the end of that day.
    expect(new Date(c.accessUntil).getTime() - Date.now()).toBeGreaterThan(27 * DAY)
    const [invitation, ...others] = await mail()
    expect(others).toEqual([])
    expect(invitation).toMatchObject({ to: 'riley@uni.test', subject: 'You are invited to see shared documents' })
    expect(invitation!.text).toContain('A Learner wants to share a document with you')
    expect(invitation!.text).toContain('/register/third-party?email=riley%40uni.test')
    expect(await historyOf(id)).toEqual(['created:learner'])
    expect(await auditOf(id)).toEqual(['connections.created'])
  })

  it('with a third party that has an account: it is emailed, accepts, and the learner is emailed', async () => {
    const id = await shareWithFixtureThirdParty()
    expect(await connection(id)).toMatchObject({ thirdParty: f.thirdParty.id, thirdPartyEmail: 'third@fixture.test', thirdPartyCompany: 'Acme Ltd' })
    expect(await mail()).toEqual([expect.objectContaining({ to: 'third@fixture.test', subject: 'Documents have been shared with you' })])
    expect(await thirdPartySees()).not.toContain(f.a.document.id) // pending: nothing yet

    smtp.received.length = 0
    expect(await actOnConnection(t.payload, await thirdParty(), id, { type: 'accept' })).toEqual({ ok: true, event: 'accepted' })
    expect(await thirdPartySees()).toContain(f.a.document.id)
    const accepted = await mail()
    expect(accepted).toEqual([expect.objectContaining({ to: 'learner-a@fixture.test', subject: 'Your connection has been accepted' })])
    expect(accepted[0]!.text).toContain('Acme Ltd (Tess Party) has accepted your connection')
    expect(await historyOf(id)).toEqual(['created:learner', 'accepted:third-party'])
    expect(await auditOf(id)).toEqual(['connections.created', 'connections.accepted'])
  })

  it('refuses what is not theirs to share, with a clear message, and writes nothing', async () => {
    const before = (await t.payload.count({ collection: 'connections', ...system })).totalDocs
    const revoked = await t.payload.create({ collection: 'documents', data: { achievement: f.a.achievement.id, type: 'transcript' } as never, ...system })
    await payloadPool(t.payload).query(`update documents set status = 'revoked' where id = $1`, [revoked.id])
    const attempts = [
      [{ documents: [f.b.document.id] }, { documents: 'Choose documents of yours that are still valid.' }],
      [{ documents: [revoked.id] }, { documents: 'Choose documents of yours that are still valid.' }],
      [{ documents: [] }, { documents: 'Choose at least one document to share.' }],
      [{ accessUntil: day(-1) }, { accessUntil: 'The access date cannot be in the past.' }],
      [{ accessUntil: day(800) }, { accessUntil: 'The access date can be at most two years from today.' }],
      [{ accessUntil: '2027-02-30' }, { accessUntil: 'Enter the access date as a real date, for example 31/01/2027.' }],
      [{ email: 'not an email' }, { email: 'Enter an email address in the correct format, like name@example.com.' }],
      [{ email: 'learner-a@fixture.test' }, { email: 'Enter the third party’s email address, not your own.' }],
      [{ name: ' ' }, { name: 'Enter the name of the person or organisation you are sharing with.' }],
    ] as const
    for (const [change, errors] of attempts) {
      const result = await shareWithThirdParty(t.payload, await learnerA(), { name: 'X', email: 'x@example.test', documents: [f.a.document.id], ...change } as never)
      expect(result).toEqual({ ok: false, errors })
    }
    expect((await t.payload.count({ collection: 'connections', ...system })).totalDocs).toBe(before)
    expect(await mail()).toEqual([])
  })
})

describe('the learner changes a connection, the third party answers', () => {
  it('extend, shorten, change documents, an extension asked for and approved, then declined: each emails the other side once', async () => {
    const second = await t.payload.create({ collection: 'documents', data: { achievement: f.a.achievement.id, type: 'transcript' } as never, ...system })
    const id = await shareWithFixtureThirdParty()
    await actOnConnection(t.payload, await thirdParty(), id, { type: 'accept' })
    smtp.received.length = 0
    await deliverDueEmails(t.payload)
    smtp.received.length = 0
    const until = (offset: number) => new Date(`${day(offset)}T12:00:00Z`)

    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'change-access-date', until: until(60) })).toEqual({ ok: true, event: 'extended' })
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'change-access-date', until: until(20) })).toEqual({ ok: true, event: 'shortened' })
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'change-documents', documents: [second.id] })).toEqual({ ok: true, event: 'documents-changed' })
    expect(await thirdPartySees()).toContain(second.id)
    expect(await thirdPartySees()).not.toContain(f.a.document.id) // removed: gone at once
    expect(await actOnConnection(t.payload, await thirdParty(), id, { type: 'request-extension', until: until(90), message: 'For the audit in March' })).toEqual({ ok: true, event: 'extension-requested' })
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'approve-extension' })).toEqual({ ok: true, event: 'extension-approved' })
    expect(new Date((await connection(id)).accessUntil).getTime()).toBe(until(90).getTime())
    expect(await actOnConnection(t.payload, await thirdParty(), id, { type: 'request-extension', until: until(120) })).toEqual({ ok: true, event: 'extension-requested' })
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'decline-extension' })).toEqual({ ok: true, event: 'extension-declined' })

    const sent = await mail()
    // Delivered by a pool of connections: they arrive in any order.
    expect(sent.map((m) => `${m.to}: ${m.subject}`).sort()).toEqual([
      'third@fixture.test: Your access to shared documents has been extended',
      'third@fixture.test: Your access to shared documents has been shortened',
      'third@fixture.test: The documents shared with you have changed',
      'learner-a@fixture.test: A request for longer access to your documents',
      'third@fixture.test: Your extension request was approved',
      'learner-a@fixture.test: A request for longer access to your documents',
      'third@fixture.test: Your extension request was declined',
    ].sort())
    expect(sent.find((m) => m.text.includes('For the audit'))!.text).toContain('Their message: “For the audit in March”')
    expect(await historyOf(id)).toEqual([
      'created:learner',
      'accepted:third-party',
      'extended:learner',
      'shortened:learner',
      'documents-changed:learner',
      'extension-requested:third-party',
      'extension-approved:learner',
      'extension-requested:third-party',
      'extension-declined:learner',
    ])
  })

  it('the wrong side, another learner, or a stale state is refused and changes nothing', async () => {
    const id = await shareWithFixtureThirdParty()
    await mail()
    smtp.received.length = 0
    const before = await connection(id)
    expect(await actOnConnection(t.payload, await learnerB(), id, { type: 'delete' })).toMatchObject({ ok: false, status: 404 })
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'accept' })).toMatchObject({ ok: false, error: 'The other side accepts this connection.' })
    expect(await actOnConnection(t.payload, await thirdParty(), id, { type: 'change-documents', documents: [f.b.document.id] })).toMatchObject({ ok: false })
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'change-documents', documents: [f.b.document.id] })).toMatchObject({ ok: false, error: 'Choose documents of yours that are still valid.' })
    expect(await actOnConnection(t.payload, null, id, { type: 'accept' })).toMatchObject({ ok: false, status: 404 })
    expect(await actOnConnection(t.payload, await thirdParty(), 'abc', { type: 'accept' })).toMatchObject({ ok: false, status: 404 })
    // A suspended third party takes no part.
    await t.payload.update({ collection: 'accounts', id: f.thirdParty.id, data: { status: 'suspended' }, ...system })
    try {
      expect(await actOnConnection(t.payload, await thirdParty(), id, { type: 'accept' })).toMatchObject({ ok: false, status: 404 })
    } finally {
      await t.payload.update({ collection: 'accounts', id: f.thirdParty.id, data: { status: 'approved' }, ...system })
    }
    expect(await connection(id)).toEqual(before)
    expect(await mail()).toEqual([])
  })

  it('the third party cancels, or the learner deletes: access ends at once and the other side is emailed', async () => {
    const cancelled = await shareWithFixtureThirdParty()
    await actOnConnection(t.payload, await thirdParty(), cancelled, { type: 'accept' })
    const deleted = await shareWithFixtureThirdParty()
    await actOnConnection(t.payload, await thirdParty(), deleted, { type: 'accept' })
    await mail()
    smtp.received.length = 0
    expect(await actOnConnection(t.payload, await thirdParty(), cancelled, { type: 'cancel' })).toEqual({ ok: true, event: 'cancelled' })
    expect(await actOnConnection(t.payload, await learnerA(), deleted, { type: 'delete' })).toEqual({ ok: true, event: 'deleted' })
    expect(await thirdPartySees()).not.toContain(f.a.document.id)
    expect(await t.payload.findByID({ collection: 'connections', id: deleted, ...system, disableErrors: true })).toBeNull()
    expect((await mail()).map((m) => `${m.to}: ${m.subject}`).sort()).toEqual([
      'learner-a@fixture.test: A connection has been cancelled',
      'third@fixture.test: A learner has stopped sharing documents with you',
    ])
    expect(await auditOf(deleted)).toEqual(['connections.created', 'connections.accepted', 'connections.deleted'])
  })

  it('support staff cancel on the learner’s request: both sides are emailed and the history says why', async () => {
    const id = await shareWithFixtureThirdParty()
    await mail()
    smtp.received.length = 0
    const support = { ...(await t.payload.findByID({ collection: 'staff', id: f.staff.support.id, ...system })), collection: 'staff' } as never
    expect(await actOnConnection(t.payload, support, id, { type: 'change-documents', documents: [f.a.document.id] })).toMatchObject({ ok: false })
    expect(await actOnConnection(t.payload, support, id, { type: 'cancel', message: 'The learner asked by phone' })).toEqual({ ok: true, event: 'cancelled' })
    expect((await mail()).map((m) => m.to).sort()).toEqual(['learner-a@fixture.test', 'third@fixture.test'])
    const [event] = (await t.payload.find({ collection: 'connection-events', where: { connection: { equals: id }, event: { equals: 'cancelled' } }, ...system })).docs
    expect(event).toMatchObject({ party: 'support', note: 'The learner asked by phone' })
  })
})

describe('declining, and accounts that take no part', () => {
  it('the third party declines a share: the learner is emailed once and the connection is inactive', async () => {
    const id = await shareWithFixtureThirdParty()
    await mail()
    smtp.received.length = 0
    expect(await actOnConnection(t.payload, await thirdParty(), id, { type: 'decline' })).toEqual({ ok: true, event: 'declined' })
    expect((await connection(id)).status).toBe('declined')
    const sent = await mail()
    expect(sent.map((m) => `${m.to}: ${m.subject}`)).toEqual(['learner-a@fixture.test: Your connection was declined'])
    expect(sent[0]!.text).toContain('Acme Ltd (Tess Party) has declined your connection.')
  })

  it('a suspended learner shares nothing, at once, and gets it back when approved again', async () => {
    const id = await shareWithFixtureThirdParty()
    await actOnConnection(t.payload, await thirdParty(), id, { type: 'accept' })
    expect(await thirdPartySees()).toContain(f.a.document.id)
    await t.payload.update({ collection: 'accounts', id: f.a.account.id, data: { status: 'suspended' }, ...system })
    try {
      expect(await thirdPartySees()).not.toContain(f.a.document.id)
      expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'delete' })).toMatchObject({ ok: false, status: 404 })
    } finally {
      await t.payload.update({ collection: 'accounts', id: f.a.account.id, data: { status: 'approved' }, ...system })
    }
    expect(await thirdPartySees()).toContain(f.a.document.id)
  })
})

describe('a third party asks a learner', () => {
  it('a learner’s address: the learner is emailed and accepts, choosing documents; any other address: nobody is emailed, and the answer is the same', async () => {
    const asked = await requestConnection(t.payload, await thirdParty(), { email: 'Learner-A@fixture.test', message: 'We are checking your application' })
    const nobody = await requestConnection(t.payload, await thirdParty(), { email: 'nobody@nowhere.test', message: 'Hello' })
    expect(asked).toEqual({ ok: true })
    expect(nobody).toEqual(asked)
    // Both wrote a pending row and queued a job: the same work whoever the address belongs to.
    const requests = await t.payload.find({ collection: 'connections', where: { initiatedBy: { equals: 'third-party' } }, ...system, joins: false })
    expect(requests.docs.map((c) => [c.learnerEmail, c.learner, c.status]).sort()).toEqual([['learner-a@fixture.test', null, 'pending'], ['nobody@nowhere.test', null, 'pending']])
    expect(await mail()).toEqual([])
    // The job matches the learner's address (twice at once and again: one email).
    await Promise.all(requests.docs.map((c) => Promise.all([matchConnectionRequest(t.payload, c.id), matchConnectionRequest(t.payload, c.id)])))
    await Promise.all(requests.docs.map((c) => matchConnectionRequest(t.payload, c.id)))
    const sent = await mail()
    expect(sent).toEqual([expect.objectContaining({ to: 'learner-a@fixture.test', subject: 'A request to see your documents' })])
    expect(sent[0]!.text).toContain('Acme (T Party) asks you to share your documents')
    expect(sent[0]!.text).toContain('“We are checking your application”')

    const [request] = (await t.payload.find({ collection: 'connections', where: { learnerEmail: { equals: 'learner-a@fixture.test' } }, ...system })).docs
    expect(request).toMatchObject({ status: 'pending', initiatedBy: 'third-party', learner: f.a.account.id, documents: [] })
    smtp.received.length = 0
    expect(await actOnConnection(t.payload, await learnerA(), request!.id, { type: 'accept', documents: [] })).toMatchObject({ ok: false, error: 'Choose at least one document to share.' })
    expect(await actOnConnection(t.payload, await learnerA(), request!.id, { type: 'accept', documents: [f.a.document.id] })).toEqual({ ok: true, event: 'accepted' })
    expect((await mail()).map((m) => `${m.to}: ${m.subject}`)).toEqual(['third@fixture.test: Your connection has been accepted'])
    expect(await thirdPartySees()).toContain(f.a.document.id)
  })

  it('is throttled per third party', async () => {
    const other = await t.payload.create({
      collection: 'accounts',
      data: { email: 'busy@fixture.test', password: PASSWORD, _verified: true, kind: 'third-party', status: 'approved', firstName: 'Busy', lastName: 'Bee', companyName: 'Hive' } as never,
      disableVerificationEmail: true,
      ...system,
    })
    const answers = []
    for (let n = 0; n < 21; n++) answers.push(await requestConnection(t.payload, await account(other.id), { email: `someone-${n}@nowhere.test` }))
    expect(answers.slice(0, 20).every((a) => a.ok)).toBe(true)
    expect(answers[20]).toEqual({ ok: false, errors: { form: 'You have asked many learners to connect in the last hour. Please try again later.' } })
  })
})

describe('view receipts', () => {
  it('count every view, even at the same moment, and only while the document is shared', async () => {
    const id = await shareWithFixtureThirdParty()
    expect(await recordThirdPartyView(t.payload, await thirdParty(), f.a.document.id)).toBeNull() // pending: not shared yet
    await actOnConnection(t.payload, await thirdParty(), id, { type: 'accept' })
    const shared = await Promise.all(Array.from({ length: 8 }, async () => recordThirdPartyView(t.payload, await thirdParty(), f.a.document.id)))
    expect(shared[0]).toMatchObject({ sharedWith: 'Acme Ltd', learner: 'A Learner' })
    const [receipt] = (await t.payload.find({ collection: 'connection-views', where: { connection: { equals: id } }, overrideAccess: false, user: await learnerA() })).docs
    expect(receipt).toMatchObject({ views: 8 })
    expect(await recordThirdPartyView(t.payload, await learnerA(), f.a.document.id)).toBeNull() // the learner's own views are no receipts
    // Learner B cannot read A's receipts.
    expect((await t.payload.find({ collection: 'connection-views', where: { connection: { equals: id } }, overrideAccess: false, user: await learnerB() })).docs).toEqual([])
  })

  it('count nothing once the document is no longer shared: its date passed, the connection cancelled, or the document taken out', async () => {
    const viewsOf = async (connection: number) =>
      Number((await payloadPool(t.payload).query(`select coalesce(sum(views), 0)::int as n from connection_views where connection_id = $1`, [connection])).rows[0].n)
    const activeConnection = async () => {
      const id = await shareWithFixtureThirdParty()
      await actOnConnection(t.payload, await thirdParty(), id, { type: 'accept' })
      expect(await recordThirdPartyView(t.payload, await thirdParty(), f.a.document.id)).not.toBeNull()
      expect(await viewsOf(id)).toBe(1)
      return id
    }
    // The access date has passed, and no job has run yet: the row still says active.
    const lapsed = await activeConnection()
    await payloadPool(t.payload).query(`update connections set access_until = now() - interval '1 millisecond' where id = $1`, [lapsed])
    expect(await recordThirdPartyView(t.payload, await thirdParty(), f.a.document.id)).toBeNull()
    expect(await viewsOf(lapsed)).toBe(1)
    await payloadPool(t.payload).query(`update connections set status = 'expired' where id = $1`, [lapsed])
    expect(await recordThirdPartyView(t.payload, await thirdParty(), f.a.document.id)).toBeNull()
    expect(await viewsOf(lapsed)).toBe(1)

    const cancelled = await activeConnection()
    await actOnConnection(t.payload, await thirdParty(), cancelled, { type: 'cancel' })
    expect(await recordThirdPartyView(t.payload, await thirdParty(), f.a.document.id)).toBeNull()
    expect(await viewsOf(cancelled)).toBe(1)

    // The learner shares a second document and takes the first one out: views of the first count no more, of the second they do.
    const second = await t.payload.create({ collection: 'documents', data: { achievement: f.a.achievement.id, type: 'transcript' } as never, ...system })
    const narrowed = await activeConnection()
    await actOnConnection(t.payload, await learnerA(), narrowed, { type: 'change-documents', documents: [second.id] })
    expect(await recordThirdPartyView(t.payload, await thirdParty(), f.a.document.id)).toBeNull()
    expect(await recordThirdPartyView(t.payload, await thirdParty(), second.id)).not.toBeNull()
    const { rows } = await payloadPool(t.payload).query(`select document_id, views::int from connection_views where connection_id = $1 order by document_id`, [narrowed])
    expect(rows).toEqual([
      { document_id: f.a.document.id, views: 1 },
      { document_id: second.id, views: 1 },
    ])
  })
})

describe('the expiry job', () => {
  it('expires every connection past its date in one pass and emails both sides once, however often and however many run it; one nobody answered lapses, and only the side that made it is told', async () => {
    const id = await shareWithFixtureThirdParty()
    await actOnConnection(t.payload, await thirdParty(), id, { type: 'accept' })
    const invited = (await shareWithThirdParty(t.payload, await learnerA(), { name: 'Late', email: 'late@uni.test', documents: [f.a.document.id] })) as { id: number }
    await requestConnection(t.payload, await thirdParty(), { email: 'nobody@nowhere.test' })
    await mail()
    smtp.received.length = 0
    const later = new Date(Date.now() + 800 * DAY)
    const runs = await Promise.all([expireDueConnections(t.payload, later), expireDueConnections(t.payload, later), expireDueConnections(t.payload, later)])
    const { rows: open } = await payloadPool(t.payload).query(`select count(*)::int as n from connections where status in ('pending', 'active')`)
    expect(open[0].n).toBe(0)
    const { rows: all } = await payloadPool(t.payload).query(`select count(*)::int as n from connections`)
    expect(runs.reduce((sum, run) => sum + run.expired, 0)).toBe(all[0].n) // each one once, across the three runs at the same moment
    expect((await expireDueConnections(t.payload, later)).expired).toBe(0)
    expect((await connection(id)).status).toBe('expired')
    expect((await connection(invited.id)).status).toBe('expired')
    const sent = await mail()
    // The accepted one: both sides, once each.
    expect(sent.filter((m) => m.subject === 'A connection’s access date has passed').map((m) => m.to).sort()).toEqual(['learner-a@fixture.test', 'third@fixture.test'])
    // Nobody answered the others: the side that made each is told it lapsed; the address asked hears nothing.
    const lapsed = sent.filter((m) => m.subject === 'A connection was not answered in time')
    expect(sent).toHaveLength(2 + lapsed.length)
    expect(sent.filter((m) => m.to === 'late@uni.test' || m.to === 'nobody@nowhere.test')).toEqual([])
    expect(lapsed.find((m) => m.text.includes('Late was not answered by'))).toMatchObject({ to: 'learner-a@fixture.test' })
    expect(lapsed.find((m) => m.text.includes('nobody@nowhere[.]test was not answered by'))).toMatchObject({ to: 'third@fixture.test' })
    expect(await historyOf(id)).toEqual(['created:learner', 'accepted:third-party', 'expired:system'])
    expect(await historyOf(invited.id)).toEqual(['created:learner', 'expired:system'])
    expect(await auditOf(id)).toContain('connections.expired')
  })

  it('lapses an unanswered connection at the same moment as the state machine’s answerBy, winter and summer', async () => {
    // In time order: each run also lapses the earlier ones. Late evenings in summer are the next London day.
    const made = ['2026-01-15T23:30:00.000Z', '2026-03-01T12:00:00.000Z', '2026-05-31T23:30:00.000Z', '2026-10-01T00:10:00.000Z'].map((at) => new Date(at))
    const ids: number[] = []
    for (const [n, at] of made.entries()) {
      const result = (await shareWithThirdParty(t.payload, await learnerA(), { name: 'Clock', email: `clock-${n}@uni.test`, accessUntil: day(700), documents: [f.a.document.id] })) as { id: number }
      await payloadPool(t.payload).query(`update connections set created_at = $2, access_until = $3 where id = $1`, [result.id, at, new Date(at.getTime() + 400 * DAY)])
      ids.push(result.id)
    }
    for (const [n, at] of made.entries()) {
      const by = answerBy(at)
      await expireDueConnections(t.payload, new Date(by.getTime() - 1))
      expect((await connection(ids[n]!)).status).toBe('pending')
      await expireDueConnections(t.payload, by)
      expect((await connection(ids[n]!)).status).toBe('expired')
    }
  })
})

describe('an expired connection is extended', () => {
  async function expiredConnection() {
    const id = await shareWithFixtureThirdParty()
    await actOnConnection(t.payload, await thirdParty(), id, { type: 'accept' })
    await payloadPool(t.payload).query(`update connections set access_until = now() - interval '1 day' where id = $1`, [id])
    await expireDueConnections(t.payload)
    expect((await connection(id)).status).toBe('expired')
    await mail()
    smtp.received.length = 0
    return id
  }
  const until = (offset: number) => new Date(`${day(offset)}T12:00:00Z`)

  it('by the learner giving it a new access date: active again, the third party sees and is emailed, and the history says so', async () => {
    const id = await expiredConnection()
    expect(await thirdPartySees()).not.toContain(f.a.document.id)
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'change-access-date', until: until(30) })).toEqual({ ok: true, event: 'extended' })
    expect(await connection(id)).toMatchObject({ status: 'active', accessUntil: until(30).toISOString() })
    expect(await thirdPartySees()).toContain(f.a.document.id)
    expect((await mail()).map((m) => `${m.to}: ${m.subject}`)).toEqual(['third@fixture.test: Your access to shared documents has been extended'])
    expect(await historyOf(id)).toEqual(['created:learner', 'accepted:third-party', 'expired:system', 'extended:learner'])
    const [event] = (await t.payload.find({ collection: 'connection-events', where: { connection: { equals: id }, event: { equals: 'extended' } }, ...system })).docs
    expect(event!.note).toBe('It had expired: active again.')
  })

  it('by the third party asking and the learner approving; declined, it stays expired', async () => {
    const id = await expiredConnection()
    expect(await actOnConnection(t.payload, await thirdParty(), id, { type: 'request-extension', until: until(45), message: 'The panel moved' })).toEqual({ ok: true, event: 'extension-requested' })
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'decline-extension' })).toEqual({ ok: true, event: 'extension-declined' })
    expect((await connection(id)).status).toBe('expired')
    expect(await actOnConnection(t.payload, await thirdParty(), id, { type: 'request-extension', until: until(45) })).toEqual({ ok: true, event: 'extension-requested' })
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'approve-extension' })).toEqual({ ok: true, event: 'extension-approved' })
    expect(await connection(id)).toMatchObject({ status: 'active', accessUntil: until(45).toISOString() })
    expect(await thirdPartySees()).toContain(f.a.document.id)
    expect((await mail()).map((m) => `${m.to}: ${m.subject}`).sort()).toEqual([
      'learner-a@fixture.test: A request for longer access to your documents',
      'learner-a@fixture.test: A request for longer access to your documents',
      'third@fixture.test: Your extension request was approved',
      'third@fixture.test: Your extension request was declined',
    ])
  })

  it('never one nobody answered in time, and nothing else happens to an expired one', async () => {
    const lapsed = (await shareWithThirdParty(t.payload, await learnerA(), { name: 'Never', email: 'never@uni.test', documents: [f.a.document.id] })) as { id: number }
    await expireDueConnections(t.payload, new Date(Date.now() + 40 * DAY))
    expect((await connection(lapsed.id)).status).toBe('expired')
    expect(await actOnConnection(t.payload, await learnerA(), lapsed.id, { type: 'change-access-date', until: until(60) })).toEqual({
      ok: false,
      status: 400,
      error: 'This connection ended before it was accepted, so it cannot be extended. Make a new connection instead.',
    })
    const id = await expiredConnection()
    expect(await actOnConnection(t.payload, await thirdParty(), id, { type: 'cancel' })).toMatchObject({ ok: false, status: 400 })
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'change-documents', documents: [f.a.document.id] })).toMatchObject({ ok: false, status: 400 })
    expect((await connection(id)).status).toBe('expired')
  })
})

describe('deleting', () => {
  it('leaves a tombstone its two sides (and only they) can read, with no names or documents', async () => {
    const id = await shareWithFixtureThirdParty()
    await actOnConnection(t.payload, await thirdParty(), id, { type: 'accept' })
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'delete' })).toEqual({ ok: true, event: 'deleted' })
    const tombstone = (who: unknown) => t.payload.find({ collection: 'deleted-connections', where: { connection: { equals: id } }, overrideAccess: false, user: who as never, depth: 0 }).then((r) => r.docs)
    expect(await tombstone(await learnerA())).toEqual([expect.objectContaining({ connection: id, learner: f.a.account.id, thirdParty: f.thirdParty.id })])
    expect(await tombstone(await thirdParty())).toHaveLength(1)
    expect(await tombstone(await learnerB())).toEqual([])
    expect(Object.keys((await tombstone(await learnerA()))[0]!).sort()).toEqual(['connection', 'createdAt', 'deletedAt', 'id', 'learner', 'thirdParty', 'updatedAt'])
  })

  it('a request the learner has not answered is declined, not deleted (its going would tell the third party the address is a learner’s)', async () => {
    await requestConnection(t.payload, await thirdParty(), { email: 'learner-a@fixture.test' })
    const [request] = (await t.payload.find({ collection: 'connections', where: { learnerEmail: { equals: 'learner-a@fixture.test' } }, ...system })).docs
    await matchConnectionRequest(t.payload, request!.id)
    expect(await actOnConnection(t.payload, await learnerA(), request!.id, { type: 'delete' })).toEqual({ ok: false, status: 400, error: 'Decline a request before you delete it.' })
    expect(await actOnConnection(t.payload, await learnerA(), request!.id, { type: 'decline' })).toEqual({ ok: true, event: 'declined' })
    expect(await actOnConnection(t.payload, await learnerA(), request!.id, { type: 'delete' })).toEqual({ ok: true, event: 'deleted' })
  })
})

describe('ids past PostgreSQL’s integer range', () => {
  it('answer as an unknown connection or document does, not with the database’s error', async () => {
    expect(await actOnConnection(t.payload, await learnerA(), '99999999999', { type: 'delete' })).toEqual({ ok: false, status: 404, error: 'We could not find that connection.' })
    expect(await actOnConnection(t.payload, await learnerA(), 99999999999, { type: 'delete' })).toEqual({ ok: false, status: 404, error: 'We could not find that connection.' })
    const id = await shareWithFixtureThirdParty()
    expect(await actOnConnection(t.payload, await learnerA(), id, { type: 'change-documents', documents: [99999999999] })).toEqual({ ok: false, status: 400, error: 'Choose documents of yours that are still valid.' })
    const share = await shareWithThirdParty(t.payload, await learnerA(), { name: 'Big', email: 'big@uni.test', documents: [99999999999] })
    expect(share).toEqual({ ok: false, errors: { documents: 'Choose documents of yours that are still valid.' } })
  })
})

describe('the SQL that grants access and ends connections is the state machine’s rule', () => {
  it('thirdPartyMaySee and dueToExpire answer alike in TypeScript and in PostgreSQL, at and around every boundary', async () => {
    const now = new Date('2026-06-30T23:00:00.000Z') // the end of a London day in summer time, when answer-by dates fall
    const statuses = ['pending', 'active', 'declined', 'cancelled', 'expired'] as const
    // Each connection's access date and answer-by date at, just before and just after `now`, and far either side.
    const near = [-DAY * 40, -1, 0, 1, DAY * 40]
    const made = [now, lastMadeFor(now), ...near.map((offset) => new Date(lastMadeFor(now).getTime() + offset))]
    expect(answerBy(lastMadeFor(now))).toEqual(now)
    const generated = fc.sample(
      fc.record({ status: fc.constantFrom(...statuses), accessUntil: fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }), madeAt: fc.date({ min: new Date('2026-01-01'), max: now, noInvalidDate: true }) }),
      { numRuns: 400, seed: 7 },
    )
    const cases = [
      ...statuses.flatMap((status) => near.flatMap((offset) => made.map((madeAt) => ({ status, accessUntil: new Date(now.getTime() + offset), madeAt })))),
      // Made a millisecond either side of the moment whose answer-by date is exactly `now`.
      ...statuses.flatMap((status) => [-1, 0, 1].map((offset) => ({ status, accessUntil: new Date(now.getTime() + 100 * DAY), madeAt: new Date(lastMadeFor(now).getTime() + offset) }))),
      ...generated,
    ]
    const values = sql.join(
      cases.map((c, id) => sql`(${id}::int, ${c.status}::text, ${c.accessUntil.toISOString()}::timestamptz, ${c.madeAt.toISOString()}::timestamptz)`),
      sql`, `,
    )
    const { rows } = await queryInTransaction<{ id: number; may_see: boolean; due: boolean }>(
      await createLocalReq({}, t.payload),
      sql`select c.id, ${thirdPartyMaySeeSql(now)} as may_see, ${dueToExpireSql(now)} as due from (values ${values}) as c(id, status, access_until, created_at) order by c.id`,
    )
    const disagreements = rows.flatMap((row) => {
      const state = cases[row.id]!
      const expected = { may_see: thirdPartyMaySee(state, now), due: dueToExpire(state, now) }
      return expected.may_see === row.may_see && expected.due === row.due ? [] : [`${JSON.stringify(state)}: TypeScript ${JSON.stringify(expected)}, SQL ${JSON.stringify({ may_see: row.may_see, due: row.due })}`]
    })
    expect(rows).toHaveLength(cases.length)
    expect(disagreements).toEqual([])
    // Both answers occur, so the comparison covers each side of each rule.
    expect(new Set(rows.map((row) => `${row.may_see}/${row.due}`))).toEqual(new Set(['true/false', 'false/true', 'false/false']))
  })
})

/** The last moment a connection can be made whose answer-by date is `dayEnd` (the end of a London day): 30 × 24 h before it. */
const lastMadeFor = (dayEnd: Date) => new Date(dayEnd.getTime() - 30 * DAY - 1)
