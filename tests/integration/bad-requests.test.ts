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
