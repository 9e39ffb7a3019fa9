import { existsSync } from 'node:fs'
import path from 'node:path'

import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import * as audit from '../../src/collections/AuditLog/auditTrail'
import { accountPhotosDir } from '../../src/lib/storage'
import type { SignedInAccount } from '../../src/portal/profile/account'
import { addressBook, removeAddress, saveAddress, setDefaultAddress } from '../../src/portal/profile/addresses'
import { deleteOwnAccount } from '../../src/portal/profile/deleteAccount'
import { learnerRecordDetails, updatePersonalDetails } from '../../src/portal/profile/details'
import { exportAccountData } from '../../src/portal/profile/exportData'
import { changePassword, passwordIsRight } from '../../src/portal/profile/password'
import { currentPhoto, removePhoto, savePhoto } from '../../src/portal/profile/photo'
import { PASSWORD, userFor, type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'

let t: TestPayloadWithFixtures
let f: Fixtures
const system = { overrideAccess: true, depth: 0 } as const

beforeAll(async () => {
  t = await startTestPayloadWithFixtures({ SMTP_URL: '' })
  f = t.fixtures
})
afterAll(async () => t?.close())

const authHeaders = (token: string) => new Headers({ Authorization: `JWT ${token}` })
/** Signs in with Payload's own login and returns the session's token and the account as pages see it. */
async function signIn(email: string, password = PASSWORD) {
  const { token } = await t.payload.login({ collection: 'accounts', data: { email, password } })
  const { user } = await t.payload.auth({ headers: authHeaders(token!) })
  return { token: token!, account: user as SignedInAccount }
}
const sessionWorks = async (token: string) => (await t.payload.auth({ headers: authHeaders(token) })).user !== null
const sessionCount = async (id: number) => ((await t.payload.db.findOne<{ id: number; sessions?: unknown[] }>({ collection: 'accounts', where: { id: { equals: id } } }))?.sessions ?? []).length
const outboxFor = async (to: string) => (await t.payload.find({ collection: 'email-outbox', where: { to: { equals: to } }, sort: '-createdAt', ...system })).docs

let n = 0
async function newLearner(overrides: Record<string, unknown> = {}) {
  const email = `profile-${++n}@example.test`
  const account = await t.payload.create({
    collection: 'accounts',
    data: { email, password: PASSWORD, _verified: true, kind: 'learner', status: 'approved', firstName: 'Pat', lastName: 'Example', ...overrides } as never,
    disableVerificationEmail: true,
    ...system,
  })
  return { email, id: account.id, ...(await signIn(email)) }
}

const home = { fullName: 'Pat Example', line1: '1 Mill Lane', town: 'Leeds', postcode: 'ls1 4ap', country: 'GB' }

describe('address book', () => {
  it('the first address becomes the default billing and delivery address, with the postcode tidied', async () => {
    const { account } = await newLearner()
    expect(await saveAddress(t.payload, account, { ...home, label: 'Home' })).toEqual({ ok: true })
    const [entry] = await addressBook(t.payload, account)
    expect(entry).toMatchObject({ label: 'Home', postcode: 'LS1 4AP', defaultBilling: true, defaultDelivery: true })
  })

  it('refuses a wrong UK postcode or missing lines with clear messages, and changes nothing', async () => {
    const { account } = await newLearner()
    await saveAddress(t.payload, account, home)
    const before = await addressBook(t.payload, account)
    expect(await saveAddress(t.payload, account, { ...home, postcode: '75001' })).toEqual({ ok: false, errors: { postcode: 'Enter a real UK postcode, for example SW1A 1AA.' } })
    expect(await saveAddress(t.payload, account, { country: 'GB' })).toMatchObject({
      ok: false,
      errors: { fullName: expect.any(String), line1: expect.any(String), town: expect.any(String), postcode: 'Enter the postcode.' },
    })
    expect(await saveAddress(t.payload, account, { ...home, town: '' }, before[0]!.id!)).toMatchObject({ ok: false, errors: { town: 'Enter the town or city.' } })
    expect(await addressBook(t.payload, account)).toEqual(before)
    // A country not on the list is named and refused.
    expect(await saveAddress(t.payload, account, { ...home, country: 'UN' })).toEqual({ ok: false, errors: { country: 'We do not recognise the country “UN”. Choose the country from the list.' } })
    expect(await addressBook(t.payload, account)).toEqual(before)
    // A postcode of another country is not held to the UK format.
    expect(await saveAddress(t.payload, account, { ...home, country: 'FR', postcode: '75001' })).toEqual({ ok: true })
  })

  it('a new default replaces the old one; edits keep the place; removing the default passes it on', async () => {
    const { account } = await newLearner()
    await saveAddress(t.payload, account, { ...home, label: 'Home' })
    await saveAddress(t.payload, account, { ...home, label: 'Work', line1: '2 Park Row', postcode: 'LS1 5AB' }, undefined)
    await saveAddress(t.payload, account, { ...home, label: 'Office', line1: '3 Park Row', postcode: 'LS1 5AD', defaultBilling: 'on' })
    const flags = async () => (await addressBook(t.payload, account)).map((e) => `${e.label}:${e.defaultBilling ? 'B' : ''}${e.defaultDelivery ? 'D' : ''}`)
    expect(await flags()).toEqual(['Home:D', 'Work:', 'Office:B'])

    const work = (await addressBook(t.payload, account))[1]!
    expect(await saveAddress(t.payload, account, { ...home, label: 'Work', line1: '20 Park Row', postcode: 'LS1 5AB', defaultDelivery: 'on' }, work.id!)).toEqual({ ok: true })
    expect(await flags()).toEqual(['Home:', 'Work:D', 'Office:B'])
    expect((await addressBook(t.payload, account))[1]).toMatchObject({ id: work.id, line1: '20 Park Row' })

    expect(await setDefaultAddress(t.payload, account, work.id!, 'billing')).toEqual({ ok: true })
    expect(await flags()).toEqual(['Home:', 'Work:BD', 'Office:'])

    expect(await removeAddress(t.payload, account, work.id!)).toEqual({ ok: true })
    expect(await flags()).toEqual(['Home:BD', 'Office:'])
    expect(await removeAddress(t.payload, account, work.id!)).toEqual({ ok: false, errors: { address: 'This address is no longer in your address book.' } })
  })

  it('keeps one default of each however the book is written (the collection enforces it)', async () => {
    const { account } = await newLearner()
    const two = [
      { ...home, postcode: 'LS1 4AP', defaultBilling: true, defaultDelivery: true },
      { ...home, postcode: 'LS1 4AP', defaultBilling: true, defaultDelivery: false },
    ]
    await t.payload.update({ collection: 'accounts', id: account.id, data: { addresses: two }, overrideAccess: false, user: account })
    expect((await addressBook(t.payload, account)).map((e) => [e.defaultBilling, e.defaultDelivery])).toEqual([
      [true, true],
      [false, false],
    ])
  })

  it('one learner cannot change another’s address book', async () => {
    const { account } = await newLearner()
    const other = await newLearner()
    await saveAddress(t.payload, other.account, home)
    await expect(t.payload.update({ collection: 'accounts', id: other.id, data: { addresses: [] }, overrideAccess: false, user: account })).rejects.toMatchObject({ status: 403 })
    expect(await addressBook(t.payload, other.account)).toHaveLength(1)
  })
})

describe('personal details', () => {
  it('a learner changes the telephone number, stored in E.164 however typed; the name stays as on the record', async () => {
    const { account, id } = await newLearner()
    expect(await updatePersonalDetails(t.payload, account, { phone: '+44 07700 900123', firstName: 'Changed' })).toEqual({ ok: true })
    // Even straight through the Local API, a learner's name is not theirs to change.
    await t.payload.update({ collection: 'accounts', id, data: { lastName: 'Changed' }, overrideAccess: false, user: account })
    expect(await t.payload.findByID({ collection: 'accounts', id, ...system })).toMatchObject({ phone: '+447700900123', firstName: 'Pat', lastName: 'Example' })
    // A UK number needs no country code.
    expect(await updatePersonalDetails(t.payload, account, { phone: '020 7946 0000' })).toEqual({ ok: true })
    expect(await t.payload.findByID({ collection: 'accounts', id, ...system })).toMatchObject({ phone: '+442079460000' })
  })

  it('a telephone number that cannot be one is refused with a clear message, on every path, and changes nothing', async () => {
    const { account, id } = await newLearner({ phone: '07700 900982' })
    expect(await t.payload.findByID({ collection: 'accounts', id, ...system })).toMatchObject({ phone: '+447700900982' })
    expect(await updatePersonalDetails(t.payload, account, { phone: '+44 12' })).toEqual({ ok: false, errors: { phone: 'The telephone number is too short. Check it has all its digits.' } })
    await expect(t.payload.update({ collection: 'accounts', id, data: { phone: '+999 123456' }, overrideAccess: false, user: account })).rejects.toMatchObject({
      status: 400,
      data: { errors: [expect.objectContaining({ path: 'phone', message: 'We do not recognise the country code of this telephone number. Check the digits after the +.' })] },
    })
    // Typed with spaces straight through the Local API, it is stored in E.164 too.
    await t.payload.update({ collection: 'accounts', id, data: { phone: '+33 1 23 45 67 89' }, overrideAccess: false, user: account })
    expect(await t.payload.findByID({ collection: 'accounts', id, ...system })).toMatchObject({ phone: '+33123456789' })
  })

  it('a third party changes name, company and job title', async () => {
    const { account } = await signIn('third@fixture.test')
    expect(await updatePersonalDetails(t.payload, account, { firstName: 'Terry', lastName: 'Party', companyName: 'Acme Ltd', jobTitle: 'HR manager', phone: '' })).toEqual({ ok: true })
    expect(await t.payload.findByID({ collection: 'accounts', id: f.thirdParty.id, ...system })).toMatchObject({ firstName: 'Terry', companyName: 'Acme Ltd', jobTitle: 'HR manager' })
    expect(await updatePersonalDetails(t.payload, account, { firstName: '', lastName: 'Party', companyName: 'Acme', jobTitle: 'x' })).toMatchObject({ ok: false, errors: { firstName: 'Enter your first name.' } })
  })

  it('a learner’s record details come from the linked record, the date of birth as dd/mm/yyyy', async () => {
    const { account } = await signIn('learner-a@fixture.test')
    expect(await learnerRecordDetails(t.payload, account)).toEqual({ name: 'First100 Surname100', candidateNumber: 'C100', dateOfBirth: '01/01/1990', fromRecord: true })
  })
})

describe('change password', () => {
  const NEW = 'velvet summit otter'
  const form = (over: Record<string, string> = {}) => ({ currentPassword: PASSWORD, password: NEW, confirmPassword: NEW, ...over })

  it('a wrong current password is refused with a clear message, changes nothing and leaves no session behind', async () => {
    const { account, id, email } = await newLearner({ phone: '+447700900982' })
    await saveAddress(t.payload, account, home)
    const sessions = await sessionCount(id)
    const { updatedAt } = await t.payload.findByID({ collection: 'accounts', id, ...system })
    expect(await changePassword(t.payload, account, form({ currentPassword: 'not my password at all' }), { ip: '198.51.100.1' })).toEqual({
      ok: false,
      errors: { currentPassword: 'Your current password is not right. Check it and try again.' },
    })
    expect(await passwordIsRight(t.payload, email, PASSWORD)).toBe(true)
    expect(await sessionCount(id)).toBe(sessions)
    expect(await addressBook(t.payload, account)).toHaveLength(1)
    expect(await t.payload.findByID({ collection: 'accounts', id, ...system })).toMatchObject({ phone: '+447700900982', firstName: 'Pat', updatedAt })
  })

  it('every problem of the form is told at once, the wrong current password among them', async () => {
    const { account, email } = await newLearner()
    expect(await changePassword(t.payload, account, form({ currentPassword: 'not my password at all', password: 'short', confirmPassword: 'shirt' }), { ip: '198.51.100.7' })).toEqual({
      ok: false,
      errors: {
        currentPassword: 'Your current password is not right. Check it and try again.',
        password: 'Your password must be at least 12 characters long.',
        confirmPassword: 'The new passwords do not match.',
      },
    })
    expect(await passwordIsRight(t.payload, email, PASSWORD)).toBe(true)
  })

  it('a weak or mistyped new password is refused and changes nothing', async () => {
    const { account, email } = await newLearner()
    expect(await changePassword(t.payload, account, form({ password: 'password1234', confirmPassword: 'password1234' }))).toMatchObject({ ok: false, errors: { password: expect.stringMatching(/too common/) } })
    expect(await changePassword(t.payload, account, form({ password: 'short', confirmPassword: 'short' }))).toMatchObject({ ok: false, errors: { password: expect.stringMatching(/at least 12/) } })
    expect(await changePassword(t.payload, account, form({ confirmPassword: 'velvet summit other' }))).toMatchObject({ ok: false, errors: { confirmPassword: 'The new passwords do not match.' } })
    expect(await passwordIsRight(t.payload, email, PASSWORD)).toBe(true)
  })

  it('changes the password, keeps other devices signed in unless asked, and emails the account', async () => {
    const here = await newLearner()
    await saveAddress(t.payload, here.account, home)
    const phone = await signIn(here.email)
    expect(await changePassword(t.payload, here.account, form())).toEqual({ ok: true, signedOutOthers: false })
    expect(await passwordIsRight(t.payload, here.email, NEW)).toBe(true)
    expect(await passwordIsRight(t.payload, here.email, PASSWORD)).toBe(false)
    expect(await sessionWorks(here.token)).toBe(true)
    expect(await sessionWorks(phone.token)).toBe(true)
    const [mail] = await outboxFor(here.email)
    expect(mail).toMatchObject({ template: 'profile-password-changed', subject: 'Your password has been changed' })
    expect(mail!.text).toContain('stay signed in')
    // Ending and keeping sessions touches nothing else of the account.
    expect(await addressBook(t.payload, here.account)).toEqual([expect.objectContaining({ line1: '1 Mill Lane', defaultBilling: true })])
  })

  it('with "Sign out of all other devices", every other session ends and this one stays', async () => {
    const here = await newLearner()
    await saveAddress(t.payload, here.account, home)
    const phone = await signIn(here.email)
    const laptop = await signIn(here.email)
    expect(await changePassword(t.payload, here.account, form({ signOutOthers: 'on' }))).toEqual({ ok: true, signedOutOthers: true })
    expect(await sessionWorks(here.token)).toBe(true)
    expect(await sessionWorks(phone.token)).toBe(false)
    expect(await sessionWorks(laptop.token)).toBe(false)
    expect(await sessionCount(here.id)).toBe(1)
    expect(await addressBook(t.payload, here.account)).toHaveLength(1)
    expect((await outboxFor(here.email))[0]!.text).toContain('signed out on every other device')
    const audit = await t.payload.find({ collection: 'audit-log', where: { and: [{ action: { equals: 'accounts.password-changed' } }, { entityId: { equals: String(here.id) } }] }, ...system })
    expect(audit.docs[0]?.summary).toMatch(/signed out of all other devices/)
  })

  it('a password cannot be changed around the form (no current password), for example with a stolen session', async () => {
    const { account, id, email } = await newLearner()
    await expect(t.payload.update({ collection: 'accounts', id, data: { password: NEW }, overrideAccess: false, user: account })).rejects.toMatchObject({ status: 403 })
    expect(await passwordIsRight(t.payload, email, PASSWORD)).toBe(true)
  })

  it('an account cannot change its own email address (it would skip verification); support staff can', async () => {
    const { account, id, email } = await newLearner()
    await expect(t.payload.update({ collection: 'accounts', id, data: { email: 'elsewhere@example.test' }, overrideAccess: false, user: account })).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/contact support/),
    })
    expect((await t.payload.findByID({ collection: 'accounts', id, ...system })).email).toBe(email)
    const support = await userFor(t.payload, f, 'support')
    await t.payload.update({ collection: 'accounts', id, data: { email: `moved-${email}` }, overrideAccess: false, user: support })
    expect((await t.payload.findByID({ collection: 'accounts', id, ...system })).email).toBe(`moved-${email}`)
  })

  it('guessing the current password is throttled like sign-in', async () => {
    const { account } = await newLearner()
    const ip = '198.51.100.77'
    for (let i = 0; i < 6; i++) await changePassword(t.payload, account, form({ currentPassword: `wrong guess ${i}` }), { ip })
    expect(await changePassword(t.payload, account, form(), { ip })).toMatchObject({ ok: false, errors: { currentPassword: expect.stringMatching(/too many times/) } })
  })
})

describe('what an account writes on itself through REST', () => {
  const patchSelf = async (token: string, id: number, data: Record<string, unknown>) => {
    const request = new Request(`http://localhost:3000/api/accounts/${id}`, { method: 'PATCH', headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(data) })
    return (await handleEndpoints({ config: t.payload.config, request })).status
  }
  const stored = async (id: number) => (await t.payload.db.findOne<Record<string, unknown> & { id: number }>({ collection: 'accounts', where: { id: { equals: id } } }))!

  it.each([
    ['_verified', false],
    ['status', 'awaiting-review'],
    ['kind', 'third-party'],
    ['candidate', 'other'],
    ['firstName', 'Forged'],
    ['sessions', []],
    ['loginAttempts', 9],
    ['lockUntil', '2099-01-01T00:00:00.000Z'],
    ['hash', 'f'.repeat(64)],
    ['salt', 'f'.repeat(64)],
    ['resetPasswordToken', 'forged-token'],
    ['resetPasswordExpiration', '2099-01-01T00:00:00.000Z'],
    ['_verificationToken', 'forged-token'],
    ['registration', { matchOutcome: 'approved-by-staff', candidateNumber: '999' }],
    ['emailVerification', { tokenHash: 'f'.repeat(64), sentAt: '2099-01-01T00:00:00.000Z' }],
    ['privacyConsent', { agreedAt: '2000-01-01T00:00:00.000Z', policyVersion: 'forged' }],
    ['legacyImport', true],
    ['reviewNote', 'approve me'],
  ])('a learner’s PATCH of its own %s changes nothing', async (field, forged) => {
    const { token, id } = await newLearner()
    const before = await stored(id)
    const unlinkedRecord = async () =>
      (await t.payload.create({ collection: 'candidates', data: { candidateNumber: `FORGED${id}`, firstName: 'Pat', surname: 'Example', dateOfBirth: '1990-01-01T00:00:00.000Z' }, ...system })).id
    const value = forged === 'other' ? await unlinkedRecord() : forged
    expect(await patchSelf(token, id, { [field]: value })).toBe(200)
    const after = await stored(id)
    for (const name of [field, '_verified', 'status', 'kind', 'candidate', 'sessions', 'hash', 'salt', 'firstName']) expect(after[name], name).toEqual(before[name])
  })

  it('an account can write only its own contact details, names (third parties) and address book: every other field refuses it (the whole config)', async () => {
    const { account } = await newLearner()
    const thirdParty = await userFor(t.payload, f, 'thirdParty')
    const writable = (user: unknown) =>
      t.payload.collections.accounts.config.flattenedFields
        .filter((field) => {
          const update = (field as { access?: { update?: (args: unknown) => unknown } }).access?.update
          return !update || update({ req: { user, payload: t.payload }, id: (user as { id: number }).id, doc: user, data: {}, siblingData: {} }) === true
        })
        .map((field) => field.name)
        .sort()
    expect(writable(account)).toEqual(['addresses', 'companyName', 'email', 'jobTitle', 'phone'])
    expect(writable(thirdParty)).toEqual(['addresses', 'companyName', 'email', 'firstName', 'jobTitle', 'lastName', 'phone'])
  })
})

describe('photo', () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
  const photosOf = async (id: number) => (await t.payload.find({ collection: 'account-photos', where: { account: { equals: id } }, ...system })).docs

  it('refuses a file that is not a JPEG, PNG or WebP image, whatever its name, and one over 5 MB', async () => {
    const { account, id } = await newLearner()
    expect(await savePhoto(t.payload, account, { size: 20, bytes: Buffer.from('<html>not a photo</html>') })).toMatchObject({ ok: false, code: 'wrongType', error: 'The photo must be a JPEG, PNG or WebP image.' })
    expect(await savePhoto(t.payload, account, { size: 6, bytes: Buffer.from('GIF89a') })).toMatchObject({ ok: false, code: 'wrongType' })
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)])
    expect(await savePhoto(t.payload, account, { size: big.length, bytes: big })).toMatchObject({ ok: false, code: 'tooLarge', error: expect.stringMatching(/5 MB or smaller/) })
    expect(await photosOf(id)).toEqual([])
  })

  it('is checked by content on every path, not only the portal’s form (here the Local API as the account)', async () => {
    const { account, id } = await newLearner()
    const sneaky = t.payload.create({
      collection: 'account-photos',
      data: { account: id },
      file: { data: Buffer.from('<script>alert(1)</script>'), mimetype: 'image/png', name: 'photo.png', size: 25 },
      overrideAccess: false,
      user: account,
    })
    await expect(sneaky).rejects.toMatchObject({ status: 400 })
    expect(await photosOf(id)).toEqual([])
  })

  it('saves a photo under a random name, replaces it with the next one and removes it with its file', async () => {
    const { account, id } = await newLearner()
    expect(await savePhoto(t.payload, account, { size: png.length, bytes: png })).toEqual({ ok: true })
    const first = (await photosOf(id))[0]!
    expect(first.filename).toMatch(/^[0-9a-f-]{36}\.png$/)
    expect(existsSync(path.join(accountPhotosDir(), first.filename!))).toBe(true)
    await savePhoto(t.payload, account, { size: png.length, bytes: png })
    const photos = await photosOf(id)
    expect(photos).toHaveLength(1)
    expect(photos[0]!.id).not.toBe(first.id)
    expect(existsSync(path.join(accountPhotosDir(), first.filename!))).toBe(false)
    expect((await currentPhoto(t.payload, account))?.src).toBe(`/api/account-photos/file/${photos[0]!.filename}`)
    await removePhoto(t.payload, account)
    expect(await photosOf(id)).toEqual([])
    expect(existsSync(path.join(accountPhotosDir(), photos[0]!.filename!))).toBe(false)
  })

  it('keeps one photo per account on every path: each upload through the API as the account replaces the one before, file and all', async () => {
    const { account, id } = await newLearner()
    const upload = () =>
      t.payload.create({ collection: 'account-photos', data: { account: id }, file: { data: png, mimetype: 'image/png', name: 'me.png', size: png.length }, overrideAccess: false, user: account })
    const first = await upload()
    for (let i = 0; i < 3; i++) await upload()
    const photos = await photosOf(id)
    expect(photos).toHaveLength(1)
    expect(photos[0]!.id).not.toBe(first.id)
    expect(existsSync(path.join(accountPhotosDir(), first.filename!))).toBe(false)
    expect(existsSync(path.join(accountPhotosDir(), photos[0]!.filename!))).toBe(true)
  })

  it('another learner cannot see or remove someone else’s photo', async () => {
    const { account: learnerB } = await signIn('learner-b@fixture.test')
    const as = { overrideAccess: false, user: learnerB } as const
    await expect(t.payload.findByID({ collection: 'account-photos', id: f.a.photo.id, ...as })).rejects.toMatchObject({ status: 404 })
    expect((await t.payload.find({ collection: 'account-photos', where: { account: { equals: f.a.account.id } }, ...as })).docs).toEqual([])
    expect(await currentPhoto(t.payload, { ...learnerB })).toMatchObject({ id: f.b.photo.id })
    await expect(t.payload.delete({ collection: 'account-photos', id: f.a.photo.id, ...as })).rejects.toMatchObject({ status: 403 })
    expect(await t.payload.count({ collection: 'account-photos', where: { id: { equals: f.a.photo.id } }, ...system })).toEqual({ totalDocs: 1 })
  })
})

describe('download my data', () => {
  it('holds everything about the account, and never its password hash, salt, sessions or tokens', async () => {
    const { account } = await signIn('learner-a@fixture.test')
    await saveAddress(t.payload, account, { ...home, label: 'Home' })
    const data = await exportAccountData(t.payload, account)
    expect(Object.keys(data)).toEqual([
      'exportedAt',
      'about',
      'account',
      'registration',
      'privacyConsent',
      'addresses',
      'photo',
      'candidateRecord',
      'achievements',
      'connections',
      'orders',
      'enquiries',
      'auditTrail',
    ])
    expect(data.account).toMatchObject({ id: f.a.account.id, email: 'learner-a@fixture.test', kind: 'learner', firstName: 'A' })
    expect(data.addresses).toEqual([expect.objectContaining({ label: 'Home', postcode: 'LS1 4AP', defaultBilling: true })])
    expect(data.candidateRecord).toMatchObject({ candidateNumber: 'C100', surname: 'Surname100' })
    expect(data.achievements).toHaveLength(1)
    expect(data.orders.map((o) => o.orderNumber)).toEqual([f.a.order.orderNumber])
    expect(data.connections).toHaveLength(1)
    expect(data.enquiries).toEqual([expect.objectContaining({ subject: 'Name spelt wrong' })])
    expect(data.photo).toMatchObject({ type: 'image/png' })
    // The address just saved, by "you": what was done and when, never which member of staff.
    expect(data.auditTrail).toEqual([{ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), action: 'accounts.update', summary: 'Changed: addresses', by: 'you' }])

    const json = JSON.stringify(data)
    for (const secret of ['"hash"', '"salt"', '"sessions"', 'resetPasswordToken', '_verificationToken', 'tokenHash', 'emailVerification', 'reviewNote', 'loginAttempts'])
      expect(json, secret).not.toContain(secret)
    const stored = await t.payload.db.findOne<{ id: number; hash: string; salt: string }>({ collection: 'accounts', where: { id: { equals: f.a.account.id } } })
    expect(json).not.toContain(stored!.hash)
    expect(json).not.toContain(stored!.salt)
  })

  it('holds only the signed-in account’s own data', async () => {
    const { account } = await signIn('learner-b@fixture.test')
    const json = JSON.stringify(await exportAccountData(t.payload, account))
    expect(json).toContain('learner-b@fixture.test')
    for (const notMine of ['learner-a@fixture.test', f.a.order.orderNumber, 'C100', 'Surname100']) expect(json, notMine).not.toContain(notMine)
  })
})

describe('delete my account', () => {
  async function learnerWithEverything() {
    // A record of its own: one account per record.
    const candidate = await t.payload.create({ collection: 'candidates', data: { candidateNumber: `DEL${n + 1}`, firstName: 'Pat', surname: 'Example', dateOfBirth: '1990-01-01T00:00:00.000Z' }, ...system })
    const learner = await newLearner({ candidate: candidate.id })
    await saveAddress(t.payload, learner.account, home)
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
    await savePhoto(t.payload, learner.account, { size: png.length, bytes: png })
    const address = { fullName: 'Pat Example', line1: '1 Mill Lane', town: 'Leeds', postcode: 'LS1 4AP', country: 'GB' }
    const order = (status: string, paidAt: string | null) =>
      t.payload.create({
        collection: 'orders',
        data: {
          orderNumber: `ORD-DEL-${f.unique()}`,
          account: learner.id,
          status: status as never,
          paidAt,
          items: [{ product: f.product.id, achievement: f.b.achievement.id, reason: 'lost', description: 'Duplicate', unitPricePence: 3050, vatPence: 0 }],
          billingAddress: address,
          deliveryAddress: address,
          subtotalPence: 3050,
          deliveryPence: 0,
          vatPence: 0,
          totalPence: 3050,
        },
        ...system,
      })
    const orders = { unpaid: await order('awaiting-payment', null), toSend: await order('paid', '2026-02-01T10:00:00.000Z'), sent: await order('dispatched', '2026-01-01T10:00:00.000Z') }
    const connection = await t.payload.create({
      collection: 'connections',
      data: { learner: learner.id, thirdPartyName: 'Acme', thirdPartyEmail: 'third@fixture.test', initiatedBy: 'learner', accessUntil: '2030-01-01T00:00:00.000Z' } as never,
      ...system,
    })
    const enquiry = await t.payload.create({
      collection: 'enquiries',
      data: { subject: 'Typo', reporter: learner.id, messages: [{ from: 'reporter', body: 'Please fix', sentAt: '2026-01-01T00:00:00.000Z' }] } as never,
      ...system,
    })
    const photo = (await t.payload.find({ collection: 'account-photos', where: { account: { equals: learner.id } }, ...system })).docs[0]!
    return { ...learner, candidate: candidate.id, orders, connection, enquiry, photo }
  }

  it('a wrong password changes nothing', async () => {
    const learner = await learnerWithEverything()
    expect(await deleteOwnAccount(t.payload, learner.account, { password: 'not my password at all' })).toEqual({
      ok: false,
      errors: { password: 'The password is not right. Your account has not been deleted.' },
    })
    expect(await deleteOwnAccount(t.payload, learner.account, { password: '' })).toMatchObject({ ok: false, errors: { password: expect.stringMatching(/Enter your password/) } })
    const still = await t.payload.findByID({ collection: 'accounts', id: learner.id, ...system })
    expect(still.addresses).toHaveLength(1)
    expect(await sessionWorks(learner.token)).toBe(true)
    expect((await t.payload.findByID({ collection: 'orders', id: learner.orders.sent.id, ...system })).account).toBe(learner.id)
    expect(existsSync(path.join(accountPhotosDir(), learner.photo.filename!))).toBe(true)
    expect(await t.payload.count({ collection: 'connections', where: { learner: { equals: learner.id } }, ...system })).toEqual({ totalDocs: 1 })
  })

  it('a failure part-way changes nothing: the account, its photo row, connections and orders stay as they were', async () => {
    const learner = await learnerWithEverything()
    const original = audit.recordAudit
    const failing = vi.spyOn(audit, 'recordAudit').mockImplementation(async (req, entry) => {
      if (entry.action === 'accounts.deleted-by-holder') throw new Error('the audit log could not be written')
      return original(req, entry)
    })
    try {
      await expect(deleteOwnAccount(t.payload, learner.account, { password: PASSWORD })).rejects.toThrow(/audit log/)
    } finally {
      failing.mockRestore()
    }
    expect(await t.payload.count({ collection: 'accounts', where: { id: { equals: learner.id } }, ...system })).toEqual({ totalDocs: 1 })
    expect(await t.payload.count({ collection: 'account-photos', where: { account: { equals: learner.id } }, ...system })).toEqual({ totalDocs: 1 })
    expect(existsSync(path.join(accountPhotosDir(), learner.photo.filename!))).toBe(true)
    expect(await t.payload.count({ collection: 'connections', where: { learner: { equals: learner.id } }, ...system })).toEqual({ totalDocs: 1 })
    const unpaid = await t.payload.findByID({ collection: 'orders', id: learner.orders.unpaid.id, ...system })
    expect(unpaid).toMatchObject({ account: learner.id, status: learner.orders.unpaid.status })
    expect(unpaid.accountDeletedAt ?? null).toBeNull()
  })

  it('removes the account and its personal data, keeps its orders without it, ends the session and writes the audit log', async () => {
    const learner = await learnerWithEverything()
    const deletedFrom = Date.now()
    const result = await deleteOwnAccount(t.payload, learner.account, { password: PASSWORD })
    expect(result).toEqual({ ok: true, summary: { photos: 1, connections: 1, connectionsCancelled: 0, enquiries: 1, ordersKept: 3, outbox: expect.any(Number) } })

    expect(await t.payload.count({ collection: 'accounts', where: { id: { equals: learner.id } }, ...system })).toEqual({ totalDocs: 0 })
    expect(await sessionWorks(learner.token)).toBe(false)
    expect(await t.payload.count({ collection: 'account-photos', where: { account: { equals: learner.id } }, ...system })).toEqual({ totalDocs: 0 })
    expect(existsSync(path.join(accountPhotosDir(), learner.photo.filename!))).toBe(false)
    await expect(t.payload.findByID({ collection: 'connections', id: learner.connection.id, ...system })).rejects.toMatchObject({ status: 404 })
    await expect(t.payload.findByID({ collection: 'enquiries', id: learner.enquiry.id, ...system })).rejects.toMatchObject({ status: 404 })
    // The candidate record is the awarding body's, not the account's.
    expect(await t.payload.findByID({ collection: 'candidates', id: learner.candidate, ...system })).toMatchObject({ id: learner.candidate, candidateNumber: expect.stringMatching(/^DEL\d+$/) })

    const order = (id: number) => t.payload.findByID({ collection: 'orders', id, ...system })
    const [unpaid, toSend, sent] = await Promise.all([order(learner.orders.unpaid.id), order(learner.orders.toSend.id), order(learner.orders.sent.id)])
    for (const kept of [unpaid, toSend, sent]) {
      expect(kept.account ?? null).toBeNull()
      expect(new Date(kept.accountDeletedAt!).getTime()).toBeGreaterThanOrEqual(deletedFrom)
      expect(new Date(kept.accountDeletedAt!).getTime()).toBeLessThanOrEqual(Date.now())
      expect(kept.totalPence).toBe(3050)
    }
    expect(unpaid).toMatchObject({ status: 'cancelled', billingAddress: { line1: null }, deliveryAddress: { line1: null } })
    expect(toSend).toMatchObject({ status: 'paid', billingAddress: { line1: '1 Mill Lane' }, deliveryAddress: { line1: '1 Mill Lane' } })
    expect(sent).toMatchObject({ status: 'dispatched', billingAddress: { line1: '1 Mill Lane' }, deliveryAddress: { line1: null } })

    const audit = await t.payload.find({ collection: 'audit-log', where: { and: [{ action: { equals: 'accounts.deleted-by-holder' } }, { entityId: { equals: String(learner.id) } }] }, ...system })
    expect(audit.docs[0]?.summary).toMatch(/Kept without the account: 3 orders\. Removed: 1 photo, 1 connection, 1 enquiry/)
    // Messages kept for the address went with the account; only the confirmation is there.
    expect((await outboxFor(learner.email)).map((mail) => mail.template)).toEqual(['profile-account-deleted'])
  })

  it('an administrator deleting an account in the admin removes the same personal data', async () => {
    const learner = await learnerWithEverything()
    const admin = await t.payload.findByID({ collection: 'staff', id: f.staff.administrator.id, ...system })
    await t.payload.delete({ collection: 'accounts', id: learner.id, overrideAccess: false, user: { ...admin, collection: 'staff' } })
    expect(await t.payload.count({ collection: 'account-photos', where: { account: { equals: learner.id } }, ...system })).toEqual({ totalDocs: 0 })
    expect(existsSync(path.join(accountPhotosDir(), learner.photo.filename!))).toBe(false)
    expect((await t.payload.findByID({ collection: 'orders', id: learner.orders.sent.id, ...system })).account ?? null).toBeNull()
  })
})
