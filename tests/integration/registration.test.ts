import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closestCandidates } from '../../src/plugins/registration/closestCandidates'
import { decideRegistration, registerLearner, registerThirdParty, resendVerificationLink, resetPassword, verifyEmail } from '../../src/plugins/registration'
import { payloadPool } from '../../src/runtime/pool'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let t: TestPayload
let candidateId: number
let supportUser: Record<string, unknown>
const HOUR = 3_600_000
const T0 = new Date('2027-03-01T09:00:00.000Z')
const system = { overrideAccess: true, depth: 0 } as const

beforeAll(async () => {
  t = await startTestPayload({ SMTP_URL: '' })
  const candidate = await t.payload.create({ collection: 'candidates', data: { candidateNumber: '00412345', firstName: 'Siobhán', surname: "O'Sullivan", dateOfBirth: '1990-06-15T00:00:00.000Z' }, ...system })
  candidateId = candidate.id
  const qualification = await t.payload.create({ collection: 'qualifications', data: { qualificationNumber: '603/4182/8', title: 'Level 3 Diploma', level: '3', type: 'regulated' }, ...system })
  const achievement = await t.payload.create({ collection: 'achievements', data: { candidate: candidate.id, qualification: qualification.id, grade: 'Pass', issueDate: '2024-01-01T00:00:00.000Z' }, ...system })
  await t.payload.create({ collection: 'documents', data: { achievement: achievement.id, type: 'certificate', status: 'valid' }, ...system })
  await t.payload.updateGlobal({ slug: 'site-settings', data: { privacyPolicyVersion: '2026-02' }, ...system })
  const staff = await t.payload.create({ collection: 'staff', data: { email: 'support@fixture.test', name: 'Support', role: 'support', password: 'fixture-password-123' }, ...system })
  supportUser = { ...staff, collection: 'staff' }
})
afterAll(async () => t?.close())

const form = (overrides: Record<string, string> = {}) => ({
  candidateNumber: '412345',
  firstName: 'siobhan',
  surname: 'O SULLIVAN',
  dateOfBirth: '15/06/1990',
  consent: 'on',
  addressLine1: '1 High Street',
  town: 'Bristol',
  postcode: 'bs1 4dj',
  country: 'GB',
  phoneCountry: 'GB',
  phoneNumber: '07700 900982',
  email: 'siobhan@example.test',
  password: 'correct horse battery staple',
  confirmPassword: 'correct horse battery staple',
  ...overrides,
})

async function lastEmailTo(to: string) {
  const { docs } = await t.payload.find({ collection: 'email-outbox', where: { to: { equals: to } }, sort: '-createdAt', limit: 1, ...system })
  return docs[0]
}
const tokenIn = (text: string | null | undefined) => /token=([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1] ?? ''
const accountByEmail = async (email: string) =>
  (await t.payload.find({ collection: 'accounts', where: { email: { equals: email } }, showHiddenFields: true, ...system })).docs[0]!

describe('learner registration with a matching record', () => {
  it('creates a Pending account, records consent, and emails a verification link', async () => {
    expect(await registerLearner(t.payload, form(), { now: T0 })).toEqual({ ok: true })
    const account = await accountByEmail('siobhan@example.test')
    expect(account).toMatchObject({ kind: 'learner', status: 'pending', _verified: false, firstName: 'siobhan', lastName: 'O SULLIVAN', candidate: null, phone: '+447700900982' })
    expect(account.privacyConsent).toEqual({ agreedAt: T0.toISOString(), policyVersion: '2026-02' })
    expect(account.addresses).toEqual([expect.objectContaining({ line1: '1 High Street', postcode: 'BS1 4DJ', defaultBilling: true, defaultDelivery: true })])
    expect((account as { _verificationToken?: string | null })._verificationToken ?? null).toBeNull()
    const email = await lastEmailTo('siobhan@example.test')
    expect(email).toMatchObject({ template: 'registration-verify-email', subject: 'Confirm your email address' })
    expect(tokenIn(email!.text)).not.toBe('')
    expect(JSON.stringify(account)).not.toContain(tokenIn(email!.text)) // only the hash is stored
  })

  it('cannot sign in before the email is confirmed', async () => {
    await expect(t.payload.login({ collection: 'accounts', data: { email: 'siobhan@example.test', password: 'correct horse battery staple' } })).rejects.toMatchObject({ status: 403, name: 'UnverifiedEmail' })
  })

  it('verifying within 24 hours matches the record, approves, links it and says the documents are ready', async () => {
    const token = tokenIn((await lastEmailTo('siobhan@example.test'))!.text)
    expect(await verifyEmail(t.payload, token, new Date(T0.getTime() + 23 * HOUR))).toEqual({ ok: true, outcome: 'matched' })
    const account = await accountByEmail('siobhan@example.test')
    expect(account).toMatchObject({ status: 'approved', _verified: true, candidate: candidateId, registration: expect.objectContaining({ matchOutcome: 'matched' }) })
    expect((await lastEmailTo('siobhan@example.test'))!.template).toBe('registration-documents-ready')
    const { user } = await t.payload.login({ collection: 'accounts', data: { email: 'siobhan@example.test', password: 'correct horse battery staple' } })
    const documents = await t.payload.find({ collection: 'documents', overrideAccess: false, user: { ...user, collection: 'accounts' } })
    expect(documents.totalDocs).toBe(1)
    const audit = await t.payload.find({ collection: 'audit-log', where: { entity: { equals: 'accounts' }, entityId: { equals: String(account.id) } }, sort: 'createdAt', ...system })
    expect(audit.docs.map((entry) => entry.action)).toEqual(['registration.submitted', 'registration.matched'])
  })

  it('a verification link works once only', async () => {
    await registerLearner(t.payload, form({ email: 'once@example.test', candidateNumber: '' , dontKnowNumber: 'on' }), { now: T0 })
    const token = tokenIn((await lastEmailTo('once@example.test'))!.text)
    expect((await verifyEmail(t.payload, token, T0)).ok).toBe(true)
    expect(await verifyEmail(t.payload, token, T0)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('the link clicked twice at the same instant: both clicks say the address is confirmed, and it is confirmed once', async () => {
    const candidate = await t.payload.create({ collection: 'candidates', data: { candidateNumber: '00412399', firstName: 'Twice', surname: 'Clicked', dateOfBirth: '1991-02-03T00:00:00.000Z' }, ...system })
    await registerLearner(t.payload, form({ email: 'twice@example.test', candidateNumber: '412399', firstName: 'Twice', surname: 'Clicked', dateOfBirth: '03/02/1991' }), { now: T0 })
    const token = tokenIn((await lastEmailTo('twice@example.test'))!.text)
    // "At the same instant": each click has found the link before any has confirmed it. The account's
    // row is held until all three wait for it, so a busy machine cannot finish one click before the
    // others look the link up (that later click is the "works once only" case above).
    const pool = payloadPool(t.payload)
    const holder = await pool.connect()
    await holder.query('begin')
    await holder.query('select id from accounts where email = $1 for update', ['twice@example.test'])
    const clicks = Promise.all([verifyEmail(t.payload, token, T0), verifyEmail(t.payload, token, T0), verifyEmail(t.payload, token, T0)])
    const waiting = async () =>
      Number((await pool.query('select count(distinct l.pid) from pg_locks l join pg_stat_activity a on a.pid = l.pid where not l.granted and a.datname = current_database()')).rows[0].count)
    await expect.poll(waiting, { timeout: 20_000 }).toBe(3)
    await holder.query('commit')
    holder.release()
    const answers = await clicks
    expect(answers).toEqual([{ ok: true, outcome: 'matched' }, { ok: true, outcome: 'matched' }, { ok: true, outcome: 'matched' }])
    const account = await accountByEmail('twice@example.test')
    expect(account).toMatchObject({ status: 'approved', _verified: true, candidate: candidate.id })
    const audit = await t.payload.find({ collection: 'audit-log', where: { entity: { equals: 'accounts' }, entityId: { equals: String(account.id) } }, sort: 'createdAt', ...system })
    expect(audit.docs.map((entry) => entry.action)).toEqual(['registration.submitted', 'registration.matched'])
    const emails = await t.payload.find({ collection: 'email-outbox', where: { to: { equals: 'twice@example.test' }, template: { equals: 'registration-documents-ready' } }, ...system })
    expect(emails.totalDocs).toBe(1)
  })
})

describe('the 24-hour link', () => {
  it('has expired a moment after 24 hours; sending it again gives a new link and kills the old one', async () => {
    await registerLearner(t.payload, form({ email: 'late@example.test', candidateNumber: '999' }), { now: T0 })
    const first = tokenIn((await lastEmailTo('late@example.test'))!.text)
    expect(await verifyEmail(t.payload, first, new Date(T0.getTime() + 24 * HOUR + 1))).toEqual({ ok: false, reason: 'expired' })
    const later = new Date(T0.getTime() + 25 * HOUR)
    await resendVerificationLink(t.payload, 'LATE@example.test ', later)
    const second = tokenIn((await lastEmailTo('late@example.test'))!.text)
    expect(second).not.toBe(first)
    expect(await verifyEmail(t.payload, first, later)).toEqual({ ok: false, reason: 'invalid' })
    expect(await verifyEmail(t.payload, second, new Date(later.getTime() + 23 * HOUR))).toEqual({ ok: true, outcome: 'review' })
  })

  it('rejects malformed and unknown tokens alike', async () => {
    expect(await verifyEmail(t.payload, 'nonsense', T0)).toEqual({ ok: false, reason: 'invalid' })
    expect(await verifyEmail(t.payload, 'A'.repeat(43), T0)).toEqual({ ok: false, reason: 'invalid' })
  })
})

describe('registrations that need a person', () => {
  it('a mismatch goes to the review queue, and the learner is told their details are being checked', async () => {
    await registerLearner(t.payload, form({ email: 'mismatch@example.test', surname: 'Sullivan' }), { now: T0 })
    const token = tokenIn((await lastEmailTo('mismatch@example.test'))!.text)
    expect(await verifyEmail(t.payload, token, T0)).toEqual({ ok: true, outcome: 'review' })
    const account = await accountByEmail('mismatch@example.test')
    expect(account).toMatchObject({ status: 'awaiting-review', candidate: null, registration: expect.objectContaining({ matchOutcome: 'mismatch' }) })
    const email = await lastEmailTo('mismatch@example.test')
    expect(email!.template).toBe('registration-being-checked')
    expect(email!.text).not.toMatch(/surname|candidate number|not found/i) // nothing says which detail failed
  })

  it('the review queue shows the closest records first, and which are already linked', async () => {
    const account = await accountByEmail('mismatch@example.test')
    const req = await createLocalReq({ user: supportUser as never }, t.payload)
    const suggestions = await closestCandidates(req, account.id)
    expect(suggestions[0]).toMatchObject({ id: candidateId, candidateNumber: '00412345', linkedAccount: true })
    // Each detail side by side: only the surname ("Sullivan" for "O'Sullivan") differs.
    expect(suggestions[0]!.comparison).toEqual([
      { detail: 'candidateNumber', label: 'Candidate number', given: '412345', onRecord: '00412345', result: 'match' },
      { detail: 'firstName', label: 'First name', given: 'siobhan', onRecord: 'Siobhán', result: 'match' },
      { detail: 'surname', label: 'Surname', given: 'Sullivan', onRecord: "O'Sullivan", result: 'differs' },
      { detail: 'dateOfBirth', label: 'Date of birth', given: '1990-06-15', onRecord: '1990-06-15', result: 'match' },
    ])
    const learnerReq = await createLocalReq({ user: { ...(await accountByEmail('siobhan@example.test')), collection: 'accounts' } as never }, t.payload)
    await expect(closestCandidates(learnerReq, account.id)).rejects.toMatchObject({ status: 403 })
  })

  it('while in review, staff cannot set the status or the record directly: only the review decisions do', async () => {
    const account = await accountByEmail('mismatch@example.test')
    const asSupport = { overrideAccess: false, user: supportUser as never, depth: 0 } as const
    const updated = await t.payload.update({ collection: 'accounts', id: account.id, data: { status: 'approved', candidate: candidateId, reviewNote: 'looked at it' }, ...asSupport })
    expect(updated).toMatchObject({ status: 'awaiting-review', candidate: null, reviewNote: 'looked at it' })
    expect(await accountByEmail('mismatch@example.test')).toMatchObject({ status: 'awaiting-review', candidate: null })
  })

  it('support staff approve it with the right record; the learner is emailed and it is audited', async () => {
    const account = await accountByEmail('mismatch@example.test')
    // The first learner already holds this record: a second account cannot be linked to it.
    const req = await createLocalReq({ user: supportUser as never }, t.payload)
    await expect(decideRegistration(req, account.id, { action: 'approve', candidate: candidateId })).rejects.toThrow(/already linked/)
    const other = await t.payload.create({ collection: 'candidates', data: { candidateNumber: 'B77', firstName: 'Siobhan', surname: 'Sullivan', dateOfBirth: '1990-06-15T00:00:00.000Z' }, ...system })
    await decideRegistration(req, account.id, { action: 'approve', candidate: other.id })
    expect(await accountByEmail('mismatch@example.test')).toMatchObject({ status: 'approved', candidate: other.id })
    expect((await lastEmailTo('mismatch@example.test'))!.template).toBe('registration-approved')
    const audit = await t.payload.find({ collection: 'audit-log', where: { action: { equals: 'registration.approved' } }, ...system })
    expect(audit.docs[0]).toMatchObject({ actorLabel: 'support@fixture.test', entityId: String(account.id) })
  })

  it('asking for more information and rejecting each email the message and are audited', async () => {
    for (const [email, action, template, status] of [
      ['info@example.test', 'request-information', 'registration-more-information', 'information-requested'],
      ['reject@example.test', 'reject', 'registration-rejected', 'rejected'],
    ] as const) {
      await registerLearner(t.payload, form({ email, candidateNumber: '' , dontKnowNumber: 'on' }), { now: T0 })
      await verifyEmail(t.payload, tokenIn((await lastEmailTo(email))!.text), T0)
      const account = await accountByEmail(email)
      const req = await createLocalReq({ user: supportUser as never }, t.payload)
      await expect(decideRegistration(req, account.id, { action, message: '  ' })).rejects.toThrow(/reason|need/)
      await decideRegistration(req, account.id, { action, message: 'Please send a copy of your certificate.' })
      expect(await accountByEmail(email)).toMatchObject({ status })
      const sent = await lastEmailTo(email)
      expect(sent).toMatchObject({ template })
      expect(sent!.text).toContain('Please send a copy of your certificate.')
    }
  })

  it('an approved account can be suspended and restored directly, but not sent back to review or rejected that way', async () => {
    const account = await accountByEmail('mismatch@example.test')
    const asSupport = { overrideAccess: false, user: supportUser as never, depth: 0 } as const
    expect(await t.payload.update({ collection: 'accounts', id: account.id, data: { status: 'suspended' }, ...asSupport })).toMatchObject({ status: 'suspended' })
    expect(await t.payload.update({ collection: 'accounts', id: account.id, data: { status: 'approved' }, ...asSupport })).toMatchObject({ status: 'approved' })
    await expect(t.payload.update({ collection: 'accounts', id: account.id, data: { status: 'rejected' }, ...asSupport })).rejects.toMatchObject({
      status: 400,
      data: { errors: [expect.objectContaining({ path: 'status', message: expect.stringContaining('Decide a registration with the buttons of the review panel') })] },
    })
    // Nor is the linked record changed by a direct edit.
    const other = await t.payload.create({ collection: 'candidates', data: { candidateNumber: 'C88', firstName: 'Nobody', surname: 'Else', dateOfBirth: '1970-01-01T00:00:00.000Z' }, ...system })
    await t.payload.update({ collection: 'accounts', id: account.id, data: { candidate: other.id }, ...asSupport })
    expect(await accountByEmail('mismatch@example.test')).toMatchObject({ status: 'approved', candidate: account.candidate })
    expect(account.candidate).not.toBe(other.id)
  })

  it('only support staff may decide', async () => {
    const account = await accountByEmail('info@example.test')
    const learner = { ...(await accountByEmail('siobhan@example.test')), collection: 'accounts' }
    const req = await createLocalReq({ user: learner as never }, t.payload)
    await expect(decideRegistration(req, account.id, { action: 'reject', message: 'x' })).rejects.toMatchObject({ status: 403 })
  })
})

describe('what registration never reveals, and bad input', () => {
  it('an email that already has an account gets the same answer; its owner is emailed instead', async () => {
    const before = (await t.payload.count({ collection: 'accounts', ...system })).totalDocs
    expect(await registerLearner(t.payload, form(), { now: T0 })).toEqual({ ok: true })
    expect((await t.payload.count({ collection: 'accounts', ...system })).totalDocs).toBe(before)
    expect((await lastEmailTo('siobhan@example.test'))!.template).toBe('registration-already-registered')
  })

  it('registering again and again cannot flood the owner’s inbox: one notice every 15 minutes', async () => {
    const notices = async () =>
      (await t.payload.count({ collection: 'email-outbox', where: { to: { equals: 'siobhan@example.test' }, template: { equals: 'registration-already-registered' } }, ...system }))
        .totalDocs
    const sent = await notices()
    for (const minutes of [1, 5, 14]) await registerLearner(t.payload, form(), { now: new Date(T0.getTime() + minutes * 60_000) })
    expect(await notices()).toBe(sent)
    await registerLearner(t.payload, form(), { now: new Date(T0.getTime() + 16 * 60_000) })
    expect(await notices()).toBe(sent + 1)
  })

  it('bad input gets a clear message per field and creates nothing', async () => {
    const before = (await t.payload.count({ collection: 'accounts', ...system })).totalDocs
    const result = await registerLearner(
      t.payload,
      form({ email: 'bad@example.test', candidateNumber: '', dateOfBirth: '31/02/1990', consent: '', password: 'password1234', confirmPassword: 'password1234', postcode: '!!' }),
      { now: T0 },
    )
    expect(result).toEqual({
      ok: false,
      errors: {
        candidateNumber: expect.stringMatching(/Enter your candidate or membership number, or tick/),
        dateOfBirth: '31/02/1990 is not a real date. Check the day and the month.',
        consent: expect.stringMatching(/privacy policy/),
        postcode: expect.stringMatching(/postcode/),
        password: expect.stringMatching(/too common/),
      },
    })
    const mismatch = await registerLearner(t.payload, form({ email: 'bad@example.test', confirmPassword: 'something else entirely' }), { now: T0 })
    expect(mismatch).toEqual({ ok: false, errors: { confirmPassword: 'The passwords do not match.' } })
    // A country typed out (the old two-letter box cut "United Kingdom" to "UN") is named and refused.
    expect(await registerLearner(t.payload, form({ email: 'bad@example.test', country: 'UN' }), { now: T0 })).toEqual({
      ok: false,
      errors: { country: 'We do not recognise the country “UN”. Choose the country from the list.' },
    })
    expect(await registerLearner(t.payload, form({ email: 'bad@example.test', phoneNumber: '0770' }), { now: T0 })).toEqual({
      ok: false,
      errors: { phoneNumber: 'The telephone number is too short. Check it has all its digits.' },
    })
    expect((await t.payload.count({ collection: 'accounts', ...system })).totalDocs).toBe(before)
  })
})

describe('choosing a new password from a reset link', () => {
  it('a weak password and a different confirmation are both told at once', async () => {
    expect(await resetPassword(t.payload, { token: 'not-a-real-token', password: 'short', confirmPassword: 'other' })).toEqual({
      ok: false,
      errors: { password: 'Your password must be at least 12 characters long.', confirmPassword: 'The passwords do not match.' },
    })
  })
})

describe('third-party registration', () => {
  it('needs no matching: approved once the email is confirmed', async () => {
    const result = await registerThirdParty(
      t.payload,
      { firstName: 'Morgan', lastName: 'Hiring', companyName: 'Acme Ltd', jobTitle: 'HR Manager', consent: 'on', email: 'morgan@acme.test', password: 'a long enough passphrase', confirmPassword: 'a long enough passphrase' },
      { now: T0 },
    )
    expect(result).toEqual({ ok: true })
    await verifyEmail(t.payload, tokenIn((await lastEmailTo('morgan@acme.test'))!.text), T0)
    expect(await accountByEmail('morgan@acme.test')).toMatchObject({ kind: 'third-party', status: 'approved', _verified: true, companyName: 'Acme Ltd', jobTitle: 'HR Manager' })
    expect((await lastEmailTo('morgan@acme.test'))!.template).toBe('registration-account-ready')
  })

  it('a connection a learner made out to the address becomes the account’s once the address is confirmed, and not before', async () => {
    const sharer = await t.payload.create({
      collection: 'accounts',
      data: { email: 'sharer@example.test', password: 'a long enough passphrase', _verified: true, kind: 'learner', status: 'approved', firstName: 'Sha', lastName: 'Rer' } as never,
      disableVerificationEmail: true,
      ...system,
    })
    const invitation = await t.payload.create({
      collection: 'connections',
      data: { learner: sharer.id, thirdPartyName: 'Riley Admissions', thirdPartyEmail: 'Riley@Uni.test', initiatedBy: 'learner', accessUntil: '2027-04-01T00:00:00.000Z' } as never,
      ...system,
    })
    const holder = async () => (await t.payload.findByID({ collection: 'connections', id: invitation.id, ...system })).thirdParty ?? null
    await registerThirdParty(
      t.payload,
      { firstName: 'Riley', lastName: 'Admissions', companyName: 'Uni', jobTitle: 'Admissions', consent: 'on', email: 'riley@uni.test', password: 'a long enough passphrase', confirmPassword: 'a long enough passphrase' },
      { now: T0 },
    )
    expect(await holder()).toBeNull() // registered with the address, not yet shown to own it
    await verifyEmail(t.payload, tokenIn((await lastEmailTo('riley@uni.test'))!.text), T0)
    expect(await holder()).toBe((await accountByEmail('riley@uni.test')).id)
  })
})
