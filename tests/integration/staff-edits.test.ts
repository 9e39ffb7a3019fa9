import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { rejectionOf } from '../helpers/errors'
import { PASSWORD, userFor, type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'

/** What staff may and may not write through the Local API as themselves (REST: staff-auth.test.ts). */
let t: TestPayloadWithFixtures
let f: Fixtures
const system = { overrideAccess: true, depth: 0 } as const

beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
  f = t.fixtures
})
afterAll(async () => t?.close())

const signsIn = (collection: 'accounts' | 'staff', email: string, password: string) =>
  t.payload.login({ collection, data: { email, password } }).then(
    () => true,
    () => false,
  )

describe('a portal account’s password', () => {
  it('cannot be set by support or an administrator: they are told to send a reset link, and the old password still works', async () => {
    for (const role of ['support', 'administrator'] as const) {
      const staff = await userFor(t.payload, f, role)
      expect(await rejectionOf(t.payload.update({ collection: 'accounts', id: f.a.account.id, data: { password: 'chosen by the helpdesk' }, overrideAccess: false, user: staff }))).toEqual({
        status: 403,
        messages: 'Staff cannot set the password of a portal account. Send the account holder a link to choose a new password instead.',
      })
    }
    expect(await signsIn('accounts', 'learner-a@fixture.test', 'chosen by the helpdesk')).toBe(false)
    expect(await signsIn('accounts', 'learner-a@fixture.test', PASSWORD)).toBe(true)
  })

  it('is refused in a bulk update too', async () => {
    const support = await userFor(t.payload, f, 'support')
    expect(
      (await rejectionOf(t.payload.update({ collection: 'accounts', where: { id: { equals: f.b.account.id } }, data: { password: 'chosen by the helpdesk' }, overrideAccess: false, user: support }))).status,
    ).toBe(403)
    expect(await signsIn('accounts', 'learner-b@fixture.test', PASSWORD)).toBe(true)
  })
})

describe('a staff member’s own password and email address', () => {
  it('change only with the current password', async () => {
    const support = await userFor(t.payload, f, 'support')
    const change = (data: Record<string, unknown>) => t.payload.update({ collection: 'staff', id: f.staff.support.id, data, overrideAccess: false, user: support })
    const needed = { status: 403, messages: 'Give your current password to change your email address or password.' }
    expect(await rejectionOf(change({ password: 'a new staff passphrase' }))).toEqual(needed)
    expect(await rejectionOf(change({ password: 'a new staff passphrase', currentPassword: 'not my password at all' }))).toEqual(needed)
    expect(await rejectionOf(change({ email: 'someone-else@fixture.test' }))).toEqual(needed)
    expect(await signsIn('staff', 'support@fixture.test', PASSWORD)).toBe(true)
    expect((await t.payload.findByID({ collection: 'staff', id: f.staff.support.id, ...system })).email).toBe('support@fixture.test')

    await change({ password: 'a new staff passphrase', currentPassword: PASSWORD })
    expect(await signsIn('staff', 'support@fixture.test', 'a new staff passphrase')).toBe(true)
    await change({ email: 'support-desk@fixture.test', currentPassword: 'a new staff passphrase' })
    expect((await t.payload.findByID({ collection: 'staff', id: f.staff.support.id, ...system })).email).toBe('support-desk@fixture.test')
  })

  it('guessing the current password is throttled as sign-in is', async () => {
    const guesser = await t.payload.create({ collection: 'staff', data: { email: 'guessed@fixture.test', name: 'Gus', role: 'support', password: PASSWORD }, ...system })
    const asGuesser = { ...guesser, collection: 'staff' as const }
    const tryWith = (currentPassword: string) =>
      rejectionOf(t.payload.update({ collection: 'staff', id: guesser.id, data: { password: 'a taken-over passphrase', currentPassword } as never, overrideAccess: false, user: asGuesser }))
    for (let guess = 1; guess <= 6; guess++) expect((await tryWith(`guess number ${guess}`)).status).toBe(403)
    expect(await tryWith(PASSWORD)).toEqual({ status: 429, messages: 'Too many attempts. Wait before trying again.' })
    expect(await signsIn('staff', 'guessed@fixture.test', PASSWORD)).toBe(true)
  })

  it('other changes to one’s own account need no password; the current password is never stored or returned', async () => {
    const content = await userFor(t.payload, f, 'content')
    const saved = await t.payload.update({ collection: 'staff', id: f.staff.content.id, data: { name: 'Connie Content', currentPassword: PASSWORD } as never, overrideAccess: false, user: content })
    expect(saved).toMatchObject({ name: 'Connie Content' })
    expect(saved).not.toHaveProperty('currentPassword')
  })

  it('an administrator sets another staff member’s password without knowing theirs', async () => {
    const administrator = await userFor(t.payload, f, 'administrator')
    await t.payload.update({ collection: 'staff', id: f.staff.content.id, data: { password: 'set by the administrator' }, overrideAccess: false, user: administrator })
    expect(await signsIn('staff', 'content@fixture.test', 'set by the administrator')).toBe(true)
  })
})

describe('createdAt and updatedAt', () => {
  const past = '2001-02-03T04:05:06.000Z'
  const isRecent = (value: unknown) => Date.now() - new Date(String(value)).getTime() < 60_000

  it('cannot be written by staff through the API, on create or update', async () => {
    const administrator = await userFor(t.payload, f, 'administrator')
    const created = await t.payload.create({
      collection: 'candidates',
      data: { candidateNumber: 'C900', firstName: 'Tess', surname: 'Stamp', dateOfBirth: '1990-01-01T00:00:00.000Z', createdAt: past, updatedAt: past },
      overrideAccess: false,
      user: administrator,
    })
    expect(isRecent(created.createdAt)).toBe(true)
    expect(isRecent(created.updatedAt)).toBe(true)
    await t.payload.update({ collection: 'candidates', id: created.id, data: { createdAt: past }, overrideAccess: false, user: administrator })
    expect((await t.payload.findByID({ collection: 'candidates', id: created.id, ...system })).createdAt).toBe(created.createdAt)
  })

  it('cannot be written by a learner on their own account', async () => {
    const learner = await userFor(t.payload, f, 'learner')
    const before = (await t.payload.findByID({ collection: 'accounts', id: f.a.account.id, ...system })).createdAt
    await t.payload.update({ collection: 'accounts', id: f.a.account.id, data: { phone: '+44 20 7946 0002', createdAt: past }, overrideAccess: false, user: learner })
    expect((await t.payload.findByID({ collection: 'accounts', id: f.a.account.id, ...system })).createdAt).toBe(before)
  })

  it('are still set by system tasks that mean to (an import keeping the original dates)', async () => {
    const imported = await t.payload.create({ collection: 'candidates', data: { candidateNumber: 'C901', firstName: 'Ivy', surname: 'Import', dateOfBirth: '1990-01-01T00:00:00.000Z', createdAt: past }, ...system })
    expect(imported.createdAt).toBe(past)
  })
})

describe('dates in the admin', () => {
  it('every date field of every collection and global shows as dd/mm/yyyy, with HH:mm when it has a time', () => {
    type Walked = { name?: string; type: string; hidden?: boolean; admin?: { hidden?: boolean; disabled?: boolean; date?: { displayFormat?: string; pickerAppearance?: string } }; fields?: Walked[]; tabs?: Array<{ fields: Walked[] }> }
    const formats: Record<string, string | undefined> = {}
    const walk = (owner: string, fields: Walked[]) => {
      for (const field of fields) {
        if (field.hidden || field.admin?.hidden || field.admin?.disabled) continue // never shown (the list's created/updated columns follow admin.dateFormat)
        if (field.type === 'date') formats[`${owner}.${field.name}`] = field.admin?.date?.displayFormat
        if (field.fields) walk(owner, field.fields)
        for (const tab of field.tabs ?? []) walk(owner, tab.fields)
      }
    }
    for (const collection of t.payload.config.collections) if (collection.admin?.hidden !== true && !collection.slug.startsWith('payload-')) walk(collection.slug, collection.fields as Walked[])
    for (const global of t.payload.config.globals) walk(global.slug, global.fields as Walked[])
    expect(Object.keys(formats)).toEqual(expect.arrayContaining(['orders.dispatchedAt', 'connections.accessUntil', 'accounts.agreedAt', 'documents.statusChangedAt']))
    const unlike = Object.entries(formats).filter(([, format]) => format !== 'dd/MM/yyyy' && format !== 'dd/MM/yyyy HH:mm')
    expect(unlike).toEqual([])
  })
})
