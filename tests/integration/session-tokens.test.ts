import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { signInAccount } from '../../src/plugins/registration'
import { PASSWORD } from '../helpers/fixtures'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'

/** A portal session's token lives only in its HttpOnly cookie, and a refresh retires the old one. */
let t: TestPayloadWithFixtures

beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
})
afterAll(async () => t?.close())

async function signedInToken(): Promise<string> {
  const outcome = await signInAccount(t.payload, { ip: '192.0.2.20', email: 'learner-a@fixture.test', password: PASSWORD })
  if (!outcome.ok) throw new Error('the fixture learner could not sign in')
  return outcome.token
}

async function rest(path: string, token: string, method = 'GET') {
  const request = new Request(`http://localhost:3000/api${path}`, { method, headers: { Authorization: `JWT ${token}` } })
  const response = await handleEndpoints({ config: t.payload.config, request })
  return { status: response.status, text: await response.text(), cookie: response.headers.get('set-cookie') ?? '' }
}

const cookieToken = (cookie: string) => /payload-token=([^;]+)/.exec(cookie)?.[1] ?? ''

describe('portal session tokens', () => {
  it('/me answers who is signed in without the token in the body', async () => {
    const token = await signedInToken()
    const me = await rest('/accounts/me', token)
    expect(me.status).toBe(200)
    expect(JSON.parse(me.text)).toMatchObject({ user: { email: 'learner-a@fixture.test' }, collection: 'accounts' })
    expect(me.text).not.toContain(token)
    expect(JSON.parse(me.text)).not.toHaveProperty('token')
  })

  it('a refresh gives a new token in the cookie only, and the old token stops working', async () => {
    const old = await signedInToken()
    const refreshed = await rest('/accounts/refresh-token', old, 'POST')
    expect(refreshed.status).toBe(200)
    const fresh = cookieToken(refreshed.cookie)
    expect(fresh).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(fresh).not.toBe(old)
    expect(refreshed.text).not.toContain(fresh)
    expect(refreshed.text).not.toContain(old)

    expect(JSON.parse((await rest('/accounts/me', old)).text).user).toBeNull()
    expect(JSON.parse((await rest('/accounts/me', fresh)).text).user).toMatchObject({ email: 'learner-a@fixture.test' })
  })

  it('refreshing without a session says so and starts none', async () => {
    const answer = await rest('/accounts/refresh-token', 'not-a-token', 'POST')
    expect(answer.status).toBe(401)
    expect(answer.cookie).toBe('')
  })
})
