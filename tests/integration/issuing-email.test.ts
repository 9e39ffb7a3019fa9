import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { payloadPool } from '../../src/collections/sql'
import { deliverDueEmails } from '../../src/plugins/email-delivery'
import { type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'
import { startSmtpServer } from '../helpers/smtp'

let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let t: TestPayloadWithFixtures
let payload: Payload
let f: Fixtures
const system = { overrideAccess: true, depth: 0 } as const

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await startTestPayloadWithFixtures({ SMTP_URL: smtp.url })
  payload = t.payload
  f = t.fixtures
  await payload.jobs.run({ limit: 100 }) // the fixtures' own "new document" notices
  await deliverDueEmails(payload)
})
afterAll(async () => {
  await t?.close()
  await smtp?.close()
})

const noticesAbout = (reference: string) =>
  smtp.received.filter((mail) => mail.to === 'learner-a@fixture.test' && mail.subject === 'A new document is available in your account' && mail.text.includes(reference))
const notifyJobs = async () => (await payload.count({ collection: 'payload-jobs', where: { taskSlug: { equals: 'notify-new-documents' } }, ...system })).totalDocs

describe('telling a learner about a new document through a mail server that fails once', () => {
  it('queues one email, which delivery tries again a minute later, and which arrives exactly once', async () => {
    const document = await payload.create({ collection: 'documents', data: { achievement: f.a.achievement.id, type: 'transcript' } as never, ...system })
    expect(await notifyJobs()).toBe(1)
    const notifiedAt = async () => (await payload.findByID({ collection: 'documents', id: document.id, ...system })).learnerNotifiedAt ?? null

    await payload.jobs.run({ limit: 100 })
    expect(await notifiedAt()).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(await notifyJobs()).toBe(0)
    await payload.jobs.run({ limit: 100 })
    const queued = await payload.find({ collection: 'email-outbox', where: { to: { equals: 'learner-a@fixture.test' }, template: { equals: 'documents-new-available' }, text: { contains: document.reference! } }, ...system })
    expect(queued.totalDocs).toBe(1)

    smtp.refuseNext(1)
    expect(await deliverDueEmails(payload)).toMatchObject({ retrying: 1 })
    expect(smtp.refused).toEqual(['learner-a@fixture.test'])
    expect(noticesAbout(document.reference!)).toEqual([])

    const later = (ms: number) => () => new Date(Date.now() + ms)
    expect(await deliverDueEmails(payload, { clock: later(61_000) })).toMatchObject({ sent: 1 })
    expect(noticesAbout(document.reference!)).toHaveLength(1)
    await deliverDueEmails(payload, { clock: later(24 * 60 * 60_000) })
    expect(noticesAbout(document.reference!)).toHaveLength(1)
  })
})

describe('a new-document notice whose email cannot be queued', () => {
  it('leaves the document waiting to be told, and the job’s retry tells it once', async () => {
    const pool = payloadPool(payload)
    const document = await payload.create({ collection: 'documents', data: { achievement: f.a.achievement.id, type: 'certificate' } as never, ...system })
    await pool.query(`create or replace function refuse_outbox() returns trigger language plpgsql as $$ begin raise exception 'outbox unavailable'; end $$`)
    await pool.query(`create trigger refuse_outbox before insert on email_outbox for each row execute function refuse_outbox()`)
    try {
      await payload.jobs.run({ limit: 100 })
    } finally {
      await pool.query(`drop trigger refuse_outbox on email_outbox`)
    }
    const notifiedAt = async () => (await payload.findByID({ collection: 'documents', id: document.id, ...system })).learnerNotifiedAt ?? null
    expect(await notifiedAt()).toBeNull()
    expect(await notifyJobs()).toBe(1)

    await payload.jobs.run({ limit: 100 })
    expect(await notifiedAt()).not.toBeNull()
    await deliverDueEmails(payload)
    expect(noticesAbout(document.reference!)).toHaveLength(1)
  })
})
