import type { CollectionSlug, Payload } from 'payload'
import { expect } from 'vitest'

import type { Api } from './accessMatrix'
import type { Fixtures, Role } from './fixtures'

/** Payload's own collections: each is checked by `checkInternals`, as every role, through the Local API and REST. */
export const INTERNAL_SLUGS = ['payload-locked-documents', 'payload-preferences', 'payload-migrations', 'payload-kv'] as const

const system = { overrideAccess: true, depth: 0 } as const
const isStaff = (role: Role) => role === 'administrator' || role === 'support' || role === 'content'
type Id = number | string

/** Someone else on the staff: whose name a forged lock would use. */
const otherStaff = (f: Fixtures, role: Role) => (role === 'administrator' ? f.staff.support : f.staff.administrator)
const selfStaff = (f: Fixtures, role: Role) => f.staff[role as 'administrator' | 'support' | 'content']
/** Neither the caller nor `otherStaff`. */
const thirdStaff = (f: Fixtures, role: Role) => (role === 'content' ? f.staff.support : f.staff.content)

async function rowIds(payload: Payload, slug: CollectionSlug, where?: object): Promise<string[]> {
  const { docs } = await payload.find({ collection: slug, where: where as never, pagination: false, ...system })
  return docs.map((doc) => String(doc.id)).sort()
}

async function lockOf(payload: Payload, owner: { id: number }, document: number) {
  return (await payload.create({
    collection: 'payload-locked-documents',
    data: { document: { relationTo: 'documents', value: document }, user: { relationTo: 'staff', value: owner.id } },
    ...system,
  })) as { id: Id }
}

/**
 * Document locks: staff see who edits what; a lock is taken or taken over only in one's
 * own name and released only by its holder (or an administrator). Portal accounts and
 * anonymous callers reach none of it.
 */
export async function checkLockedDocuments(payload: Payload, f: Fixtures, api: Api, role: Role): Promise<void> {
  const slug = 'payload-locked-documents'
  const label = `${role} ${slug}`
  const others = await lockOf(payload, otherStaff(f, role), f.b.document.id)
  const before = await rowIds(payload, slug)

  const forged = await api.create(slug, { document: { relationTo: 'documents', value: f.a.document.id }, user: { relationTo: 'staff', value: otherStaff(f, role).id } })
  expect(forged.ok, `${label}: a lock in another's name (status ${forged.status})`).toBe(false)
  const asSelf = isStaff(role) ? { relationTo: 'staff', value: selfStaff(f, role).id } : { relationTo: 'accounts', value: role === 'thirdParty' ? f.thirdParty.id : f.a.account.id }
  const own = await api.create(slug, { document: { relationTo: 'documents', value: f.a.document.id }, user: asSelf })
  expect(own.ok, `${label}: a lock in one's own name (status ${own.status})`).toBe(isStaff(role))
  const afterCreate = await rowIds(payload, slug)
  expect(afterCreate.length, `${label}: rows added`).toBe(before.length + (isStaff(role) ? 1 : 0))

  const read = await api.findIds(slug)
  expect(read.ok, `${label}: read (status ${read.status})`).toBe(isStaff(role))
  expect(read.ids.map(String).sort(), `${label}: rows seen`).toEqual(isStaff(role) ? afterCreate : [])

  const hijack = await api.update(slug, others.id, { user: { relationTo: 'staff', value: thirdStaff(f, role).id } })
  expect(hijack.ok, `${label}: moving another's lock to a third person (status ${hijack.status})`).toBe(false)
  const takeOver = await api.update(slug, others.id, { user: asSelf })
  expect(takeOver.ok, `${label}: taking a lock over in one's own name (status ${takeOver.status})`).toBe(isStaff(role))

  const stillOthers = await lockOf(payload, otherStaff(f, role), f.b.achievement.id)
  const released = await api.remove(slug, stillOthers.id)
  const remaining = await rowIds(payload, slug, { id: { equals: stillOthers.id } })
  expect(released.ok && remaining.length === 0, `${label}: releasing another's lock (status ${released.status})`).toBe(role === 'administrator')
}

/** Admin preferences: a staff member's own, nobody else's; portal accounts keep none. */
export async function checkPreferences(payload: Payload, f: Fixtures, api: Api, role: Role): Promise<void> {
  const slug = 'payload-preferences'
  const label = `${role} ${slug}`
  // Payload files a preference under whoever saves it.
  const savedBy = { ...otherStaff(f, role), collection: 'staff' } as never
  const others = (await payload.create({ collection: slug, data: { key: `other-${f.unique()}`, value: { columns: [] } } as never, user: savedBy, ...system })) as { id: Id }
  const before = await rowIds(payload, slug)

  const created = await api.create(slug, { key: `own-${f.unique()}`, value: { columns: ['email'] } })
  expect(created.ok, `${label}: create (status ${created.status})`).toBe(isStaff(role))
  const after = await rowIds(payload, slug)
  expect(after.length, `${label}: rows added`).toBe(before.length + (isStaff(role) ? 1 : 0))

  const own = isStaff(role) ? await rowIds(payload, slug, { and: [{ 'user.relationTo': { equals: 'staff' } }, { 'user.value': { equals: selfStaff(f, role).id } }] }) : []
  const read = await api.findIds(slug)
  expect(read.ids.map(String).sort(), `${label}: rows seen (status ${read.status})`).toEqual(own)

  const changed = await api.update(slug, others.id, { value: { columns: ['tampered'] } })
  const othersNow = (await payload.findByID({ collection: slug, id: others.id, ...system })) as { value?: unknown }
  expect(changed.ok, `${label}: update another's (status ${changed.status})`).toBe(false)
  expect(othersNow.value).toEqual({ columns: [] })
  const removed = await api.remove(slug, others.id)
  expect(removed.ok, `${label}: delete another's (status ${removed.status})`).toBe(false)
  expect(await rowIds(payload, slug, { id: { equals: others.id } })).toEqual([String(others.id)])
}

/** Migrations: administrators may read which ran; nobody writes them through the API. Payload's key-value store: nobody. */
export async function checkMigrationsAndStore(payload: Payload, api: Api, role: Role, { rest }: { rest: boolean }): Promise<void> {
  // Migrations have no REST routes at all (Payload's `endpoints: false`).
  const readsMigrations = role === 'administrator' && !rest
  const migrations = await api.findIds('payload-migrations')
  expect(migrations.ok, `${role} reads migrations (status ${migrations.status})`).toBe(readsMigrations)
  if (rest) expect([404, 501]).toContain(migrations.status)
  expect(migrations.ids.map(String).sort()).toEqual(readsMigrations ? await rowIds(payload, 'payload-migrations') : [])
  const before = await rowIds(payload, 'payload-migrations')
  const created = await api.create('payload-migrations', { name: 'forged', batch: 99 })
  expect(created.ok, `${role} writes a migration row (status ${created.status})`).toBe(false)
  expect(await rowIds(payload, 'payload-migrations')).toEqual(before)

  const kvBefore = await rowIds(payload, 'payload-kv')
  const kv = await api.create('payload-kv', { key: `k-${role}`, data: { a: 1 } })
  expect(kv.ok, `${role} writes the key-value store (status ${kv.status})`).toBe(false)
  expect(await rowIds(payload, 'payload-kv')).toEqual(kvBefore)
  const kvRead = await api.findIds('payload-kv')
  expect(kvRead.ok, `${role} reads the key-value store (status ${kvRead.status})`).toBe(false)
}
