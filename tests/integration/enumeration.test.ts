import crypto from 'node:crypto'
import { syncBuiltinESMExports } from 'node:module'

import type { Client, Pool } from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { PASSWORD_HASH } from '../../src/lib/passwords'
import { signInAccount } from '../../src/plugins/registration'
import { payloadPool } from '../../src/runtime/pool'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startServer, type RunningServer } from '../helpers/server'

/**
 * No account enumeration: for a known and an unknown email, sign-in, registration and
 * forgot-password answer with the same status, the same page and (median of the pairs) the
 * same time within 5 ms. Submitted as a browser without JavaScript submits the forms.
 */
let t: TestPayload
let server: RunningServer
const KNOWN = 'known.person@example.test'
// Pairs of requests per form, enough for the median gap to stand well clear of the 5 ms limit
// in this machine's noise (each test prints the spread). Sign-in's answers sit on a floor
// and the test above counts the work under it, so 40 do; forgot-password pairs go at the
// same moment and differ by a few ms, so 60 do; registration pairs go one after the other
// (work follows each answer): their differences' middle half spans about 12 ms (σ ≈ 9 ms), so
// the median of 100 has a standard error of about 1.1 ms, over four of them inside the limit.
const SIGN_IN_PAIRS = 40
const FORGOT_PASSWORD_PAIRS = 60
const REGISTRATION_PAIRS = 100
const system = { overrideAccess: true, depth: 0 } as const

beforeAll(async () => {
  t = await startTestPayload()
  await t.payload.create({
    collection: 'accounts',
    data: { kind: 'third-party', status: 'approved', email: KNOWN, password: 'the right passphrase', firstName: 'Known', lastName: 'Person', _verified: true } as never,
    disableVerificationEmail: true,
    ...system,
  })
})

afterAll(async () => {
  await server?.stop()
  await t?.close()
})

let nextAddress = 0
const freshAddress = () => `198.18.${Math.floor(++nextAddress / 250)}.${(nextAddress % 250) + 1}`

const decodeAttribute = (value: string) => value.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')

/** The form's hidden fields, as the page renders them for a browser without JavaScript. */
async function hiddenFields(path: string): Promise<Array<[string, string]>> {
  const html = await (await fetch(`${server.url}${path}`)).text()
  const form = html.match(/<form[^>]*>([\s\S]*?)<\/form>/)?.[1] ?? ''
  return [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map((m) => [m[1]!, decodeAttribute(m[2] ?? '')])
}

type Answer = { status: number; location: string | null; body: string; ms: number }

async function submitForm(path: string, hidden: Array<[string, string]>, fields: Record<string, string>): Promise<Answer> {
  const body = new FormData()
  for (const [name, value] of hidden) body.append(name, value)
  for (const [name, value] of Object.entries(fields)) body.append(name, value)
  const started = performance.now()
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { origin: server.url, 'x-forwarded-for': freshAddress() },
  })
  const text = await response.text()
  return { status: response.status, location: response.headers.get('location'), body: text, ms: performance.now() - started }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2
}

/** What the person sees, with their own email address taken out. */
const visible = (answer: Answer, email: string) => ({
  status: answer.status,
  location: answer.location?.replaceAll(encodeURIComponent(email), 'EMAIL') ?? null,
  body: answer.body
    .replaceAll(email, 'EMAIL')
    .replaceAll(encodeURIComponent(email), 'EMAIL')
    // Scripts carry development mode's render traces and request id; what the person sees is the HTML.
    .replaceAll(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    // Every response has a nonce of its own for its scripts and styles (the content security policy).
    .replaceAll(/ nonce="[^"]*"/g, ''),
})

/** Where two answers part, with a little context; empty when they are the same. */
function difference(a: ReturnType<typeof visible>, b: ReturnType<typeof visible>): string {
  if (a.status !== b.status || a.location !== b.location) return `${a.status} ${a.location} / ${b.status} ${b.location}`
  let i = 0
  while (i < a.body.length && a.body[i] === b.body[i]) i++
  return i === a.body.length && i === b.body.length ? '' : `…${a.body.slice(Math.max(0, i - 40), i + 300)}… / …${b.body.slice(Math.max(0, i - 40), i + 300)}…`
}

/**
 * Known and unknown requests, `pairs` of them; the gap is the median of the pairs' differences. By
 * default each pair's two requests are sent at the same moment, so both meet the same load.
 * Where work follows the answer (registration), a pair's two go one after the other in a
 * random order, each once the work behind the one before has finished (`workAfterAnswer`
 * waits for it), so neither meets the other's work, and slow drift over the run (a growing
 * table, the server warming) falls on both alike.
 */
async function compare(
  path: string,
  fieldsFor: (email: string) => Record<string, string>,
  unknownEmail: (i: number) => string,
  { pairs, workAfterAnswer }: { pairs: number; workAfterAnswer?: (email: string, isKnown: boolean) => Promise<void> },
) {
  const hidden = await hiddenFields(path)
  const known: Answer[] = []
  const unknown: Answer[] = []
  const check = (k: Answer, u: Answer, stranger: string) => expect(difference(visible(u, stranger), visible(k, KNOWN))).toBe('')
  if (!workAfterAnswer) {
    for (let i = 0; i < pairs; i++) {
      const stranger = unknownEmail(i)
      const [k, u] = await Promise.all([submitForm(path, hidden, fieldsFor(KNOWN)), submitForm(path, hidden, fieldsFor(stranger))])
      known.push(k)
      unknown.push(u)
      check(k, u, stranger)
    }
  } else {
    for (let i = 0; i < pairs; i++) {
      const stranger = unknownEmail(i)
      const knownFirst = Math.random() < 0.5
      for (const isKnown of knownFirst ? [true, false] : [false, true]) {
        ;(isKnown ? known : unknown).push(await submitForm(path, hidden, fieldsFor(isKnown ? KNOWN : stranger)))
        await workAfterAnswer(isKnown ? KNOWN : stranger, isKnown)
      }
      check(known.at(-1)!, unknown.at(-1)!, stranger)
    }
  }
  const [knownMedian, unknownMedian] = [median(known.map((a) => a.ms)), median(unknown.map((a) => a.ms))]
  const differences = known.map((k, i) => k.ms - unknown[i]!.ms).sort((a, b) => a - b)
  const gap = median(differences)
  // The spread shows how far the median is from the 5 ms limit in noise, with this many pairs.
  const quartile = (q: number) => differences[Math.round(q * (differences.length - 1))]!.toFixed(1)
  console.log(
    `${path}: median ${knownMedian.toFixed(1)} ms for a known email, ${unknownMedian.toFixed(1)} ms for an unknown one; gap ${gap.toFixed(1)} ms (middle half of ${differences.length} pairs' differences ${quartile(0.25)} to ${quartile(0.75)} ms)`,
  )
  return { known, gap: Math.abs(gap) }
}

/**
 * Every PBKDF2 run (iterations, key length, digest) and every SQL statement (sorted) one
 * sign-in attempt makes in this process, counted by spying on node:crypto and on the clients of
 * Payload's pool (both still do the real work).
 */
async function workOfSignIn(email: string, password: string, ip: string) {
  const clientQuery = vi.spyOn((payloadPool(t.payload) as Pool & { Client: typeof Client }).Client.prototype, 'query')
  const pbkdf2 = vi.spyOn(crypto, 'pbkdf2')
  syncBuiltinESMExports() // so `import { pbkdf2 } from 'node:crypto'` reaches the spy too
  try {
    const outcome = await signInAccount(t.payload, { ip, email, password })
    const statements = clientQuery.mock.calls
      .map(([query]) => (typeof query === 'string' ? query : (query as { text: string }).text))
      // The throttle's occasional clean-up of stale rows (one failure in 500) is chance, not the email's doing.
      .filter((sql) => !sql.includes('delete from sign_in_throttles using cutoff'))
      .sort() // the throttle's two reads go at once, in either order
    return { outcome, hashes: pbkdf2.mock.calls.map(([, , iterations, keyLength, digest]) => [iterations, keyLength, digest]), statements }
  } finally {
    clientQuery.mockRestore()
    pbkdf2.mockRestore()
    syncBuiltinESMExports()
  }
}

describe('the work behind a refused sign-in', () => {
  // The answers' timing below sits on a 500 ms floor, which would hide an unknown email
  // skipping the hash: this counts the work itself.
  it('a wrong password, an unknown email and an imported account with no password each take one full-strength hash and the same statements', async () => {
    const imported = await t.payload.create({
      collection: 'accounts',
      data: { kind: 'third-party', status: 'approved', email: 'imported.person@example.test', password: 'the right passphrase', firstName: 'Imported', lastName: 'Person', _verified: true, legacyImport: true } as never,
      disableVerificationEmail: true,
      ...system,
    })
    await t.payload.db.updateOne({ collection: 'accounts', id: imported.id, data: { hash: null, salt: null } })

    const wrongPassword = await workOfSignIn(KNOWN, 'not the right passphrase', '192.0.2.51')
    const unknownEmail = await workOfSignIn('nobody.at.all@example.test', 'not the right passphrase', '192.0.2.52')
    const noPassword = await workOfSignIn('imported.person@example.test', 'the right passphrase', '192.0.2.53')

    expect(wrongPassword.outcome).toEqual({ ok: false, reason: 'failed' })
    expect(wrongPassword.hashes).toEqual([[PASSWORD_HASH.iterations, PASSWORD_HASH.keyLength, PASSWORD_HASH.digest]])
    expect(wrongPassword.statements).toContainEqual(expect.stringMatching(/from "accounts"/))
    expect(unknownEmail).toEqual(wrongPassword)
    expect(noPassword).toEqual(wrongPassword)
  })
})

describe('no account enumeration', () => {
  beforeAll(async () => {
    // TRUST_PROXY lets each request come from an address of its own, so throttling stays out of the timings.
    server = await startServer({ DATABASE_URL: t.databaseUrl, TRUST_PROXY: 'true' })
    for (const path of ['/sign-in', '/forgot-password', '/register/third-party', '/register/check-email']) await fetch(`${server.url}${path}`)
  }, 300_000)

  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(`Server output before the failure:\n${server.output().slice(-3000)}`)
  })

  it('sign-in: a wrong password and an unknown email get the same page in the same time', async () => {
    const { known, gap } = await compare('/sign-in', (email) => ({ email, password: 'not the right passphrase' }), (i) => `nobody${i}@example.test`, { pairs: SIGN_IN_PAIRS })
    expect(known[0]!.body).toContain('We could not sign you in')
    expect(gap).toBeLessThanOrEqual(5)
  }, 300_000)

  it('registration: an email that already has an account gets the same answer in the same time', async () => {
    const form = (email: string) => ({
      firstName: 'Robin',
      lastName: 'Tester',
      companyName: 'Acme Ltd',
      jobTitle: 'HR Manager',
      email,
      password: 'a long enough passphrase',
      confirmPassword: 'a long enough passphrase',
      consent: 'on',
    })
    // The account is made (or its owner's notice counted) after the answer: the next request
    // goes once that work is done, so it does not fall on the next answer measured.
    const pool = payloadPool(t.payload)
    const noticesCounted = async () =>
      Number((await pool.query('select failures from sign_in_throttles where key = $1', [`notice:account-exists:${KNOWN}`])).rows[0]?.failures ?? 0)
    let counted = await noticesCounted()
    const workAfterAnswer = async (email: string, isKnown: boolean) => {
      const done = isKnown
        ? async () => (await noticesCounted()) !== counted
        : async () => (await pool.query("select 1 from email_outbox where \"to\" = $1 and template = 'registration-verify-email'", [email])).rowCount === 1
      await expect.poll(done, { timeout: 10_000, interval: 10 }).toBe(true)
      counted = await noticesCounted()
    }
    const { known, gap } = await compare('/register/third-party', form, (i) => `new.person${i}@example.test`, { pairs: REGISTRATION_PAIRS, workAfterAnswer })
    expect(known[0]).toMatchObject({ status: 303 })
    expect(known[0]!.location).toContain('/register/check-email')
    expect(gap).toBeLessThanOrEqual(5)
  }, 300_000)

  it('forgot password: the same answer in the same time whether or not the email has an account', async () => {
    const { known, gap } = await compare('/forgot-password', (email) => ({ email }), (i) => `someone${i}@example.test`, { pairs: FORGOT_PASSWORD_PAIRS })
    expect(known[0]!.body).toContain('we have sent it a link')
    expect(gap).toBeLessThanOrEqual(5)
  }, 300_000)

  it('the work behind the answers still happens: the new accounts exist, the owner is told once, the reset link is sent', async () => {
    await expect
      .poll(async () => (await t.payload.count({ collection: 'accounts', where: { email: { like: 'new.person' } }, ...system })).totalDocs, { timeout: 60_000 })
      .toBe(REGISTRATION_PAIRS)
    const toKnown = await t.payload.find({ collection: 'email-outbox', where: { to: { equals: KNOWN } }, limit: 0, ...system })
    const templates = toKnown.docs.map((d) => (d as { template?: string }).template)
    // One "you already have an account" email every 15 minutes, and one reset link every 15 seconds (Payload's rule).
    expect(templates).toEqual(expect.arrayContaining(['registration-already-registered', 'portal-password-reset']))
    expect(templates.filter((name) => name === 'registration-already-registered')).toHaveLength(1)
  }, 120_000)

  it('REST sign-in and forgot-password answer alike for known and unknown emails', async () => {
    const post = (path: string, data: object) =>
      fetch(`${server.url}/api/accounts/${path}`, {
        method: 'POST',
        body: JSON.stringify(data),
        headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': freshAddress() },
      }).then(async (r) => ({ status: r.status, body: await r.json() }))
    const knownLogin = await post('login', { email: KNOWN, password: 'not the right passphrase' })
    expect(knownLogin).toEqual({ status: 401, body: { errors: [{ message: 'The email address or password is not right.' }] } })
    expect(await post('login', { email: 'nobody-rest@example.test', password: 'not the right passphrase' })).toEqual(knownLogin)
    expect(await post('forgot-password', { email: 'nobody-rest@example.test' })).toEqual(await post('forgot-password', { email: KNOWN }))
  })

  it('REST sign-in is throttled like the page: 429 with Retry-After', async () => {
    const attempt = () =>
      fetch(`${server.url}/api/accounts/login`, {
        method: 'POST',
        body: JSON.stringify({ email: KNOWN, password: 'another wrong passphrase' }),
        headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': '203.0.113.66' },
      })
    for (let i = 0; i < 6; i++) expect((await attempt()).status).toBe(401)
    const throttled = await attempt()
    expect(throttled.status).toBe(429)
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
