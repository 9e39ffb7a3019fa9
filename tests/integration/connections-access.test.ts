import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { payloadPool } from '../../src/collections/sql'
import { actOnConnection, learnerNamesForThirdParty, matchConnectionRequest, recordThirdPartyView, requestConnection, shareWithThirdParty } from '../../src/plugins/connections'
import { PASSWORD, type Fixtures } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'

/**
 * A third party reads exactly the documents shared with it in connections that are active and
 * within their access date at the moment of the query, through the Local API and REST alike.
 */
let t: TestPayloadWithFixtures
let f: Fixtures
let token: string
let otherToken: string
let connectionId: number
let supportToken: string
let adminToken: string
const system = { overrideAccess: true, depth: 0, context: { skipAudit: true } } as const

beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
  f = t.fixtures
  // A second document of learner A's, never shared.
  const unshared = await t.payload.create({ collection: 'documents', data: { achievement: f.a.achievement.id, type: 'transcript' } as never, ...system })
  ;(f as Record<string, unknown>).unshared = unshared
  await t.payload.create({ collection: 'accounts', data: { email: 'other-third@fixture.test', password: PASSWORD, _verified: true, kind: 'third-party', status: 'approved', firstName: 'O', lastName: 'Ther', companyName: 'Other' } as never, disableVerificationEmail: true, ...system })
  const connection = await t.payload.create({
    collection: 'connections',
    data: { learner: f.a.account.id, thirdParty: f.thirdParty.id, thirdPartyName: 'T Party', thirdPartyEmail: 'third@fixture.test', initiatedBy: 'learner', status: 'active', accessUntil: inAnHour(), documents: [f.a.document.id] },
    ...system,
  })
  connectionId = connection.id
  token = (await t.payload.login({ collection: 'accounts', data: { email: 'third@fixture.test', password: PASSWORD } })).token!
  otherToken = (await t.payload.login({ collection: 'accounts', data: { email: 'other-third@fixture.test', password: PASSWORD } })).token!
  supportToken = (await t.payload.login({ collection: 'staff', data: { email: 'support@fixture.test', password: PASSWORD } })).token!
  adminToken = (await t.payload.login({ collection: 'staff', data: { email: 'admin@fixture.test', password: PASSWORD } })).token!
})
afterAll(async () => t?.close())
beforeEach(async () => {
  await t.payload.update({ collection: 'connections', id: connectionId, data: { status: 'active', accessUntil: inAnHour(), documents: [f.a.document.id] }, ...system })
})

// The fixtures' ids, for test tables written before the fixtures exist.
const f_b_document = Symbol('learner B’s document')
const f_b_account = Symbol('learner B')
const f_spare = Symbol('the spare account')
const resolve = (change: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(change).map(([key, value]) => [key, value === f_b_document ? [f.b.document.id] : value === f_b_account ? f.b.account.id : value === f_spare ? f.spareAccount.id : value]),
  )

function inAnHour() {
  return new Date(Date.now() + 60 * 60 * 1000).toISOString()
}
const unsharedId = () => (f as unknown as { unshared: { id: number } }).unshared.id
const thirdParty = async () => ({ ...(await t.payload.findByID({ collection: 'accounts', id: f.thirdParty.id, ...system })), collection: 'accounts' }) as never

async function rest(path: string, bearer = token, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { Authorization: `JWT ${bearer}` }
  if (init.body !== undefined) headers['Content-Type'] = 'application/json'
  const request = new Request(`http://localhost:3000/api${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) })
  const response = await handleEndpoints({ config: t.payload.config, request })
  return { status: response.status, json: (await response.json()) as { docs?: Array<{ id: number }>; id?: number; totalDocs?: number; errors?: Array<{ message: string }> } }
}
const restIds = async (query = '', bearer = token) => ((await rest(`/documents?depth=0${query}`, bearer)).json.docs ?? []).map((d) => d.id)
/** The document ids the Local API gives the third party; a refusal (no documents to read at all) is none. */
const localIds = async () =>
  (
    await t.payload
      .find({ collection: 'documents', overrideAccess: false, user: await thirdParty(), depth: 0 })
      .catch((error: { status?: number }) => (error.status === 403 ? { docs: [] } : Promise.reject(error)))
  ).docs.map((d) => d.id)

describe('a third party and the documents shared with it', () => {
  it('reads exactly the shared document of its active connection, by list and by id, through REST and the Local API', async () => {
    expect(await localIds()).toEqual([f.a.document.id])
    expect(await restIds()).toEqual([f.a.document.id])
    expect((await rest(`/documents/${f.a.document.id}?depth=0`)).status).toBe(200)
  })

  it('reaches nothing else of the learner’s records through the shared document: depth gives ids only', async () => {
    const { json } = await rest(`/documents/${f.a.document.id}?depth=3`)
    const document = json as Record<string, unknown>
    expect(document.id).toBe(f.a.document.id)
    for (const relation of ['achievement', 'candidate']) expect(typeof document[relation], relation).not.toBe('object')
    expect((await rest(`/achievements/${f.a.achievement.id}`)).status).toBe(403)
    expect((await rest(`/candidates/${f.a.candidate.id}`)).status).toBe(403)
  })

  it('cannot read an unshared document of the same learner, or another learner’s, by id or by where', async () => {
    for (const id of [unsharedId(), f.b.document.id]) {
      expect((await rest(`/documents/${id}`)).status).toBe(404)
      await expect(t.payload.findByID({ collection: 'documents', id, overrideAccess: false, user: await thirdParty() })).rejects.toMatchObject({ status: 404 })
    }
    expect(await restIds(`&where[id][in]=${unsharedId()},${f.b.document.id}`)).toEqual([])
    expect(await restIds(`&where[reference][equals]=${f.b.document.reference}`)).toEqual([])
  })

  it('sees nothing once the access date has passed, at the moment of the query', async () => {
    const setAccessUntil = (interval: string) => payloadPool(t.payload).query(`update connections set access_until = now() + interval '${interval}' where id = $1`, [connectionId])
    await setAccessUntil('1 minute')
    expect(await restIds()).toEqual([f.a.document.id])
    // The date passes; no job has run, so the row still says active: the rule compares the date itself.
    await setAccessUntil('-1 millisecond')
    expect((await t.payload.findByID({ collection: 'connections', id: connectionId, ...system })).status).toBe('active')
    expect(await restIds()).toEqual([])
    expect(await localIds()).toEqual([])
    expect((await rest(`/documents/${f.a.document.id}`)).status).toBe(404)
  })

  it.each(['pending', 'cancelled', 'declined', 'expired'] as const)('sees nothing of a %s connection', async (status) => {
    await t.payload.update({ collection: 'connections', id: connectionId, data: { status }, ...system })
    expect(await restIds()).toEqual([])
    expect(await localIds()).toEqual([])
  })

  it('loses a document the learner takes out of the connection at once', async () => {
    await t.payload.update({ collection: 'connections', id: connectionId, data: { documents: [unsharedId()] }, ...system })
    expect(await restIds()).toEqual([unsharedId()])
  })

  it('another third party sees nothing of it, nor the connection', async () => {
    expect(await restIds('', otherToken)).toEqual([])
    expect((await rest(`/connections/${connectionId}`, otherToken)).status).toBe(404)
  })

  it('reads its own connection, and no other', async () => {
    expect((await rest(`/connections/${connectionId}?depth=0`)).status).toBe(200)
    expect((await rest(`/connections/${f.b.connection.id}`)).status).toBe(404)
  })

  it('a suspended third party sees nothing at once', async () => {
    await t.payload.update({ collection: 'accounts', id: f.thirdParty.id, data: { status: 'suspended' }, ...system })
    try {
      expect(await restIds()).toEqual([])
      expect((await rest(`/connections/${connectionId}`)).status).toBe(403) // the read rule refuses an account that is not active
    } finally {
      await t.payload.update({ collection: 'accounts', id: f.thirdParty.id, data: { status: 'approved' }, ...system })
    }
  })
})

describe('what the state machine owns: only the connections plugin’s actions make or change a connection', () => {
  const staffUser = (role: 'support' | 'administrator') => ({ ...f.staff[role], collection: 'staff' }) as never
  const accountUser = async (id: number) => ({ ...(await t.payload.findByID({ collection: 'accounts', id, ...system })), collection: 'accounts' }) as never
  /** Learner B's document, for learner A's connection: what support would hand a third party. */
  const madeUp = () => ({ learner: f.a.account.id, thirdParty: f.thirdParty.id, thirdPartyName: 'Anyone', thirdPartyEmail: 'third@fixture.test', initiatedBy: 'learner', status: 'active', accessUntil: inAnHour(), documents: [f.b.document.id] })
  const count = async () => (await t.payload.count({ collection: 'connections', ...system })).totalDocs

  it.each(['support', 'administrator'] as const)('%s cannot create a connection through REST or the Local API', async (role) => {
    const before = await count()
    const answer = await rest('/connections', role === 'support' ? supportToken : adminToken, { method: 'POST', body: madeUp() })
    expect(answer.status).toBe(403)
    await expect(t.payload.create({ collection: 'connections', data: madeUp() as never, overrideAccess: false, user: staffUser(role) })).rejects.toMatchObject({ status: 403 })
    expect(await count()).toBe(before)
    expect(await restIds()).toEqual([f.a.document.id])
  })

  it('neither side can create one through REST either', async () => {
    const learnerToken = (await t.payload.login({ collection: 'accounts', data: { email: 'learner-a@fixture.test', password: PASSWORD } })).token!
    for (const bearer of [learnerToken, token]) expect((await rest('/connections', bearer, { method: 'POST', body: madeUp() })).status).toBe(403)
  })

  it.each([
    ['thirdPartyEmail', { thirdPartyEmail: 'redirected@elsewhere.test' }],
    ['documents', { documents: f_b_document }],
    ['learner', { learner: f_b_account }],
    ['thirdParty', { thirdParty: f_spare }],
    ['accessUntil', { accessUntil: '2099-01-01T00:00:00.000Z' }],
    ['status', { status: 'cancelled' }],
    ['learnerEmail', { learnerEmail: 'someone@else.test' }],
    ['extension', { extension: { status: 'approved', until: '2099-01-01T00:00:00.000Z' } }],
    ['thirdPartyName', { thirdPartyName: 'Someone else' }],
  ] as const)('support cannot change %s, through REST or the Local API', async (_field, change) => {
    const data = resolve(change)
    const before = await t.payload.findByID({ collection: 'connections', id: connectionId, ...system, joins: false })
    expect((await rest(`/connections/${connectionId}`, supportToken, { method: 'PATCH', body: data })).status).toBe(403)
    await expect(t.payload.update({ collection: 'connections', id: connectionId, data: data as never, overrideAccess: false, user: staffUser('support') })).rejects.toMatchObject({ status: 403 })
    expect(await t.payload.findByID({ collection: 'connections', id: connectionId, ...system, joins: false })).toEqual(before)
  })

  it.each(['support', 'learner', 'thirdParty'] as const)('nothing of it can be changed through the Local API (%s)', async (role) => {
    const user = role === 'support' ? staffUser('support') : await accountUser(role === 'learner' ? f.a.account.id : f.thirdParty.id)
    const before = await t.payload.findByID({ collection: 'connections', id: connectionId, ...system, joins: false })
    const forged = { status: 'cancelled', accessUntil: '2099-01-01T00:00:00.000Z', documents: [f.b.document.id], thirdParty: f.spareAccount.id, learner: f.b.account.id, initiatedBy: 'third-party' }
    await expect(t.payload.update({ collection: 'connections', id: connectionId, data: forged as never, overrideAccess: false, user })).rejects.toMatchObject({ status: 403 })
    expect(await t.payload.findByID({ collection: 'connections', id: connectionId, ...system, joins: false })).toEqual(before)
  })

  it('cannot be changed through REST by the third party it is shared with', async () => {
    const before = await t.payload.findByID({ collection: 'connections', id: connectionId, ...system, joins: false })
    const answer = await rest(`/connections/${connectionId}`, token, { method: 'PATCH', body: { status: 'active', accessUntil: '2099-01-01T00:00:00.000Z', documents: [f.b.document.id] } })
    expect(answer.status).toBe(403)
    expect(await t.payload.findByID({ collection: 'connections', id: connectionId, ...system, joins: false })).toEqual(before)
  })

  it('a connection row naming another learner’s document, however it was written, grants that document nothing', async () => {
    // Written past every rule, straight into the table: learner B's document on learner A's active connection.
    await payloadPool(t.payload).query(`insert into connections_rels (parent_id, path, documents_id, "order") values ($1, 'documents', $2, 2)`, [connectionId, f.b.document.id])
    expect((await t.payload.findByID({ collection: 'connections', id: connectionId, ...system, joins: false })).documents).toEqual([f.a.document.id, f.b.document.id])
    expect(await restIds()).toEqual([f.a.document.id])
    expect(await localIds()).toEqual([f.a.document.id])
    expect((await rest(`/documents/${f.b.document.id}`)).status).toBe(404)
    expect(await recordThirdPartyView(t.payload, await thirdParty(), f.b.document.id)).toBeNull()
  })
})

describe('what a third party can learn from its connections, by depth, where and the side records', () => {
  it('a connection read at any depth gives the learner as an id, never their account', async () => {
    for (const depth of [1, 2, 5]) {
      const { json } = await rest(`/connections/${connectionId}?depth=${depth}`)
      expect(json.id).toBe(connectionId)
      expect((json as { learner?: unknown }).learner).toBe(f.a.account.id)
    }
  })

  it('a where over the learner’s account fields is refused, whatever it guesses', async () => {
    for (const where of ['where[learner.lastName][equals]=Learner', 'where[learner.lastName][equals]=Nobody', 'where[learner.dateOfBirth][exists]=true']) {
      const answer = await rest(`/connections?depth=0&${where}`)
      expect(answer.status, where).toBe(400)
      expect(answer.json.docs, where).toBeUndefined()
    }
  })

  it('reads the history and view receipts of its own connections only, and cannot write them', async () => {
    const own = await t.payload.create({ collection: 'connection-events', data: { connection: connectionId, event: 'accepted', party: 'third-party', at: new Date().toISOString() }, ...system })
    const events = (await rest('/connection-events?depth=0&limit=100')).json.docs!.map((e) => e.id)
    expect(events).toContain(own.id)
    expect(events).not.toContain(f.a.connectionEvent.id) // the fixture connection is learner A's with an address, not this third party's
    expect(events).not.toContain(f.b.connectionEvent.id)
    expect((await rest('/connection-events?depth=0', otherToken)).json.docs).toEqual([])
    const forged = await handleEndpoints({
      config: t.payload.config,
      request: new Request('http://localhost:3000/api/connection-views', {
        method: 'POST',
        headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ connection: connectionId, document: f.a.document.id, views: 999, lastViewedAt: new Date().toISOString() }),
      }),
    })
    expect(forged.status).toBe(403)
  })
})

describe('a third party’s request says nothing of whose address it asked, until the learner accepts', () => {
  const LEARNER = 'learner-b@fixture.test'
  const NOBODY = 'nobody@nowhere.test'
  const request = async (email: string) => {
    expect(await requestConnection(t.payload, await thirdParty(), { email, message: 'We are checking your qualification' })).toEqual({ ok: true })
    const { docs } = await t.payload.find({ collection: 'connections', where: { learnerEmail: { equals: email } }, sort: '-createdAt', limit: 1, ...system, joins: false })
    return docs[0]!
  }
  const row = (id: number) => t.payload.findByID({ collection: 'connections', id, ...system, joins: false })

  /** Everything the third party can ask of one connection over REST: reads at every depth, select, where, sort and count on the learner, the side records. */
  async function answersAbout(id: number, learnerId: number) {
    const paths = [
      `/connections/${id}?depth=0`,
      `/connections/${id}?depth=2`,
      `/connections?depth=1&where[id][equals]=${id}`,
      `/connections/${id}?select[learner]=true&select[updatedAt]=true`,
      `/connections?where[and][0][id][equals]=${id}&where[and][1][learner][exists]=true`,
      `/connections?where[and][0][id][equals]=${id}&where[and][1][learner][exists]=false`,
      `/connections?where[and][0][id][equals]=${id}&where[and][1][learner][equals]=${learnerId}`,
      `/connections?where[and][0][id][equals]=${id}&where[or][0][learner][in]=${learnerId}`,
      `/connections?where[id][equals]=${id}&sort=learner`,
      `/connections?where[id][equals]=${id}&sort=-learner.lastName`,
      `/connections/count?where[and][0][id][equals]=${id}&where[and][1][learner][exists]=true`,
      `/connections/${id}?joins[history][limit]=10&depth=1`,
      `/connection-events?depth=2&where[connection][equals]=${id}`,
      `/connection-events?where[and][0][connection][equals]=${id}&where[and][1][connection.learner][exists]=true`,
      `/connection-views?where[connection][equals]=${id}`,
    ]
    const answers: Array<{ path: string; status: number; body: string }> = []
    for (const path of paths) {
      const { status, json } = await rest(path)
      answers.push({ path: path.replaceAll(`=${id}`, '=ID').replaceAll(`/${id}`, '/ID').replaceAll(`=${learnerId}`, '=LEARNER'), status, body: JSON.stringify(json) })
    }
    return answers
  }
  /** The same answer for another row: its ids (of the connection and its history, not of the accounts in it), the address typed and the moments taken out. */
  const normalised = (answers: Awaited<ReturnType<typeof answersAbout>>, ids: number[]) => {
    const walk = (value: unknown): unknown => {
      // A join at depth 0 lists its rows' ids.
      if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' && ids.includes(v) ? 'ID' : walk(v)))
      if (!value || typeof value !== 'object') return value
      const record = value as Record<string, unknown>
      const isAccount = 'kind' in record
      return Object.fromEntries(
        Object.entries(record).map(([key, v]) => [key, (key === 'id' && !isAccount) || key === 'connection' ? (ids.includes(Number(v)) ? 'ID' : walk(v)) : walk(v)]),
      )
    }
    return answers.map((a) => ({
      ...a,
      body: JSON.stringify(walk(JSON.parse(a.body)))
        .replaceAll(LEARNER, 'ADDRESS')
        .replaceAll(NOBODY, 'ADDRESS')
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'TIME'),
    }))
  }
  const sideRecordIds = async (id: number) => [
    id,
    ...(await t.payload.find({ collection: 'connection-events', where: { connection: { equals: id } }, ...system })).docs.map((e) => e.id),
  ]

  it('matching the request to a learner changes nothing the third party can read, filter, sort, select or count on', async () => {
    const toLearner = await request(LEARNER)
    const toNobody = await request(NOBODY)
    expect(await matchConnectionRequest(t.payload, toLearner.id)).toBe(true)
    expect(await matchConnectionRequest(t.payload, toNobody.id)).toBe(false)
    // The rows do differ: one is learner B's to answer now. Not their time of change.
    expect((await row(toLearner.id)).learner).toBe(f.b.account.id)
    expect((await row(toNobody.id)).learner).toBeNull()
    expect((await row(toLearner.id)).updatedAt).toBe(toLearner.updatedAt)

    const matched = await answersAbout(toLearner.id, f.b.account.id)
    const unmatched = await answersAbout(toNobody.id, f.b.account.id)
    expect(normalised(matched, await sideRecordIds(toLearner.id))).toEqual(normalised(unmatched, await sideRecordIds(toNobody.id)))
    // And what they say: the learner is no field of the third party's, and cannot be asked about.
    expect(matched[0]!.status).toBe(200)
    expect(JSON.parse(matched[0]!.body)).not.toHaveProperty('learner')
    for (const index of [4, 5, 6, 7, 8, 9, 10, 13]) expect(matched[index]!.status, matched[index]!.path).toBe(400)

    // The third party cancels both, unanswered: the learner is named through neither (their page and Inactive tab).
    for (const c of [toLearner, toNobody]) expect(await actOnConnection(t.payload, await thirdParty(), c.id, { type: 'cancel' })).toMatchObject({ ok: true })
    const cancelled = [await row(toLearner.id), await row(toNobody.id)]
    expect(await learnerNamesForThirdParty(t.payload, await thirdParty(), cancelled)).toEqual(new Map())
    expect(normalised(await answersAbout(toLearner.id, f.b.account.id), await sideRecordIds(toLearner.id))).toEqual(
      normalised(await answersAbout(toNobody.id, f.b.account.id), await sideRecordIds(toNobody.id)),
    )
  })

  it('a request the learner declined does not name them either', async () => {
    const declined = await request(LEARNER)
    expect(await matchConnectionRequest(t.payload, declined.id)).toBe(true)
    const learnerB = { ...(await t.payload.findByID({ collection: 'accounts', id: f.b.account.id, ...system })), collection: 'accounts' } as never
    expect(await actOnConnection(t.payload, learnerB, declined.id, { type: 'decline' })).toMatchObject({ ok: true })
    expect(await learnerNamesForThirdParty(t.payload, await thirdParty(), [await row(declined.id)])).toEqual(new Map())
    expect((await rest(`/connections/${declined.id}`)).json).not.toHaveProperty('learner')
  })

  it('once the learner accepts, the third party sees who it is; a where or sort on the learner stays refused', async () => {
    const accepted = await request(LEARNER)
    expect(await matchConnectionRequest(t.payload, accepted.id)).toBe(true)
    const learnerB = { ...(await t.payload.findByID({ collection: 'accounts', id: f.b.account.id, ...system })), collection: 'accounts' } as never
    expect(await actOnConnection(t.payload, learnerB, accepted.id, { type: 'accept', documents: [f.b.document.id] })).toMatchObject({ ok: true })
    expect((await rest(`/connections/${accepted.id}?depth=0`)).json).toMatchObject({ learner: f.b.account.id })
    expect(await learnerNamesForThirdParty(t.payload, await thirdParty(), [await row(accepted.id)])).toEqual(new Map([[accepted.id, 'B Learner|learner-b@fixture.test']]))
    expect((await rest(`/connections?where[learner][equals]=${f.b.account.id}`)).status).toBe(400)
    // A connection the learner made names them from the start.
    expect((await rest(`/connections/${connectionId}?depth=0`)).json).toMatchObject({ learner: f.a.account.id })
  })
})

describe('mail carrying someone else’s text', () => {
  const asAccount = async (id: number) => ({ ...(await t.payload.findByID({ collection: 'accounts', id, ...system })), collection: 'accounts' }) as never
  const outbox = async (to: string) =>
    (await t.payload.find({ collection: 'email-outbox', where: { to: { equals: to } }, sort: 'createdAt', limit: 100, ...system })).docs as Array<{ subject: string; text: string; html?: string | null }>
  const share = async (learner: number, email: string, name = 'Riley Admissions') =>
    shareWithThirdParty(t.payload, await asAccount(learner), { name, email, documents: [learner === f.a.account.id ? f.a.document.id : f.b.document.id] })

  it('one address gets at most 3 invitations a day, whoever sends them', async () => {
    const answers = []
    for (let n = 0; n < 4; n++) answers.push(await share(f.b.account.id, 'popular@nowhere.test'))
    expect(answers.slice(0, 3).every((a) => a.ok)).toBe(true)
    expect(answers[3]).toEqual({ ok: false, errors: { email: 'This address has been sent several invitations today. Please try again tomorrow, or ask them to register first.' } })
    expect(await outbox('popular@nowhere.test')).toHaveLength(3)
  })

  it('30 invitations in a row from one learner: 10 go, then each is refused with a clear message and sends nothing', async () => {
    const before = (await t.payload.count({ collection: 'email-outbox', ...system })).totalDocs
    const answers = []
    for (let n = 0; n < 30; n++) answers.push(await share(f.a.account.id, `new-${n}@nowhere.test`))
    expect(answers.filter((a) => a.ok)).toHaveLength(10)
    expect(answers.slice(0, 10).every((a) => a.ok)).toBe(true)
    for (const refused of answers.slice(10))
      expect(refused).toEqual({ ok: false, errors: { form: 'You have invited 10 people without an account in the last hour, the most we send. Please try again in an hour.' } })
    expect((await t.payload.count({ collection: 'email-outbox', ...system })).totalDocs - before).toBe(10)
    expect(await outbox('new-10@nowhere.test')).toEqual([])
  })

  it('a link typed as a name, a company or a message never reads as the portal’s words nor as a link', async () => {
    const typedLink = 'Visit https://evil.example/login or www.evil.example now'
    const sender = await t.payload.create({
      collection: 'accounts',
      data: { email: 'linker@fixture.test', password: PASSWORD, _verified: true, kind: 'third-party', status: 'approved', firstName: 'Your account is closed', lastName: typedLink, companyName: 'evil.example Ltd' } as never,
      disableVerificationEmail: true,
      ...system,
    })
    expect(await requestConnection(t.payload, await asAccount(sender.id), { email: 'learner-a@fixture.test', message: `Dear learner,\n\nPlease sign in at http://evil.example/portal.\n<a href="https://evil.example">here</a>` })).toEqual({ ok: true })
    const [c] = (await t.payload.find({ collection: 'connections', where: { thirdParty: { equals: sender.id } }, ...system, joins: false })).docs
    expect(await matchConnectionRequest(t.payload, c!.id)).toBe(true)
    // The learner shares with an address, naming it with a link: the invitation opens with the portal's words only.
    expect(await share(f.b.account.id, 'named@nowhere.test', typedLink)).toMatchObject({ ok: true })

    const [request] = (await outbox('learner-a@fixture.test')).filter((m) => m.subject === 'A request to see your documents')
    const [invitation] = await outbox('named@nowhere.test')
    for (const mail of [request!, invitation!]) {
      for (const part of [mail.text, mail.html ?? '']) {
        expect(part).not.toMatch(/evil\.example|https?:\/\/evil|www\.evil/i)
      }
      // Every link in the HTML part is the portal's own.
      const hrefs = [...(mail.html ?? '').matchAll(/href="([^"]*)"/g)].map(([, href]) => href)
      expect(hrefs.length).toBeGreaterThan(0)
      for (const href of hrefs) expect(href).not.toMatch(/evil/)
    }
    expect(invitation!.text.startsWith('Hello,')).toBe(true)
    expect(invitation!.text).not.toContain('Visit')
    expect(request!.text).toContain('Your account is closed Visit https[:]//evil[.]example/login or www[.]evil[.]example now')
    expect(request!.text).toContain('Their message: “Dear learner, Please sign in at http[:]//evil[.]example/portal. <a href="https[:]//evil[.]example">here</a>” (their own words, not checked by us)')
    expect(request!.html).toContain('&lt;a href=&quot;https[:]//evil[.]example&quot;&gt;here&lt;/a&gt;')
  })
})
