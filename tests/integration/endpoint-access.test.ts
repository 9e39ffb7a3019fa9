import { createLocalReq, handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { EMAILS, PASSWORD, ROLES, userFor, type Fixtures, type Role } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'

/**
 * Every endpoint that is not a collection's create, read, update or delete (those are the
 * access matrix), ours and Payload's, as every role, through Payload's REST layer. Each
 * staff action is called with input it refuses, so that an allowed role gets that input's
 * 400 and nothing changes, and a refused role gets 401/403 before its input is looked at.
 */
let t: TestPayloadWithFixtures
let f: Fixtures
const tokens = new Map<Role, string>()
const system = { overrideAccess: true, depth: 0 } as const

beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
  f = t.fixtures
  for (const role of ROLES) {
    if (role === 'anonymous') continue
    const { collection, email } = EMAILS[role]
    const { token } = await t.payload.login({ collection, data: { email, password: PASSWORD } })
    tokens.set(role, token!)
  }
})
afterAll(async () => t?.close())

async function call(role: Role, method: string, path: string, body?: unknown) {
  const token = tokens.get(role)
  const request = new Request(`http://localhost:3000/api${path}`, {
    method,
    headers: { ...(token ? { Authorization: `JWT ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const response = await handleEndpoints({ config: t.payload.config, request })
  return { status: response.status, json: (await response.json().catch(() => ({}))) as Record<string, unknown> }
}

const supportRoles: Role[] = ['administrator', 'support']
const refused = (status: number) => status === 401 || status === 403

describe('staff actions: support staff and administrators only', () => {
  const cases: Array<[string, string, (f: Fixtures) => string, unknown, number]> = [
    ['review a registration', 'POST', (f) => `/accounts/${f.b.account.id}/review`, { action: 'approve', candidate: 999999 }, 400],
    ['the closest records to a registration', 'GET', (f) => `/accounts/${f.b.account.id}/review-candidates`, undefined, 200],
    ['revoke a document', 'POST', (f) => `/documents/${f.b.document.id}/revoke`, { reason: '' }, 400],
    ['reissue a document', 'POST', (f) => `/documents/${f.b.document.id}/reissue`, { reason: 'x'.repeat(1001) }, 400],
    ['reply to an enquiry', 'POST', (f) => `/enquiries/${f.b.enquiry.id}/reply`, {}, 400],
    // The fixture's message is still queued: support staff are told so, and nothing changes.
    ['send an email again', 'POST', (f) => `/email-outbox/${f.outbox.id}/send-again`, {}, 409],
    // Without a reason, support staff are asked for one, and nothing changes.
    ['cancel a connection', 'POST', (f) => `/connections/${f.b.connection.id}/cancel`, {}, 400],
    // The store: without an action, support staff are asked for one; a batch that does not exist is not found.
    ['change an order', 'POST', (f) => `/orders/${f.b.order.id}/act`, {}, 400],
    ['a print batch’s CSV for the printer', 'GET', () => '/print-batches/999999/printer.csv', undefined, 404],
    ['a print batch’s delivery labels', 'GET', () => '/print-batches/999999/labels.pdf', undefined, 404],
    ['mark a print batch printed', 'POST', () => '/print-batches/999999/printed', undefined, 404],
    ['dispatch a print batch', 'POST', () => '/print-batches/999999/dispatch', { tracking: '' }, 400],
  ]
  for (const [name, method, path, body, allowedStatus] of cases)
    it.each(ROLES)(`${name}: %s`, async (role) => {
      const before = JSON.stringify(await Promise.all([t.payload.findByID({ collection: 'accounts', id: f.b.account.id, ...system }), t.payload.findByID({ collection: 'documents', id: f.b.document.id, ...system }), t.payload.findByID({ collection: 'enquiries', id: f.b.enquiry.id, ...system }), t.payload.findByID({ collection: 'email-outbox', id: f.outbox.id, ...system }), t.payload.findByID({ collection: 'orders', id: f.b.order.id, ...system })]))
      const answer = await call(role, method, path(f), body)
      if (supportRoles.includes(role)) expect(answer.status).toBe(allowedStatus)
      else expect(refused(answer.status), `status ${answer.status}`).toBe(true)
      const after = JSON.stringify(await Promise.all([t.payload.findByID({ collection: 'accounts', id: f.b.account.id, ...system }), t.payload.findByID({ collection: 'documents', id: f.b.document.id, ...system }), t.payload.findByID({ collection: 'enquiries', id: f.b.enquiry.id, ...system }), t.payload.findByID({ collection: 'email-outbox', id: f.outbox.id, ...system }), t.payload.findByID({ collection: 'orders', id: f.b.order.id, ...system })]))
      expect(after).toBe(before)
    })
})

describe('the Stripe webhook: Stripe’s, signed, the same answer for every role', () => {
  const orderNow = async () => JSON.stringify(await t.payload.findByID({ collection: 'orders', id: f.b.order.id, ...system }))
  const paidEvent = () => ({ id: 'evt_unsigned', type: 'checkout.session.completed', data: { object: { metadata: { orderId: String(f.b.order.id) }, payment_status: 'paid', amount_total: 3050, currency: 'gbp', payment_intent: 'pi_x' } } })

  it.each(ROLES)('without Stripe keys, not found (%s)', async (role) => {
    const before = await orderNow()
    expect(await call(role, 'POST', '/stripe/webhook', paidEvent())).toEqual({ status: 404, json: { error: 'Stripe is not set up here.' } })
    expect(await orderNow()).toBe(before)
  })

  it.each(ROLES)('with Stripe keys, an unsigned event is refused and changes nothing (%s)', async (role) => {
    Object.assign(process.env, { STRIPE_SECRET_KEY: 'sk_test_access', STRIPE_WEBHOOK_SECRET: 'whsec_access' })
    try {
      const before = await orderNow()
      expect(await call(role, 'POST', '/stripe/webhook', paidEvent())).toEqual({ status: 400, json: { error: 'The signature did not verify.' } })
      expect(await orderNow()).toBe(before)
    } finally {
      delete process.env.STRIPE_SECRET_KEY
      delete process.env.STRIPE_WEBHOOK_SECRET
    }
  })
})

describe('Payload’s own endpoints', () => {
  it.each(ROLES)('the jobs runner is for administrators only (%s)', async (role) => {
    const answer = await call(role, 'GET', '/payload-jobs/run?limit=1')
    if (role === 'administrator') expect(answer.status).toBe(200)
    else expect(refused(answer.status), `status ${answer.status}`).toBe(true)
  })

  it('the connections jobs (expire-connections, match-connection-request) run for administrators only, through REST and the Local API', async () => {
    const past = await t.payload.create({
      collection: 'connections',
      data: { learner: f.b.account.id, thirdPartyName: 'Lapsed', thirdPartyEmail: 'lapsed@fixture.test', initiatedBy: 'learner', status: 'active', accessUntil: '2020-01-01T00:00:00.000Z', documents: [f.b.document.id] },
      ...system,
    })
    const job = await t.payload.jobs.queue({ task: 'expire-connections', queue: 'connections', input: {} } as never)
    const statusNow = async () => (await t.payload.findByID({ collection: 'connections', id: past.id, ...system, joins: false })).status
    for (const role of ROLES.filter((r) => r !== 'administrator')) {
      const answer = await call(role, 'GET', '/payload-jobs/run?queue=connections&limit=10')
      expect(refused(answer.status), `${role}: status ${answer.status}`).toBe(true)
      const user = role === 'anonymous' ? null : await userFor(t.payload, f, role)
      const req = await createLocalReq({ user: user as never }, t.payload)
      await expect(t.payload.jobs.queue({ task: 'match-connection-request', queue: 'connections', input: { connection: past.id }, overrideAccess: false, req } as never), role).rejects.toMatchObject({ status: 403 })
      expect(await statusNow(), role).toBe('active')
    }
    expect(await t.payload.count({ collection: 'payload-jobs', where: { id: { equals: job.id } }, ...system })).toMatchObject({ totalDocs: 1 })
    expect((await call('administrator', 'GET', '/payload-jobs/run?queue=connections&limit=10')).status).toBe(200)
    expect(await statusNow()).toBe('expired')
  })

  it.each(ROLES)('access says who reaches the admin (%s)', async (role) => {
    const answer = await call(role, 'GET', '/access')
    expect(answer.status).toBe(200)
    // Payload names it only for those who may: true for staff, absent for everyone else.
    expect(answer.json.canAccessAdmin).toBe(['administrator', 'support', 'content'].includes(role) ? true : undefined)
  })

  it.each(ROLES)('Payload’s email verification route verifies nothing: portal links are ours, hashed (%s)', async (role) => {
    const pending = await t.payload.create({
      collection: 'accounts',
      data: { email: `pending-${role}@fixture.test`, password: PASSWORD, kind: 'learner', firstName: 'P', lastName: 'Ending' } as never,
      disableVerificationEmail: true,
      ...system,
    })
    const answers: Record<string, number> = {}
    for (const token of ['null', 'undefined', '', 'x'.repeat(40)]) answers[token || '(none)'] = (await call(role, 'POST', `/accounts/verify/${token}`)).status
    // Payload's route refuses every token (403); with none there is no such route (404).
    expect(answers).toEqual({ null: 403, undefined: 403, '(none)': 404, ['x'.repeat(40)]: 403 })
    expect((await t.payload.findByID({ collection: 'accounts', id: pending.id, ...system }))._verified).toBe(false)
  })
})
