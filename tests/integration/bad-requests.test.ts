import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { signInAccount } from '../../src/plugins/registration'
import { PASSWORD, type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'

/** Payload's REST layer in this process (what the Next route hands every /api request to), as a signed-in learner. */
let t: TestPayloadWithFixtures
let f: Fixtures
let token: string

beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
  f = t.fixtures
  const signedIn = await signInAccount(t.payload, { ip: '192.0.2.10', email: 'learner-a@fixture.test', password: PASSWORD })
  if (!signedIn.ok) throw new Error('the fixture learner could not sign in')
  token = signedIn.token
})
afterAll(async () => t?.close())

async function rest(path: string, init: RequestInit = {}) {
  const request = new Request(`http://localhost:3000/api${path}`, { ...init, headers: { Authorization: `JWT ${token}`, ...init.headers } })
  const response = await handleEndpoints({ config: t.payload.config, request })
  return { status: response.status, body: (await response.json().catch(() => ({}))) as { errors?: Array<{ message: string }> } }
}

describe('malformed requests get a 4xx that says so, never a 500', () => {
  it.each([
    ['/documents/versions', 404],
    ['/documents/versions/1', 404],
    ['/accounts/versions', 404],
    ['/documents/not-a-number', 400],
    ['/accounts/refresh-token', 400],
    ['/documents?where=notjson', 400],
    ['/documents?where[id][in]=x', 400],
    ['/documents?page=-1', 400],
  ])('GET %s answers %i', async (path, status) => {
    const answer = await rest(path)
    expect(answer.status).toBe(status)
    expect(answer.body.errors?.[0]?.message).toMatch(status === 404 ? /^Not Found$/ : /not valid here|could not be read/)
  })

  it('every collection’s and global’s versions routes: 404 where there are no versions, never a 500', async () => {
    const routes = [
      // Payload's migrations have no REST routes at all: it answers 501 for every one of them.
      ...t.payload.config.collections.filter((c) => c.endpoints !== false).map((c) => ({ base: `/${c.slug}`, versions: Boolean(c.versions) })),
      ...t.payload.config.globals.map((g) => ({ base: `/globals/${g.slug}`, versions: Boolean(g.versions) })),
    ]
    const answers: string[] = []
    for (const { base, versions } of routes)
      for (const path of [`${base}/versions`, `${base}/versions/1`]) answers.push(`${path} ${(await rest(path)).status}${versions ? ' (versions)' : ''}`)
    // As a learner: 404 where there are no versions; 403 where the collection refuses the learner before the route is looked at.
    const refusedFirst = ['/pages/versions 403 (versions)', '/pages/versions/1 403 (versions)', '/payload-preferences/versions 403', '/payload-preferences/versions/1 403', '/globals/payload-jobs-stats/versions 403', '/globals/payload-jobs-stats/versions/1 403']
    expect(answers.filter((line) => !/ 404$/.test(line)).sort()).toEqual(refusedFirst.sort())
    expect(answers).toContain('/globals/site-settings/versions 404')
    expect((await rest('/payload-migrations/versions')).status).toBe(501)
  })

  it('an id past PostgreSQL’s integer range is an unknown id: REST and the Local API answer as for one', async () => {
    const [TOO_BIG, UNKNOWN] = ['99999999999', '2147483646']
    for (const path of ['/documents/%s', '/enquiries/%s', '/accounts/%s']) expect((await rest(path.replace('%s', TOO_BIG))).status, path).toBe((await rest(path.replace('%s', UNKNOWN))).status)
    expect((await rest(`/documents/${TOO_BIG}`)).status).toBe(404)
    const learner = { ...(await t.payload.findByID({ collection: 'accounts', id: f.a.account.id, depth: 0, overrideAccess: true })), collection: 'accounts' as const }
    const as = { overrideAccess: false, user: learner, depth: 0 } as const
    expect(await t.payload.findByID({ collection: 'documents', id: TOO_BIG, disableErrors: true, ...as })).toBeNull()
    await expect(t.payload.findByID({ collection: 'documents', id: Number(TOO_BIG), ...as })).rejects.toMatchObject({ status: 404 })
    const refusal = async (id: string) => t.payload.update({ collection: 'accounts', id, data: { phone: '+44 1632 960001' }, ...as }).then(() => null, (error: { status?: number }) => error.status)
    expect(await refusal(TOO_BIG)).toBe(await refusal(UNKNOWN))
    await expect(t.payload.delete({ collection: 'enquiries', id: TOO_BIG, overrideAccess: true })).rejects.toMatchObject({ status: 404 })
  })

  it('a good request still answers as before (the learner’s own document)', async () => {
    const answer = await rest('/documents?depth=0')
    expect(answer.status).toBe(200)
    expect((answer.body as { docs: Array<{ id: number }> }).docs.map((doc) => doc.id)).toEqual([f.a.document.id])
  })

  it('a malformed write changes nothing', async () => {
    const before = await t.payload.findByID({ collection: 'accounts', id: f.a.account.id, overrideAccess: true, depth: 0 })
    const answer = await rest('/accounts/not-a-number', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone: '+44 1632 960001' }) })
    expect(answer.status).toBe(400)
    const after = await t.payload.findByID({ collection: 'accounts', id: f.a.account.id, overrideAccess: true, depth: 0 })
    expect(after.phone).toBe(before.phone ?? null)
  })
})
