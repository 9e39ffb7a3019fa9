import { createLocalReq } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { payloadPool } from '../../src/collections/sql'
import { inTransaction } from '../../src/collections/transaction'
import { queueEmail } from '../../src/email/queue'
import { someoneUsedYourDetailsMessage } from '../../src/plugins/registration/emails'
import { deliverDueEmails, sendEmailAgain } from '../../src/plugins/email-delivery'
import { decideRegistration, requestPasswordReset } from '../../src/plugins/registration'
import { type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'
import { startSmtpServer } from '../helpers/smtp'

let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let t: TestPayloadWithFixtures
let f: Fixtures
const system = { overrideAccess: true, depth: 0 } as const

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
  await smtp.start()
  smtp.refuseNext(0)
  smtp.dropNext(0)
  // The fixtures' own messages are no part of these stories.
  await payloadPool(t.payload).query(`update email_outbox set status = 'kept' where status <> 'kept'`)
  smtp.received.length = 0
})

const minutes = (n: number) => n * 60_000
const systemReq = () => createLocalReq({}, t.payload)
const row = async (id: number) => (await payloadPool(t.payload).query(`select * from email_outbox where id = $1`, [id])).rows[0]
const latestTo = async (to: string) => (await t.payload.find({ collection: 'email-outbox', where: { to: { equals: to } }, sort: '-createdAt', limit: 1, ...system })).docs[0]!
/** Delivery as the clock says: `at` is milliseconds after the message was queued. */
const deliverAt = (queuedAt: Date, at: number) => deliverDueEmails(t.payload, { clock: () => new Date(queuedAt.getTime() + at) })

async function queueTo(to: string) {
  const req = await systemReq()
  await inTransaction(req, () => queueEmail(req, { template: someoneUsedYourDetailsMessage, to, data: { firstName: 'Ada' } }))
  const message = await latestTo(to)
  return { id: message.id, queuedAt: new Date(message.nextAttemptAt!) }
}
const arrivals = (to: string) => smtp.received.filter((mail) => mail.to === to)

describe('delivery through a real mail server', () => {
  it('sends each queued message once, and records the server’s answer', async () => {
    const queued = await Promise.all(['one@example.test', 'two@example.test', 'three@example.test'].map(queueTo))
    expect(smtp.received).toHaveLength(0) // queued, not sent inside the change
    expect((await row(queued[0]!.id)).status).toBe('queued')

    expect(await deliverDueEmails(t.payload)).toEqual({ sent: 3, retrying: 0, failed: 0 })
    expect(await deliverDueEmails(t.payload)).toEqual({ sent: 0, retrying: 0, failed: 0 })
    expect(smtp.received.map((mail) => mail.to).sort()).toEqual(['one@example.test', 'three@example.test', 'two@example.test'])
    const sent = await row(queued[0]!.id)
    expect(sent).toMatchObject({ status: 'sent', last_error: null })
    expect(Number(sent.attempts)).toBe(1)
    expect(sent.message_id).toMatch(/^<.+@.+>$/)
    expect(sent.server_response).toMatch(/^250 /)
    expect(sent.sent_at).toBeInstanceOf(Date)
  })

  it('keeps a message the server refuses (5xx), retries it 1 and 5 minutes later, and delivers it once the server takes it', async () => {
    const { id, queuedAt } = await queueTo('refused@example.test')
    smtp.refuseNext(2, 554)
    expect(await deliverAt(queuedAt, 0)).toMatchObject({ retrying: 1 })
    let message = await row(id)
    expect(message).toMatchObject({ status: 'queued' })
    expect(message.last_error).toMatch(/554/)
    expect(message.next_attempt_at.getTime() - queuedAt.getTime()).toBe(minutes(1))

    expect(await deliverAt(queuedAt, minutes(1) - 1000)).toMatchObject({ sent: 0, retrying: 0 }) // not due yet
    expect(await deliverAt(queuedAt, minutes(1))).toMatchObject({ retrying: 1 })
    message = await row(id)
    expect(message.next_attempt_at.getTime() - queuedAt.getTime()).toBe(minutes(6))
    expect(arrivals('refused@example.test')).toHaveLength(0)

    expect(await deliverAt(queuedAt, minutes(6))).toMatchObject({ sent: 1 })
    expect(arrivals('refused@example.test')).toHaveLength(1)
    message = await row(id)
    expect(message).toMatchObject({ status: 'sent', last_error: null })
    expect(Number(message.attempts)).toBe(3)
  })

  it('keeps a message whose connection drops mid-conversation, and delivers it at the next attempt', async () => {
    const { id, queuedAt } = await queueTo('dropped@example.test')
    smtp.dropNext(1)
    expect(await deliverAt(queuedAt, 0)).toMatchObject({ retrying: 1 })
    expect((await row(id)).last_error).toMatch(/clos|ECONN|socket|Connection/i)
    expect(await deliverAt(queuedAt, minutes(1))).toMatchObject({ sent: 1 })
    expect(arrivals('dropped@example.test')).toHaveLength(1)
  })

  it('keeps messages while the mail server is down, and delivers each once when it is back', async () => {
    await smtp.stop()
    const first = await queueTo('down-1@example.test')
    const second = await queueTo('down-2@example.test')
    expect(await deliverAt(second.queuedAt, 0)).toMatchObject({ retrying: 2 })
    expect((await row(first.id)).last_error).toMatch(/ECONNREFUSED/)
    expect(await deliverAt(second.queuedAt, minutes(1))).toMatchObject({ retrying: 2 })
    await smtp.start()
    expect(await deliverAt(second.queuedAt, minutes(6))).toMatchObject({ sent: 2 })
    expect([...arrivals('down-1@example.test'), ...arrivals('down-2@example.test')]).toHaveLength(2)
    expect((await row(second.id)).status).toBe('sent')
  })

  it('gives up after the last retry (1 min, 5 min, 30 min, 2 h, 12 h): failed and shown as such; "send again" delivers it', async () => {
    const { id, queuedAt } = await queueTo('gone@example.test')
    smtp.refuseNext(1000, 550)
    let at = 0
    for (const wait of [0, 1, 5, 30, 120, 720]) {
      at += minutes(wait)
      await deliverAt(queuedAt, at)
    }
    const failed = await row(id)
    expect(failed.status).toBe('failed')
    expect(Number(failed.attempts)).toBe(6)
    expect(failed.last_error).toMatch(/550/)
    expect(await deliverAt(queuedAt, at + minutes(24 * 60))).toEqual({ sent: 0, retrying: 0, failed: 0 }) // no more attempts
    const support = await t.payload.find({ collection: 'email-outbox', where: { status: { equals: 'failed' }, to: { equals: 'gone@example.test' } }, overrideAccess: false, user: { ...f.staff.support, collection: 'staff' } })
    expect(support.docs.map((m) => m.id)).toEqual([id])

    smtp.refuseNext(0)
    const learnerReq = await createLocalReq({ user: { ...f.a.account, collection: 'accounts' } as never }, t.payload)
    await expect(sendEmailAgain(learnerReq, String(id))).rejects.toMatchObject({ status: 403 })
    const supportReq = await createLocalReq({ user: { ...f.staff.support, collection: 'staff' } as never }, t.payload)
    expect(await sendEmailAgain(supportReq, String(id))).toEqual({ id })
    await expect(sendEmailAgain(supportReq, String(id))).rejects.toThrow(/already waiting/)
    expect(await deliverDueEmails(t.payload)).toMatchObject({ sent: 1 })
    expect(arrivals('gone@example.test')).toHaveLength(1)
    expect((await row(id)).status).toBe('sent')
    const audit = await t.payload.find({ collection: 'audit-log', where: { action: { equals: 'email.sent-again' }, entityId: { equals: String(id) } }, ...system })
    expect(audit.docs[0]).toMatchObject({ actorLabel: 'support@fixture.test' })
  })

  it('a message whose worker hangs mid-send is taken over after 10 minutes, and the first worker’s late failure changes nothing', async () => {
    const { id, queuedAt } = await queueTo('orphan@example.test')
    let giveUp = () => {}
    const hanging = { send: () => new Promise<never>((_resolve, reject) => (giveUp = () => reject(new Error('421 Timed out')))) }
    const first = deliverDueEmails(t.payload, { transport: hanging, clock: () => queuedAt })
    while ((await row(id)).status !== 'sending') await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await deliverAt(queuedAt, minutes(9))).toMatchObject({ sent: 0 }) // still the first worker's
    expect(await deliverAt(queuedAt, minutes(10) + 1000)).toMatchObject({ sent: 1 })
    expect(arrivals('orphan@example.test')).toHaveLength(1)
    giveUp()
    await first
    const message = await row(id)
    expect(message).toMatchObject({ status: 'sent', last_error: null })
    expect(Number(message.attempts)).toBe(2)
  })

  it('"send again" on a sent message sends a copy and keeps the original', async () => {
    const { id } = await queueTo('again@example.test')
    await deliverDueEmails(t.payload)
    const supportReq = await createLocalReq({ user: { ...f.staff.support, collection: 'staff' } as never }, t.payload)
    const copy = await sendEmailAgain(supportReq, String(id))
    expect(copy.id).not.toBe(id)
    await deliverDueEmails(t.payload)
    expect(arrivals('again@example.test')).toHaveLength(2)
    expect(await row(copy.id)).toMatchObject({ status: 'sent', resent_from_id: id })
    expect((await row(id)).status).toBe('sent')
  })
})

describe('a message and the change that caused it', () => {
  const queuedFor = async (to: string) => (await payloadPool(t.payload).query(`select id from email_outbox where "to" = $1`, [to])).rowCount
  const deliveryJobs = async () => (await payloadPool(t.payload).query(`select id from payload_jobs where task_slug = 'deliver-email'`)).rowCount

  it('a change that rolls back leaves no message and no delivery job', async () => {
    const jobsBefore = await deliveryJobs()
    const req = await systemReq()
    await expect(
      inTransaction(req, async () => {
        await t.payload.update({ collection: 'accounts', id: f.spareAccount.id, data: { firstName: 'Changed' }, req, ...system })
        await queueEmail(req, { template: someoneUsedYourDetailsMessage, to: 'rolled-back@example.test', data: { firstName: 'Ada' } })
        throw new Error('the change fails after its email was queued')
      }),
    ).rejects.toThrow('the change fails')
    expect(await queuedFor('rolled-back@example.test')).toBe(0)
    expect(await deliveryJobs()).toBe(jobsBefore)
    expect((await t.payload.findByID({ collection: 'accounts', id: f.spareAccount.id, ...system })).firstName).toBe('S')
  })

  it('a review decision whose email cannot be queued is not made', async () => {
    const pool = payloadPool(t.payload)
    const pending = await t.payload.create({
      collection: 'accounts',
      data: { email: 'in-review@example.test', password: 'fixture-password-123', _verified: true, kind: 'learner', status: 'awaiting-review', firstName: 'Rev', lastName: 'Iew' } as never,
      disableVerificationEmail: true,
      ...system,
    })
    const record = await t.payload.create({ collection: 'candidates', data: { candidateNumber: 'C900', firstName: 'Rev', surname: 'Iew', dateOfBirth: '1990-01-01T00:00:00.000Z' }, ...system })
    await pool.query(`create or replace function refuse_outbox() returns trigger language plpgsql as $$ begin raise exception 'outbox unavailable'; end $$`)
    await pool.query(`create trigger refuse_outbox before insert on email_outbox for each row execute function refuse_outbox()`)
    try {
      const req = await createLocalReq({ user: { ...f.staff.support, collection: 'staff' } as never }, t.payload)
      await expect(decideRegistration(req, pending.id, { action: 'approve', candidate: record.id })).rejects.toThrow(/email_outbox/)
    } finally {
      await pool.query(`drop trigger refuse_outbox on email_outbox`)
    }
    const after = await t.payload.findByID({ collection: 'accounts', id: pending.id, ...system })
    expect(after.status).toBe('awaiting-review')
    expect(after.candidate ?? null).toBeNull()
    const audit = await t.payload.count({ collection: 'audit-log', where: { entityId: { equals: String(pending.id) }, action: { equals: 'registration.approved' } }, ...system })
    expect(audit.totalDocs).toBe(0)
  })
})

describe('several workers at once', () => {
  it('two workers deliver each of 120 messages exactly once', async () => {
    const req = await systemReq()
    await inTransaction(req, async () => {
      for (let i = 0; i < 120; i++) await queueEmail(req, { template: someoneUsedYourDetailsMessage, to: `crowd-${i}@example.test`, data: { firstName: 'Ada' } })
    })
    const [a, b] = await Promise.all([deliverDueEmails(t.payload), deliverDueEmails(t.payload)])
    expect(a.sent + b.sent).toBe(120)
    expect(a.sent).toBeGreaterThan(0)
    expect(b.sent).toBeGreaterThan(0)
    const ids = smtp.received.filter((mail) => mail.to.startsWith('crowd-')).map((mail) => mail.outboxId)
    expect(ids).toHaveLength(120)
    expect(new Set(ids).size).toBe(120)
  })

  it('the jobs queue, run twice at once, delivers each message once', async () => {
    const queued = await Promise.all(['job-1@example.test', 'job-2@example.test', 'job-3@example.test'].map(queueTo))
    // Payload 3's runner may trip over a job the other run finished and deleted: that is its own error, logged; the messages are ours.
    await Promise.allSettled([t.payload.jobs.run({ queue: 'email', limit: 10 }), t.payload.jobs.run({ queue: 'email', limit: 10 })])
    // A run that tripped gives up on its other jobs without waiting for them: a delivery it started may still be finishing.
    const settled = async () => (await Promise.all(queued.map(async ({ id }) => (await row(id)).status))).every((status) => status !== 'sending')
    for (const deadline = Date.now() + 15_000; !(await settled()) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100))
    for (const { id } of queued) expect((await row(id)).status).toBe('sent')
    expect(smtp.received.filter((mail) => mail.to.startsWith('job-'))).toHaveLength(3)
  })
})

describe('sign-in links', () => {
  it('a password-reset link is kept where no one can read or query it until delivered, delivered whole, then gone from the outbox', async () => {
    await requestPasswordReset(t.payload, f.a.account.email)
    const queued = await latestTo(f.a.account.email)
    expect(queued).toMatchObject({ template: 'portal-password-reset', carriesSignInLink: true, status: 'queued' })
    const stored = await row(queued.id)
    const token = /token=([A-Za-z0-9_-]+)/.exec(stored.deliverable_text)?.[1]
    expect(token).toBeTruthy()
    for (const body of [stored.text, stored.html]) {
      expect(body).not.toContain(token)
      expect(body).toContain('[link withheld: only its recipient may have it]')
    }
    // Support staff read the message, but not the link, by any route: the document, a selection, or a query on it.
    const support = { ...f.staff.support, collection: 'staff' }
    const asSupport = { overrideAccess: false, user: support } as never
    expect(JSON.stringify(await t.payload.findByID({ collection: 'email-outbox', id: queued.id, ...(asSupport as object) }))).not.toContain(token)
    expect(JSON.stringify(await t.payload.findByID({ collection: 'email-outbox', id: queued.id, select: { deliverableText: true }, ...(asSupport as object) } as never))).not.toContain(token)
    for (const where of [{ deliverableText: { like: token!.slice(0, 8) } }, { deliverableHtml: { exists: true } }]) {
      const probe = await t.payload.find({ collection: 'email-outbox', where: { and: [{ id: { equals: queued.id } }, where] }, ...(asSupport as object) } as never).then(
        (found) => found.totalDocs,
        () => 'refused',
      )
      expect(probe).toBe('refused')
    }

    await deliverDueEmails(t.payload)
    const mail = await smtp.waitFor(f.a.account.email, /password/i)
    expect(mail.text).toContain(token)
    expect(mail.html).toContain(token)
    const sent = await row(queued.id)
    expect(sent).toMatchObject({ status: 'sent', deliverable_text: null, deliverable_html: null })
    expect(JSON.stringify(sent)).not.toContain(token)
    const supportReq = await createLocalReq({ user: support as never }, t.payload)
    await expect(sendEmailAgain(supportReq, String(queued.id))).rejects.toThrow(/new link/)
  })
})

