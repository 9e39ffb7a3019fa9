import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { VERIFY_LOOKUPS } from '../../src/lib/throttle'
import { payloadPool } from '../../src/runtime/pool'
import { flatText } from '../helpers/pdf'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startServer, type RunningServer } from '../helpers/server'

/**
 * Public verification against the real server (src/server.ts, its fast path for /verify):
 * statuses, the "show the document" switch, codes that find nothing, the JSON form,
 * throttling per address (TRUST_PROXY, one X-Forwarded-For per test), HEAD and other methods.
 */
let t: TestPayload
let server: RunningServer
const system = { overrideAccess: true, depth: 0, context: { skipAudit: true } } as const

type Doc = { id: number; verificationCode: string; reference: string }
const docs = {} as Record<'valid' | 'published' | 'revoked' | 'superseded' | 'reissue' | 'badge', Doc>

let nextAddress = 0
/** A client address of its own, so one test's misses never block another's. */
const freshAddress = () => `203.0.113.${++nextAddress}`

async function get(path: string, { ip = freshAddress(), json = false, method = 'GET' }: { ip?: string; json?: boolean; method?: string } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { 'x-forwarded-for': ip, accept: json ? 'application/json' : 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
  })
  const bytes = Buffer.from(await response.arrayBuffer())
  return { status: response.status, headers: response.headers, body: bytes.toString('utf8'), bytes }
}

beforeAll(async () => {
  t = await startTestPayload()
  const create = async (collection: 'qualifications' | 'candidates' | 'achievements' | 'documents', data: Record<string, unknown>) =>
    (await t.payload.create({ collection, data: data as never, ...system })) as unknown as Doc
  await t.payload.updateGlobal({ slug: 'site-settings', data: { portalName: 'Institute Achievement Portal', awardingBodyName: 'Institute of Testing & Quality', supportEmail: 'help@institute.example' }, ...system })
  const qualification = await create('qualifications', { qualificationNumber: '603/4182/8', title: 'Level 3 Diploma in <Engineering> & Design', level: '3', type: 'regulated' })
  const candidate = await create('candidates', { candidateNumber: '00777001', firstName: 'Claire', middleNames: 'Elizabeth', surname: "O'Hammond", dateOfBirth: '1990-05-17T00:00:00.000Z' })
  const achievement = await create('achievements', { candidate: candidate.id, qualification: qualification.id, grade: 'Distinction', issueDate: '2024-07-01T00:00:00.000Z', centre: 'Leeds College' })
  const document = (data: Record<string, unknown> = {}) => create('documents', { achievement: achievement.id, type: 'certificate', ...data })
  docs.valid = await document()
  docs.published = await document({ type: 'transcript', showOnVerify: true, units: [{ code: 'U1', title: 'Unit one', credits: 10, grade: 'Pass' }] })
  docs.badge = await document({ type: 'badge', showOnVerify: true })
  docs.revoked = await document({ showOnVerify: true })
  await t.payload.update({ collection: 'documents', id: docs.revoked.id, data: { status: 'revoked', statusReason: 'Issued in error', statusChangedAt: '2025-03-12T00:00:00.000Z' }, ...system })
  docs.superseded = await document()
  docs.reissue = await document()
  await t.payload.update({ collection: 'documents', id: docs.superseded.id, data: { status: 'superseded', supersededBy: docs.reissue.id, statusChangedAt: '2025-06-30T00:00:00.000Z' }, ...system })

  server = await startServer({ DATABASE_URL: t.databaseUrl, TRUST_PROXY: 'true' })
  // Development mode compiles the document route on its first request: do it here.
  await get(`/verify/${docs.published.verificationCode}/document`)
}, 300_000)

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(`Server output before the failure:\n${server.output().slice(-3000)}`)
})

afterAll(async () => {
  await server?.stop()
  await t?.close()
})

const rowsFor = async (ip: string) => (await payloadPool(t.payload).query('select failures, blocked_until from sign_in_throttles where key = $1', [`verify:ip:${ip}`])).rows

describe('the answer for a code that names a document', () => {
  it('says a valid document is valid, with its key facts and nothing private', async () => {
    const { status, headers, body } = await get(`/verify/${docs.valid.verificationCode}`)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(body).toContain('<html lang="en-GB">')
    expect(body).toMatch(/class="verify-banner verify-valid"/)
    expect(body).toContain('This certificate is valid')
    for (const fact of ['Claire Elizabeth O&#39;Hammond', 'Level 3 Diploma in &lt;Engineering&gt; &amp; Design', '603/4182/8', 'Distinction', '01/07/2024', docs.valid.reference, 'Certificate'])
      expect(body).toContain(fact)
    expect(body).not.toContain('<Engineering>')
    // Never the date of birth or the candidate number.
    expect(body).not.toMatch(/17\/05\/1990|1990-05-17|00777001|777001/)
    expect(body).not.toContain('View the document')
    expect(body).toContain('Institute Achievement Portal') // the portal's name in the header
    expect(body).toContain('mailto:help@institute.example') // support contact in the footer
  })

  it('says a revoked document is revoked, and when', async () => {
    const { status, body } = await get(`/verify/${docs.revoked.verificationCode}`)
    expect(status).toBe(200)
    expect(body).toMatch(/class="verify-banner verify-revoked"/)
    expect(body).toContain('This certificate has been revoked')
    expect(body).toContain('revoked it on 12/03/2025')
    expect(body).not.toContain('Issued in error') // the reason is the awarding body's, not the public's
  })

  it('says a superseded document was replaced, and links to the reissue', async () => {
    const { status, body } = await get(`/verify/${docs.superseded.verificationCode}`)
    expect(status).toBe(200)
    expect(body).toMatch(/class="verify-banner verify-superseded"/)
    expect(body).toContain('This certificate has been replaced')
    expect(body).toContain('30/06/2025')
    expect(body).toContain(`href="/verify/${docs.reissue.verificationCode}"`)
    expect(body).toContain(docs.reissue.reference)
    const reissue = await get(`/verify/${docs.reissue.verificationCode}`)
    expect(reissue.body).toContain('This certificate is valid')
  })

  it('carries the security headers of every other page, and is never cached or indexed', async () => {
    const [answer, healthz] = await Promise.all([get(`/verify/${docs.valid.verificationCode}`), get('/healthz')])
    for (const name of ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy', 'permissions-policy']) {
      expect(answer.headers.get(name), name).toMatch(/\S/)
      expect(answer.headers.get(name), name).toBe(healthz.headers.get(name))
    }
    // The same policy, but the page has no script, so none may run at all.
    const everyPage = healthz.headers.get('content-security-policy')!
    expect(everyPage).toMatch(/^script-src 'nonce-[^']+' 'strict-dynamic'[^;]*; /)
    expect(answer.headers.get('content-security-policy')).toBe(everyPage.replace(/^script-src [^;]+;/, "script-src 'none';"))
    expect(answer.body).not.toContain('<script')
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(answer.headers.get('x-robots-tag')).toBe('noindex')
  })

  it('serves its stylesheet, cached for good under a name that changes with it', async () => {
    const { body } = await get(`/verify/${docs.valid.verificationCode}`)
    const href = /<link rel="stylesheet" href="(\/verify\/style\.[0-9a-f]{12}\.css)">/.exec(body)?.[1]
    expect(href).toBeTruthy()
    const css = await get(href!)
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(css.headers.get('cache-control')).toContain('immutable')
    expect(css.body).toContain('.site-header')
    expect(css.body).toContain('.verify-banner')
  })
})

describe('the "show the document" switch', () => {
  it('off: no link, and the document address answers 404 like an unknown code', async () => {
    const page = await get(`/verify/${docs.valid.verificationCode}`)
    expect(page.body).not.toContain('/document"')
    const hidden = await get(`/verify/${docs.valid.verificationCode}/document`)
    const unknown = await get(`/verify/${'A'.repeat(27)}/document`)
    expect(hidden.status).toBe(404)
    expect(unknown.status).toBe(404)
    expect(hidden.body).toBe(unknown.body)
  })

  it('on: a link to the document, which is the real PDF', async () => {
    const page = await get(`/verify/${docs.published.verificationCode}`)
    expect(page.body).toContain(`href="/verify/${docs.published.verificationCode}/document"`)
    expect(page.body).toContain('View the document')
    const pdf = await get(`/verify/${docs.published.verificationCode}/document`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.headers.get('x-robots-tag')).toBe('noindex')
    expect(pdf.headers.get('cache-control')).toContain('no-store')
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // The public copy prints what the page shows, never the candidate number (a key to matching).
    const text = await flatText(pdf.bytes)
    expect(text).toContain(docs.published.reference)
    expect(text).toContain("Claire Elizabeth O'Hammond")
    expect(text).not.toContain('00777001')
    expect(text).not.toMatch(/candidate number/i)
  })

  it('on for a badge: the badge image', async () => {
    const page = await get(`/verify/${docs.badge.verificationCode}`)
    expect(page.body).toContain('View the badge')
    const png = await get(`/verify/${docs.badge.verificationCode}/document`)
    expect(png.status).toBe(200)
    expect(png.headers.get('content-type')).toBe('image/png')
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  })

  it('is live: switched off, the link and the document go at once', async () => {
    const code = docs.published.verificationCode
    await t.payload.update({ collection: 'documents', id: docs.published.id, data: { showOnVerify: false }, ...system })
    try {
      expect((await get(`/verify/${code}`)).body).not.toContain('View the document')
      expect((await get(`/verify/${code}/document`)).status).toBe(404)
    } finally {
      await t.payload.update({ collection: 'documents', id: docs.published.id, data: { showOnVerify: true }, ...system })
    }
  })
})

describe('codes that name nothing', () => {
  const wrong = 'Zz9' + 'x'.repeat(24) // well formed, names nothing
  const malformed = 'not a code!'
  const huge = 'A'.repeat(10_240)

  it('get the same 404 page whatever the reason, without the code in it', async () => {
    const answers = await Promise.all([wrong, encodeURIComponent(malformed), huge, 'short', `${docs.valid.verificationCode}x`].map((code) => get(`/verify/${code}`)))
    for (const answer of answers) {
      expect(answer.status).toBe(404)
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(answer.headers.get('cache-control')).toBe('no-store')
      expect(answer.body).toBe(answers[0]!.body)
    }
    expect(answers[0]!.body).toContain('No document found')
    expect(answers[0]!.body).not.toContain(wrong)
  })

  it('JSON: { "found": false } with 404, the same for every reason', async () => {
    for (const code of [wrong, encodeURIComponent(malformed), huge]) {
      const answer = await get(`/verify/${code}`, { json: true })
      expect(answer.status).toBe(404)
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(JSON.parse(answer.body)).toEqual({ found: false })
    }
  })
})

describe('the JSON form (Accept: application/json)', () => {
  const base = () => ({
    learner: { fullName: "Claire Elizabeth O'Hammond" },
    qualification: { title: 'Level 3 Diploma in <Engineering> & Design', number: '603/4182/8' },
    grade: 'Distinction',
  })

  it('valid', async () => {
    const answer = await get(`/verify/${docs.valid.verificationCode}`, { json: true })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(answer.headers.get('vary')).toContain('Accept')
    expect(JSON.parse(answer.body)).toEqual({ found: true, status: 'valid', document: { type: 'certificate', reference: docs.valid.reference, issueDate: '2024-07-01' }, ...base() })
  })

  it('revoked, with its date', async () => {
    const answer = JSON.parse((await get(`/verify/${docs.revoked.verificationCode}`, { json: true })).body)
    expect(answer).toEqual({
      found: true,
      status: 'revoked',
      statusDate: '2025-03-12',
      document: { type: 'certificate', reference: docs.revoked.reference, issueDate: '2024-07-01' },
      documentUrl: `${server.url}/verify/${docs.revoked.verificationCode}/document`,
      ...base(),
    })
  })

  it('superseded, pointing at the reissue', async () => {
    const answer = JSON.parse((await get(`/verify/${docs.superseded.verificationCode}`, { json: true })).body)
    expect(answer).toMatchObject({
      found: true,
      status: 'superseded',
      statusDate: '2025-06-30',
      supersededBy: { reference: docs.reissue.reference, verifyUrl: `${server.url}/verify/${docs.reissue.verificationCode}` },
    })
    expect(answer).not.toHaveProperty('documentUrl')
  })

  it('shown document: its address', async () => {
    const answer = JSON.parse((await get(`/verify/${docs.published.verificationCode}`, { json: true })).body)
    expect(answer).toMatchObject({ status: 'valid', document: { type: 'transcript' }, documentUrl: `${server.url}/verify/${docs.published.verificationCode}/document` })
  })
})

describe('throttling per address', () => {
  it(`answers 429 with Retry-After after ${VERIFY_LOOKUPS.freeFailures} misses, to every check from that address, found or not`, async () => {
    const guesser = freshAddress()
    for (let i = 0; i <= VERIFY_LOOKUPS.freeFailures; i++) {
      const miss = await get(`/verify/${i % 2 ? 'guess' : `G${String(i).padStart(26, '0')}`}`, { ip: guesser })
      expect(miss.status, `miss ${i + 1}`).toBe(404)
    }
    const blocked = await get(`/verify/${'Q'.repeat(27)}`, { ip: guesser })
    expect(blocked.status).toBe(429)
    const retryAfter = Number(blocked.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(VERIFY_LOOKUPS.baseDelayMs / 1000)

    // A blocked guesser learns nothing: a real code gets the same answer as a wrong one.
    const real = await get(`/verify/${docs.valid.verificationCode}`, { ip: guesser })
    expect(real.status).toBe(429)
    expect(real.body).toBe(blocked.body)
    expect(real.body).not.toContain('Claire')
    const realJson = await get(`/verify/${docs.valid.verificationCode}`, { ip: guesser, json: true })
    expect(realJson.status).toBe(429)
    expect(JSON.parse(realJson.body)).toMatchObject({ error: 'too-many-requests' })
    expect((await get(`/verify/${docs.published.verificationCode}/document`, { ip: guesser })).status).toBe(429)

    // Everyone else is unaffected.
    expect((await get(`/verify/${docs.valid.verificationCode}`)).status).toBe(200)
  })

  it('counts every one of many misses sent at once (the count is atomic)', async () => {
    const guesser = freshAddress()
    await Promise.all(Array.from({ length: 20 }, (_, i) => get(`/verify/${'B'.repeat(26)}${String.fromCharCode(65 + i)}`, { ip: guesser })))
    expect(Number((await rowsFor(guesser))[0]?.failures)).toBe(20)
  })

  it('writes nothing for codes that are found', async () => {
    const reader = freshAddress()
    for (let i = 0; i < 5; i++) expect((await get(`/verify/${docs.valid.verificationCode}`, { ip: reader })).status).toBe(200)
    expect(await rowsFor(reader)).toEqual([])
  })

  it('counts misses on the document address too', async () => {
    const guesser = freshAddress()
    await get(`/verify/${docs.valid.verificationCode}/document`, { ip: guesser })
    expect(Number((await rowsFor(guesser))[0]?.failures)).toBe(1)
  })
})

describe('the box to type a code into, and HTTP methods', () => {
  it('GET /verify shows the box; a typed code or a pasted address goes to its answer', async () => {
    const page = await get('/verify')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<form class="form verify-form" method="get" action="/verify"')
    expect(page.body).toMatch(/<label for="code">/)
    const code = docs.valid.verificationCode
    for (const typed of [code, ` ${code} `, `https://portal.example.org/verify/${code}`, `${server.url}/verify/${code}?from=qr`]) {
      const answer = await get(`/verify?code=${encodeURIComponent(typed)}`)
      expect(answer.status, typed).toBe(303)
      expect(answer.headers.get('location'), typed).toBe(`/verify/${code}`)
    }
    const empty = await get('/verify?code=+')
    expect(empty.status).toBe(200)
    expect(empty.body).toContain('Enter the verification code')
  })

  it('HEAD answers with the headers and no body', async () => {
    const found = await get(`/verify/${docs.valid.verificationCode}`, { method: 'HEAD' })
    expect(found.status).toBe(200)
    expect(Number(found.headers.get('content-length'))).toBeGreaterThan(500)
    expect(found.body).toBe('')
    const missing = await get(`/verify/${'H'.repeat(27)}`, { method: 'HEAD' })
    expect(missing.status).toBe(404)
    expect(missing.body).toBe('')
  })

  it('other methods get 405 with Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const answer = await get(`/verify/${docs.valid.verificationCode}`, { method })
      expect(answer.status).toBe(405)
      expect(answer.headers.get('allow')).toBe('GET, HEAD')
    }
  })
})
