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
const docs = {} as Record<'valid' | 'published' | 'revoked' | 'superseded' | 'reissue' | 'badge' | 'expired' | 'expiredRevoked' | 'expiresLater', Doc>

const PASSWORD = 'verify-fixture-password-123'
let learner: Doc

let nextAddress = 0
/** A client address of its own, so one test's misses never block another's. */
const freshAddress = () => `203.0.113.${++nextAddress}`

async function get(path: string, { ip = freshAddress(), json = false, method = 'GET', cookie }: { ip?: string; json?: boolean; method?: string; cookie?: string } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { 'x-forwarded-for': ip, accept: json ? 'application/json' : 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', ...(cookie ? { cookie } : {}) },
  })
  const bytes = Buffer.from(await response.arrayBuffer())
  return { status: response.status, headers: response.headers, body: bytes.toString('utf8'), bytes }
}

beforeAll(async () => {
  t = await startTestPayload()
  const create = async (collection: 'qualifications' | 'candidates' | 'achievements' | 'documents' | 'accounts', data: Record<string, unknown>) =>
    (await t.payload.create({ collection, data: data as never, disableVerificationEmail: true, ...system })) as unknown as Doc
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
  // A membership that ran out on 31/12/2018, and one that runs for a long time yet.
  const membership = await create('qualifications', { qualificationNumber: 'MEM-0001', title: 'Member of the Institute (MInst)', level: '5', type: 'membership' })
  const expiredAchievement = await create('achievements', { candidate: candidate.id, qualification: membership.id, grade: 'Member', issueDate: '2015-01-01T00:00:00.000Z', expiryDate: '2018-12-31T00:00:00.000Z' })
  const laterAchievement = await create('achievements', { candidate: candidate.id, qualification: membership.id, grade: 'Member', issueDate: '2025-01-01T00:00:00.000Z', expiryDate: '2999-12-31T00:00:00.000Z' })
  docs.expired = await create('documents', { achievement: expiredAchievement.id, type: 'certificate', showOnVerify: true })
  docs.expiredRevoked = await create('documents', { achievement: expiredAchievement.id, type: 'certificate' })
  await t.payload.update({ collection: 'documents', id: docs.expiredRevoked.id, data: { status: 'revoked', statusReason: 'x', statusChangedAt: '2017-03-01T00:00:00.000Z' }, ...system })
  docs.expiresLater = await create('documents', { achievement: laterAchievement.id, type: 'certificate' })
  learner = await create('accounts' as never, { email: 'claire@verify.test', password: PASSWORD, _verified: true, kind: 'learner', status: 'approved', firstName: 'Claire', lastName: "O'Hammond", candidate: candidate.id })
  await create('accounts' as never, { email: 'acme@verify.test', password: PASSWORD, _verified: true, kind: 'third-party', status: 'approved', firstName: 'Ada', lastName: 'Acme', companyName: 'Acme' })

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
    expect(page.body).toContain('<form class="form verify-form" id="code-form" method="get" action="/verify"')
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

/** The page without the minute it was checked at, which moves on while a test runs. */
const withoutClock = (body: string) => body.replace(/Checked on [^<]*\(UK time\)/, 'Checked on …')

describe('expired is its own answer', () => {
  it('HTML: an achievement that expired on 31/12/2018 is "expired", with the date, never the green "valid"; revoked still wins', async () => {
    const { status, body } = await get(`/verify/${docs.expired.verificationCode}`)
    expect(status).toBe(200)
    expect(body).toMatch(/class="verify-banner verify-expired"/)
    expect(body).toContain('<p class="verify-status">Expired</p><h1>This certificate has expired</h1>')
    expect(body).toContain('the qualification expired on 31/12/2018')
    expect(body).not.toContain('verify-valid')
    expect(body).not.toContain('is valid')
    expect(body).toContain('<title>Expired certificate ')
    // Revoked says more than expired; an expiry date still to come is valid.
    const revoked = await get(`/verify/${docs.expiredRevoked.verificationCode}`)
    expect(revoked.body).toMatch(/class="verify-banner verify-revoked"/)
    expect(revoked.body).toContain('revoked it on 01/03/2017')
    const later = await get(`/verify/${docs.expiresLater.verificationCode}`)
    expect(later.body).toMatch(/class="verify-banner verify-valid"/)
    expect(later.body).toContain('31/12/2999')
  })

  it('JSON: status "expired" with the expiry date as statusDate, the rest as before', async () => {
    const answer = await get(`/verify/${docs.expired.verificationCode}`, { json: true })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({
      found: true,
      status: 'expired',
      statusDate: '2018-12-31',
      document: { type: 'certificate', reference: docs.expired.reference, issueDate: '2015-01-01' },
      learner: { fullName: "Claire Elizabeth O'Hammond" },
      qualification: { title: 'Member of the Institute (MInst)', number: 'MEM-0001', expiryDate: '2018-12-31' },
      grade: 'Member',
      documentUrl: `${server.url}/verify/${docs.expired.verificationCode}/document`,
    })
  })

  it('the PDF shown on the verification page is stamped EXPIRED, with the date', async () => {
    const pdf = await get(`/verify/${docs.expired.verificationCode}/document`)
    expect(pdf.status).toBe(200)
    const text = await flatText(pdf.bytes)
    expect(text).toContain('This award EXPIRED on 31/12/2018 and is no longer valid.')
    expect(text).toContain(docs.expired.reference)
  })
})

const byReference = (reference: string, surname: string | null) =>
  `/verify?reference=${encodeURIComponent(reference)}${surname === null ? '' : `&surname=${encodeURIComponent(surname)}`}`

describe('checking by the printed reference and the holder\'s surname', () => {
  it('both right: exactly the answer for the verification code, HTML and JSON, however the surname is typed', async () => {
    const viaCode = await get(`/verify/${docs.valid.verificationCode}`)
    const viaCodeJson = await get(`/verify/${docs.valid.verificationCode}`, { json: true })
    for (const [reference, surname] of [
      [docs.valid.reference, "O'Hammond"],
      [` ${docs.valid.reference.toLowerCase()} `, ' o’hammond '],
      [docs.valid.reference, 'OHAMMOND'],
      [docs.valid.reference.replace(/-/g, ' - '), 'o hammond'],
    ] as const) {
      const html = await get(byReference(reference, surname))
      expect(html.status, `${reference} ${surname}`).toBe(200)
      expect(withoutClock(html.body)).toBe(withoutClock(viaCode.body))
      const json = await get(byReference(reference, surname), { json: true })
      expect(json.status).toBe(200)
      expect(json.body).toBe(viaCodeJson.body)
    }
  })

  it('a superseded reference points at the reissue, an expired one says expired', async () => {
    expect((await get(byReference(docs.superseded.reference, "O'Hammond"))).body).toContain(`href="/verify/${docs.reissue.verificationCode}"`)
    expect(JSON.parse((await get(byReference(docs.expired.reference, 'ohammond'), { json: true })).body)).toMatchObject({ status: 'expired', statusDate: '2018-12-31' })
  })

  it('a wrong surname and an unknown reference get the same 404, byte for byte, HTML and JSON, and each counts as a miss', async () => {
    const ip = freshAddress()
    const unknownReference = '99999999-99-ZZZZ'
    const wrongSurname = await get(byReference(docs.valid.reference, 'Hammond'), { ip })
    const noSuchReference = await get(byReference(unknownReference, 'Hammond'), { ip })
    expect(wrongSurname.status).toBe(404)
    expect(noSuchReference.status).toBe(404)
    expect(wrongSurname.body.replace(docs.valid.reference, unknownReference)).toBe(noSuchReference.body)
    expect(wrongSurname.body).toContain('No document has this reference with this surname.')
    expect(wrongSurname.body).not.toContain('Claire')
    const answers = await Promise.all([
      get(byReference(docs.valid.reference, 'Hammond'), { ip, json: true }),
      get(byReference(unknownReference, 'Hammond'), { ip, json: true }),
      get(byReference(docs.valid.reference, null), { ip, json: true }), // the reference alone
      get(byReference(docs.valid.reference, ''), { ip, json: true }),
      get(byReference('not a reference', "O'Hammond"), { ip, json: true }),
    ])
    for (const answer of answers) {
      expect(answer.status).toBe(404)
      expect(JSON.parse(answer.body)).toEqual({ found: false })
    }
    expect(Number((await rowsFor(ip))[0]?.failures)).toBe(7)
  })

  it('the whole surname is needed: half of a double-barrelled one, or the first name, finds nothing', async () => {
    for (const surname of ['Hammond', 'Claire', 'Claire Elizabeth OHammond', "'"])
      expect((await get(byReference(docs.valid.reference, surname), { json: true })).status, surname).toBe(404)
  })

  it('a wrong surname takes as long as an unknown reference (medians of interleaved checks)', async () => {
    const times: Record<'wrongSurname' | 'unknown', number[]> = { wrongSurname: [], unknown: [] }
    for (let i = 0; i < 20; i++) {
      const ip = freshAddress()
      for (const [name, path] of [['wrongSurname', byReference(docs.valid.reference, 'Hammond')], ['unknown', byReference(`9999${String(i).padStart(4, '0')}-01-ZZZZ`, 'Hammond')]] as const) {
        const started = performance.now()
        expect((await get(path, { ip })).status).toBe(404)
        times[name].push(performance.now() - started)
      }
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    expect(Math.abs(median(times.wrongSurname) - median(times.unknown))).toBeLessThan(5)
  })

  it('the throttle counts reference misses: after too many, 429 for every check from there, a right pair included', async () => {
    const guesser = freshAddress()
    for (let i = 0; i <= VERIFY_LOOKUPS.freeFailures; i++) expect((await get(byReference(docs.valid.reference, `Guess${i}`), { ip: guesser })).status).toBe(404)
    const blocked = await get(byReference(docs.valid.reference, "O'Hammond"), { ip: guesser })
    expect(blocked.status).toBe(429)
    expect(blocked.body).not.toContain('Claire')
    expect((await get(`/verify/${docs.valid.verificationCode}`, { ip: guesser })).status).toBe(429)
    expect((await get(byReference(docs.valid.reference, "O'Hammond"))).status).toBe(200)
  })

  it('the form: both fields labelled on /verify; an empty or malformed field is pointed out before anything is looked up', async () => {
    const form = await get('/verify')
    expect(form.body).toContain('<form class="form verify-form" id="reference-form" method="get" action="/verify"')
    expect(form.body).toContain('<label for="reference">Reference</label>')
    expect(form.body).toContain('<label for="surname">Surname of the holder</label>')
    const ip = freshAddress()
    const missingSurname = await get(byReference(docs.valid.reference, ''), { ip })
    expect(missingSurname.status).toBe(200)
    expect(missingSurname.body).toContain('<a href="#surname">Enter the surname of the person named on the document</a>')
    expect(missingSurname.body).toContain(`value="${docs.valid.reference}"`)
    expect(missingSurname.body).not.toContain('Claire')
    const malformed = await get(byReference('5711671-1-MHHN', 'Smith'), { ip })
    expect(malformed.body).toContain('<a href="#reference">Enter the reference as it is printed, for example 57116714-01-MHHN</a>')
    const both = await get(byReference('', ''), { ip })
    expect(both.body).toContain('<a href="#reference">Enter the reference printed on the document</a>')
    expect(both.body).toContain('<a href="#surname">')
    expect(await rowsFor(ip)).toEqual([])
  })
})

describe('the header of the verification pages', () => {
  const signIn = async (email: string) => {
    const response = await fetch(`${server.url}/api/accounts/login`, {
      method: 'POST',
      body: JSON.stringify({ email, password: PASSWORD }),
      headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': freshAddress() },
    })
    expect(response.status).toBe(200)
    return /payload-token=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0]
  }
  const nav = (body: string) => /<nav aria-label="Main" class="nav-wide">(.*?)<\/nav>/s.exec(body)![1]!
  const storeBar = (body: string) => /<nav aria-label="Store" class="store-bar">(.*?)<\/nav>/s.exec(body)?.[1] ?? null
  const hrefs = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]+)"|<form method="post" action="([^"]+)"/g)].map((m) => m[1] ?? `POST ${m[2]}`)
  const links = (body: string) => hrefs(nav(body))

  it('signed in as a learner: the portal header\'s navigation (dashboard, documents, profile, store, orders, basket, sign out)', async () => {
    const cookie = await signIn('claire@verify.test')
    for (const path of ['/verify', `/verify/${docs.valid.verificationCode}`, `/verify/${'N'.repeat(27)}`]) {
      const { body } = await get(path, { cookie })
      expect(links(body), path).toEqual(['/help', '/help/faq', '/help/contact-support', '/dashboard', '/documents', '/connections', '/profile', '/store', '/orders', '/basket', 'POST /verify/sign-out'])
      // On a phone the store's links sit in a bar of their own, one tap away.
      expect(hrefs(storeBar(body) ?? ''), path).toEqual(['/store', '/orders', '/basket'])
    }
  })

  it('signed in as a third party: no documents or basket; signed out, or with a made-up cookie: "Sign in"', async () => {
    const cookie = await signIn('acme@verify.test')
    const { body } = await get('/verify', { cookie })
    expect(links(body)).toEqual(['/help', '/help/faq', '/help/contact-support', '/dashboard', '/connections', '/profile', 'POST /verify/sign-out'])
    expect(storeBar(body)).toBeNull()
    const signedOut = ['/help', '/help/faq', '/help/contact-support', '/sign-in']
    expect(links((await get('/verify')).body)).toEqual(signedOut)
    const forged = `payload-token=x.${Buffer.from(JSON.stringify({ collection: 'accounts', id: learner.id, sid: 'made-up' })).toString('base64url')}.y`
    expect(links((await get('/verify', { cookie: forged })).body)).toEqual(signedOut)
  })

  it('"Sign out" ends the session and goes home; the header then offers "Sign in"', async () => {
    const cookie = await signIn('claire@verify.test')
    const response = await fetch(`${server.url}/verify/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.url } })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/')
    expect(response.headers.get('set-cookie')).toMatch(/^payload-token=; Expires=/)
    expect(links((await get('/verify', { cookie })).body)).toEqual(['/help', '/help/faq', '/help/contact-support', '/sign-in'])
  })
})
