import { readdirSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import { createLocalReq, type Payload } from 'payload'
import { PNG } from 'pngjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { payloadPool } from '../../src/collections/sql'
import { formatAccessUntil, formatUkDate, londonCalendarDate } from '../../src/lib/dates'
import { brandAssetsDir } from '../../src/lib/storage'
import { reissueDocument, revokeDocument } from '../../src/plugins/issuing'
import { sessionUser, signOutAccount, VERIFICATION_LINK_HOURS } from '../../src/plugins/registration'
import { correctSupersededDemoPages } from '../../src/seed/correctPages'
import { DEMO_PAGES, SUPERSEDED_DEMO_TEXT } from '../../src/seed/pages'
import { richText } from '../../src/seed/richText'
import { PASSWORD, userFor, type Fixtures } from '../helpers/fixtures'
import { formsIn, hiddenFields, labelsIn, submitForm } from '../helpers/forms'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'
import { flatText, pdfImages, renderPage } from '../helpers/pdf'
import { signIn, startServer, type RunningServer } from '../helpers/server'

/**
 * The portal's pages as the server renders them for each kind of signed-in account, read as
 * HTML (no browser): what a learner sees of their documents, what someone who cannot see any
 * is told, the registration screens' labels, and the document files' access.
 */
let t: TestPayloadWithFixtures
let payload: Payload
let f: Fixtures
let server: RunningServer
const system = { overrideAccess: true, depth: 0 } as const
const cookies: Record<string, string> = {}
const records = {} as {
  older: { achievement: number; revoked: { id: number; reference: string } }
  newer: { achievement: number; superseded: { id: number; reference: string }; reissue: { id: number; reference: string } }
  badge: { id: number; reference: string }
}
const WAITING = { 'awaiting-review': 'waiting@fixture.test', 'information-requested': 'asked@fixture.test', rejected: 'rejected@fixture.test', suspended: 'suspended@fixture.test' } as const

beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
  payload = t.payload
  f = t.fixtures
  const create = async (collection: 'achievements' | 'documents', data: Record<string, unknown>) => (await payload.create({ collection, data: data as never, ...system })) as unknown as { id: number; reference: string }
  const support = await createLocalReq({ user: (await userFor(payload, f, 'support')) as never }, payload)
  // Learner A's record: the fixture's achievement of 2024, one of 2025 made before one of 2021.
  const newer = await create('achievements', { candidate: f.a.candidate.id, qualification: f.qualification.id, grade: 'Distinction', issueDate: '2025-03-01T00:00:00.000Z' })
  const older = await create('achievements', { candidate: f.a.candidate.id, qualification: f.qualification.id, grade: 'Merit', issueDate: '2021-05-01T00:00:00.000Z' })
  const toRevoke = await create('documents', { achievement: older.id, type: 'certificate' })
  await revokeDocument(support, String(toRevoke.id), 'Issued in error')
  const toReissue = await create('documents', { achievement: newer.id, type: 'certificate' })
  const reissue = await reissueDocument(support, String(toReissue.id), 'Name corrected')
  records.older = { achievement: older.id, revoked: toRevoke }
  records.newer = { achievement: newer.id, superseded: toReissue, reissue: { id: reissue.id, reference: reissue.reference! } }
  records.badge = await create('documents', { achievement: f.a.achievement.id, type: 'badge' })
  // Learners whose documents are not theirs to see yet: no record linked.
  // A suspended one keeps its link: the collections refuse it all the same.
  const suspendedRecord = await payload.create({ collection: 'candidates', data: { candidateNumber: 'SUSP1', firstName: 'Wait', surname: 'Ing', dateOfBirth: '1990-01-01T00:00:00.000Z' }, ...system })
  for (const [status, email] of Object.entries(WAITING))
    await payload.create({
      collection: 'accounts',
      data: { email, password: PASSWORD, _verified: true, kind: 'learner', status, firstName: 'Wait', lastName: 'Ing', ...(status === 'suspended' ? { candidate: suspendedRecord.id } : {}) } as never,
      disableVerificationEmail: true,
      ...system,
    })

  // The help pages the demo seed publishes, as a new user reads them.
  for (const helpPage of DEMO_PAGES) await payload.create({ collection: 'pages', data: { ...helpPage, _status: 'published' } as never, ...system })

  // Next runs the server's pages in development mode, whose default folder for brand images is not this test's.
  server = await startServer({ DATABASE_URL: t.databaseUrl, BRAND_ASSETS_DIR: brandAssetsDir() })
  for (const [name, email] of [['learner', 'learner-a@fixture.test'], ['learnerB', 'learner-b@fixture.test'], ['thirdParty', 'third@fixture.test'], ...Object.entries(WAITING)])
    cookies[name!] = await signIn(server.url, 'accounts', email!, PASSWORD)
  // Development mode compiles each route on its first request: do it here, not in the tests' time.
  for (const route of ['/register', '/register/third-party', '/dashboard', '/documents', `/documents/${f.a.document.id}/pdf`, `/documents/${records.badge.id}/badge`, '/sign-in', '/nope', '/help/faq', '/profile', '/profile/addresses', '/profile/delete', `/documents/${f.a.document.id}/report`, '/enquiries', `/enquiries/${f.a.enquiry.id}`, '/register/check-email'])
    await fetch(`${server.url}${route}`, { headers: { 'Sec-Fetch-Site': 'same-origin', Cookie: cookies.learner! } })
}, 600_000)

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(`Server output before the failure:\n${server.output().slice(-4000)}`)
})

afterAll(async () => {
  await server?.stop()
  await t?.close()
})

const get = async (path: string, cookie?: string) => {
  // As a browser navigates within the site: Payload takes the session cookie of a request without an Origin only when it says so.
  const response = await fetch(new URL(path, server.url), { redirect: 'manual', headers: { 'Sec-Fetch-Site': 'same-origin', ...(cookie ? { Cookie: cookie } : {}) } })
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    location: response.headers.get('location'),
    /** `kept` when the file came from the rendered documents, `rendered` when rendered for this request. */
    rendering: /desc="(\w+)"/.exec(response.headers.get('server-timing') ?? '')?.[1],
    body: Buffer.from(await response.arrayBuffer()),
  }
}
const page = async (path: string, cookie?: string) => (await get(path, cookie)).body.toString('utf8')
/** What the page says, as a reader hears it: its text, markup and React's comment markers gone. */
const textOf = (html: string) =>
  (/<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? html)
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

describe('the documents page, as the learner', () => {
  it('lists the achievements newest first, and marks the revoked and the superseded documents', async () => {
    const html = await page('/documents', cookies.learner)
    const achievements = [...html.matchAll(/<h2 id="achievement-(\d+)"/g)].map((match) => Number(match[1]))
    expect(achievements).toEqual([records.newer.achievement, f.a.achievement.id, records.older.achievement])

    const cards = new Map(
      [...html.matchAll(/<li class="document-card status-(\w+)">([\s\S]*?)<\/li>/g)].map((match) => {
        const text = textOf(match[2]!)
        return [/Reference (\S+)/.exec(text)![1]!, { status: match[1], text }]
      }),
    )
    const today = formatUkDate(londonCalendarDate(new Date()))
    expect([...cards.keys()].sort()).toEqual([f.a.document.reference, records.badge.reference, records.older.revoked.reference, records.newer.superseded.reference, records.newer.reissue.reference].sort())
    expect(cards.get(records.older.revoked.reference)).toMatchObject({ status: 'revoked', text: expect.stringContaining(`Revoked This document was revoked on ${today}. It is no longer valid.`) })
    expect(cards.get(records.newer.superseded.reference)).toMatchObject({
      status: 'superseded',
      text: expect.stringContaining(`Superseded by a reissue This document has been replaced by a reissued one (${today}). Use the new document.`),
    })
    for (const valid of [records.newer.reissue.reference, f.a.document.reference]) {
      expect(cards.get(valid)?.status, valid).toBe('valid')
      expect(cards.get(valid)?.text, valid).not.toMatch(/revoked|replaced/)
    }
    // Only a valid document offers its "show on the verification page" switch.
    expect(cards.get(records.older.revoked.reference)?.text).not.toContain('on the verification page')
    expect(cards.get(f.a.document.reference)?.text).toContain('Show the document on the verification page')
  })
})

describe('the document files obey the documents’ access', () => {
  it('the badge route serves the badge to its learner only: another learner and a third party get 404', async () => {
    const badgePath = `/documents/${records.badge.id}/badge`
    const own = await get(badgePath, cookies.learner)
    expect(own).toMatchObject({ status: 200, type: 'image/png' })
    expect(own.body.subarray(1, 4).toString('latin1')).toBe('PNG')
    const missing = await get('/documents/99999999/badge', cookies.learner)
    expect(missing.status).toBe(404)
    for (const [who, cookie] of [['learner B', cookies.learnerB], ['third party', cookies.thirdParty]] as const) {
      const answer = await get(badgePath, cookie)
      expect(answer.status, who).toBe(404)
      expect(answer.body.toString(), who).toBe(missing.body.toString())
    }
    // A badge is no PDF, and a certificate no badge.
    expect((await get(`/documents/${records.badge.id}/pdf`, cookies.learner)).status).toBe(404)
    expect((await get(`/documents/${f.a.document.id}/badge`, cookies.learner)).status).toBe(404)
  })

  it('prints the branding staff set in site settings: signatory, awarding body, main colour and logo', async () => {
    const pdfPath = `/documents/${f.a.document.id}/pdf`
    const before = (await get(pdfPath, cookies.learner)).body
    await payload.updateGlobal({
      slug: 'site-settings',
      data: { awardingBodyName: 'Northern Awards Board', branding: { primaryColour: '#c0137a', signatoryName: 'Dr Imogen Quayle', signatoryTitle: 'Chief Examiner', logo: f.brandAsset.id } },
      ...system,
    })
    const after = await get(pdfPath, cookies.learner)
    expect(after.type).toBe('application/pdf')
    expect(flatText(before)).not.toContain('Imogen Quayle')
    const text = flatText(after.body)
    for (const printed of ['Dr Imogen Quayle', 'Chief Examiner', 'For and on behalf of Northern Awards Board']) expect(text).toContain(printed)
    expect(pixelsOfColour(renderPage(before, { dpi: 50 }), [0xc0, 0x13, 0x7a])).toBe(0)
    expect(pixelsOfColour(renderPage(after.body, { dpi: 50 }), [0xc0, 0x13, 0x7a])).toBeGreaterThan(50)
    expect(pdfImages(after.body)).toHaveLength(pdfImages(before).length + 1)
  })

  it('a third party’s copy says whose it is, shared with whom and until when; the learner’s own copy does not, and the line goes with the access', async () => {
    const accessUntil = new Date(Date.now() + 20 * 86_400_000)
    const shared = await payload.create({
      collection: 'connections',
      data: { learner: f.a.account.id, thirdParty: f.thirdParty.id, thirdPartyName: 'Riley Admissions', thirdPartyCompany: 'Fixture University', thirdPartyEmail: 'third@fixture.test', initiatedBy: 'learner', status: 'active', accessUntil: accessUntil.toISOString(), documents: [f.a.document.id] } as never,
      ...system,
    })
    const pdfPath = `/documents/${f.a.document.id}/pdf`
    try {
      const copy = await get(pdfPath, cookies.thirdParty)
      expect(copy.type).toBe('application/pdf')
      const learner = await payload.findByID({ collection: 'accounts', id: f.a.account.id, ...system })
      const text = flatText(copy.body)
      expect(text).toContain(`Shared with Fixture University by ${learner.firstName} ${learner.lastName} · access until ${formatAccessUntil(accessUntil)} · check it live at`)
      expect(text.replace(/\s/g, '')).toContain(`/verify/${f.a.document.verificationCode}`)
      expect(flatText((await get(pdfPath, cookies.learner)).body)).not.toContain('Shared with')
      await payloadPool(payload).query(`update connections set access_until = now() - interval '1 millisecond' where id = $1`, [shared.id])
      expect((await get(pdfPath, cookies.thirdParty)).status).toBe(404)
    } finally {
      await payload.delete({ collection: 'connections', id: shared.id, ...system })
    }
  })
})

describe('a document file is rendered once per version of what it prints', { timeout: 240_000 }, () => {
  it('the second download is the kept file; five downloads at once of a new one render it once', async () => {
    const achievement = await payload.create({ collection: 'achievements', data: { candidate: f.a.candidate.id, qualification: f.qualification.id, grade: 'Pass', issueDate: '2023-02-01T00:00:00.000Z' }, ...system })
    const [first, second] = await Promise.all(['certificate', 'transcript'].map((type) => payload.create({ collection: 'documents', data: { achievement: achievement.id, type } as never, ...system })))
    const once = await get(`/documents/${first!.id}/pdf`, cookies.learner)
    const again = await get(`/documents/${first!.id}/pdf`, cookies.learner)
    expect([once.rendering, again.rendering]).toEqual(['rendered', 'kept'])
    expect(again.body.equals(once.body)).toBe(true)

    const together = await Promise.all(Array.from({ length: 5 }, () => get(`/documents/${second!.id}/pdf`, cookies.learner)))
    expect(together.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200])
    expect(together.filter((answer) => answer.rendering === 'rendered')).toHaveLength(1)
    for (const answer of together) expect(answer.body.equals(together[0]!.body)).toBe(true)
  })

  it('a change to anything printed renders afresh: grade, expiry, holder’s name, revocation, branding, and the shared-view line', async () => {
    const achievement = await payload.create({ collection: 'achievements', data: { candidate: f.a.candidate.id, qualification: f.qualification.id, grade: 'Merit', issueDate: '2022-09-01T00:00:00.000Z' }, ...system })
    const document = await payload.create({ collection: 'documents', data: { achievement: achievement.id, type: 'certificate' } as never, ...system })
    const pdfPath = `/documents/${document.id}/pdf`
    /** The next download as `cookie`: rendered for it, and saying `printed`; the one after is the kept file. */
    const printsAfresh = async (printed: string, cookie = cookies.learner) => {
      const answer = await get(pdfPath, cookie)
      expect(answer.rendering, printed).toBe('rendered')
      expect(flatText(answer.body)).toContain(printed)
      const next = await get(pdfPath, cookie)
      expect([next.rendering, next.body.equals(answer.body)], printed).toEqual(['kept', true])
    }
    const candidate = await payload.findByID({ collection: 'candidates', id: f.a.candidate.id, ...system })
    const settings = await payload.findGlobal({ slug: 'site-settings', ...system })
    await printsAfresh('Merit')
    try {
      await payload.update({ collection: 'achievements', id: achievement.id, data: { grade: 'Distinction' }, ...system })
      await printsAfresh('Distinction')
      await payload.update({ collection: 'achievements', id: achievement.id, data: { expiryDate: '2030-01-31T00:00:00.000Z' }, ...system })
      await printsAfresh('31/01/2030')
      await payload.update({ collection: 'candidates', id: candidate.id, data: { surname: 'Renamed-Holder' }, ...system })
      await printsAfresh('Renamed-Holder')
      await payload.updateGlobal({ slug: 'site-settings', data: { awardingBodyName: 'Western Awards Council' }, ...system })
      await printsAfresh('Western Awards Council')

      const accessUntil = new Date(Date.now() + 10 * 86_400_000)
      const shared = await payload.create({
        collection: 'connections',
        data: { learner: f.a.account.id, thirdParty: f.thirdParty.id, thirdPartyName: 'Riley Admissions', thirdPartyCompany: 'Fixture University', thirdPartyEmail: 'third@fixture.test', initiatedBy: 'learner', status: 'active', accessUntil: accessUntil.toISOString(), documents: [document.id] } as never,
        ...system,
      })
      try {
        await printsAfresh(`access until ${formatAccessUntil(accessUntil)}`, cookies.thirdParty)
        const later = new Date(accessUntil.getTime() + 5 * 86_400_000)
        await payloadPool(payload).query('update connections set access_until = $2 where id = $1', [shared.id, later])
        await printsAfresh(`access until ${formatAccessUntil(later)}`, cookies.thirdParty)
      } finally {
        await payload.delete({ collection: 'connections', id: shared.id, ...system })
      }

      const support = await createLocalReq({ user: (await userFor(payload, f, 'support')) as never }, payload)
      await revokeDocument(support, String(document.id), 'Issued in error')
      await printsAfresh('REVOKED')
    } finally {
      await payload.update({ collection: 'candidates', id: candidate.id, data: { surname: candidate.surname }, ...system })
      await payload.updateGlobal({ slug: 'site-settings', data: { awardingBodyName: settings.awardingBodyName }, ...system })
    }
  })
})

describe('the statements a signed-in page sends', { timeout: 240_000 }, () => {
  /** The server's log line for the next request to `path`: how many SQL statements it sent, and how many it had sent already. */
  const statementsOf = async (path: string, cookie: string) => {
    const line = new RegExp(`GET ${path.replace(/[/?]/g, '\\$&')} 200 \\d+ms (\\d+) statements, (\\d+) repeated`, 'g')
    const before = [...server.output().matchAll(line)].length
    expect((await get(path, cookie)).status, path).toBe(200)
    await expect.poll(() => [...server.output().matchAll(line)].length).toBe(before + 1)
    const [, statements, repeated] = [...server.output().matchAll(line)].at(-1)!
    return { statements: Number(statements), repeated: Number(repeated) }
  }

  it('are as many for a learner with many documents as for one with one, and none is sent twice', async () => {
    const candidate = await payload.create({ collection: 'candidates', data: { candidateNumber: 'MANY1', firstName: 'Many', surname: 'Records', dateOfBirth: '1991-01-01T00:00:00.000Z' }, ...system })
    const addAchievement = async (year: number) => {
      const achievement = await payload.create({ collection: 'achievements', data: { candidate: candidate.id, qualification: f.qualification.id, grade: 'Pass', issueDate: `${year}-06-01T00:00:00.000Z` }, ...system })
      for (const type of ['certificate', 'transcript']) await payload.create({ collection: 'documents', data: { achievement: achievement.id, type } as never, ...system })
    }
    await addAchievement(2019)
    await payload.create({
      collection: 'accounts',
      data: { email: 'many@fixture.test', password: PASSWORD, _verified: true, kind: 'learner', status: 'approved', firstName: 'Many', lastName: 'Records', candidate: candidate.id } as never,
      disableVerificationEmail: true,
      ...system,
    })
    const cookie = await signIn(server.url, 'accounts', 'many@fixture.test', PASSWORD)
    const pages = ['/dashboard', '/documents', '/store', '/orders', '/connections', '/basket', '/profile']
    const withOne: Record<string, unknown> = {}
    for (const path of pages) withOne[path] = await statementsOf(path, cookie)
    for (const year of [2020, 2021, 2022, 2023, 2024]) await addAchievement(year)
    const withSix: Record<string, unknown> = {}
    for (const path of pages) withSix[path] = await statementsOf(path, cookie)
    console.log('Statements per page, one achievement and six:', JSON.stringify(withOne), JSON.stringify(withSix))
    expect(withSix).toEqual(withOne)
    for (const path of pages) expect(withSix[path], path).toMatchObject({ repeated: 0 })
  })
})

describe('a signed-out visitor who opens a page or document link is sent to sign in, and brought back', { timeout: 240_000 }, () => {
  const signInTo = (path: string) => `/sign-in?next=${encodeURIComponent(path)}`

  it('document files, bookmarked pages and an ended session all go to the sign-in page, which remembers where they were going', async () => {
    const pdf = `/documents/${f.a.document.id}/pdf`
    const badge = `/documents/${records.badge.id}/badge`
    for (const path of [pdf, badge]) expect(await get(path), path).toMatchObject({ status: 303, location: signInTo(path) })
    // The data download and the photo upload bring them back to the page they were on.
    expect(await get('/profile/export')).toMatchObject({ status: 303, location: signInTo('/profile/delete') })
    const upload = await fetch(`${server.url}/profile/photo/upload`, { method: 'POST', redirect: 'manual', headers: { origin: server.url }, body: new FormData() })
    expect({ status: upload.status, location: upload.headers.get('location') }).toEqual({ status: 303, location: signInTo('/profile/photo') })
    for (const path of ['/documents', `/documents/${f.a.document.id}/report`, '/profile', '/profile/addresses', `/enquiries/${f.a.enquiry.id}`, '/enquiries']) {
      const answer = await get(path)
      expect(answer.status, path).toBe(307)
      expect(answer.location, path).toBe(signInTo(path))
    }

    // A session that has ended (signed out elsewhere, or expired) is no session.
    const ended = await signIn(server.url, 'accounts', 'learner-a@fixture.test', PASSWORD)
    const { user } = await payload.auth({ headers: new Headers({ Cookie: ended, 'Sec-Fetch-Site': 'same-origin' }) })
    expect(await signOutAccount(payload, user as never)).toBe(true)
    expect(await get(pdf, ended)).toMatchObject({ status: 303, location: signInTo(pdf) })
    expect(await get('/documents', ended)).toMatchObject({ status: 307, location: signInTo('/documents') })

    const html = await page(signInTo(pdf))
    expect(textOf(html)).toContain('Sign in to see that page.')
    const form = formsIn(html).find((candidate) => candidate.body.includes('name="password"'))!
    expect(hiddenFields(form.body)).toContainEqual(['next', pdf])
  })

  it('after signing in, the visitor is back where they were going; a return address off this site is ignored', async () => {
    const pdf = `/documents/${f.a.document.id}/pdf`
    const form = formsIn(await page(signInTo(pdf))).find((candidate) => candidate.body.includes('name="password"'))!
    const answer = await submitForm(`${server.url}${signInTo(pdf)}`, form.body, { email: 'learner-a@fixture.test', password: PASSWORD })
    expect(answer.status).toBe(303)
    expect(answer.headers.get('location')).toBe(pdf)
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('payload-token='))!.split(';')[0]!
    expect(await get(pdf, cookie)).toMatchObject({ status: 200, type: 'application/pdf' })

    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/%2F%2Fevil.example', '%2F%2Fevil.example']) {
      const sent = await submitForm(`${server.url}/sign-in`, form.body, { email: 'learner-a@fixture.test', password: PASSWORD, next })
      expect(sent.status, next).toBe(303)
      expect(sent.headers.get('location'), next).toBe('/dashboard')
      // Nor does the sign-in page carry it on.
      const shown = formsIn(await page(`/sign-in?next=${encodeURIComponent(next)}`)).find((candidate) => candidate.body.includes('name="password"'))!
      expect(hiddenFields(shown.body).filter(([name]) => name === 'next'), next).toEqual([])
    }
  })
})

describe('the session check of every portal page and file: Payload’s own, without the permissions', { timeout: 240_000 }, () => {
  /** The lean check's answer for these request headers: nobody where Payload's auth finds nobody, else the same person with the same values. */
  const sameAsPayloadAuth = async (cookie: string, more: Record<string, string> = { 'Sec-Fetch-Site': 'same-origin' }) => {
    const headers = new Headers({ Cookie: cookie, ...more })
    const lean = (await sessionUser(payload, headers)) as Record<string, unknown> | null
    const full = (await payload.auth({ headers })).user as Record<string, unknown> | null
    expect(lean?.id ?? null).toBe(full?.id ?? null)
    if (lean && full) for (const [field, value] of Object.entries(lean)) expect(value ?? null, field).toEqual(full[field] ?? null)
    return lean
  }

  it('takes a cookie only as Payload does: not from another site’s page, not for an unconfirmed address; a staff session is Payload’s own', async () => {
    const cookie = cookies.learner!
    expect((await sameAsPayloadAuth(cookie))?.email).toBe('learner-a@fixture.test')
    expect(await sameAsPayloadAuth(cookie, { 'Sec-Fetch-Site': 'cross-site' })).toBeNull()
    expect(await sameAsPayloadAuth(cookie, {})).toBeNull()
    expect(await sameAsPayloadAuth(cookie, { Origin: 'https://elsewhere.example' })).toBeNull()
    expect((await sameAsPayloadAuth(cookie, { Origin: payload.config.csrf[0]! }))?.email).toBe('learner-a@fixture.test')

    const account = await payload.create({
      collection: 'accounts',
      data: { email: 'unconfirmed-lean@fixture.test', password: PASSWORD, _verified: true, kind: 'third-party', status: 'approved', firstName: 'Not', lastName: 'Yet', companyName: 'Lean Ltd' } as never,
      disableVerificationEmail: true,
      ...system,
    })
    const unconfirmed = await signIn(server.url, 'accounts', 'unconfirmed-lean@fixture.test', PASSWORD)
    expect((await sameAsPayloadAuth(unconfirmed))?.companyName).toBe('Lean Ltd')
    await payloadPool(payload).query('update accounts set _verified = false where id = $1', [account.id])
    expect(await sameAsPayloadAuth(unconfirmed)).toBeNull()

    const staff = await signIn(server.url, 'staff', 'support@fixture.test', PASSWORD)
    expect((await sameAsPayloadAuth(staff))?.collection).toBe('staff')
  })

  it('a suspended account is refused at once on its open session, a signed-out cookie and a forged one are nobody', async () => {
    const candidate = await payload.create({ collection: 'candidates', data: { candidateNumber: 'LEAN1', firstName: 'Lean', surname: 'Path', dateOfBirth: '1990-01-01T00:00:00.000Z' }, ...system })
    const achievement = await payload.create({ collection: 'achievements', data: { candidate: candidate.id, qualification: f.qualification.id, grade: 'Pass', issueDate: '2024-01-01T00:00:00.000Z' }, ...system })
    const document = await payload.create({ collection: 'documents', data: { achievement: achievement.id, type: 'certificate' } as never, ...system })
    const account = await payload.create({
      collection: 'accounts',
      data: { email: 'lean@fixture.test', password: PASSWORD, _verified: true, kind: 'learner', status: 'approved', firstName: 'Lean', lastName: 'Path', candidate: candidate.id } as never,
      disableVerificationEmail: true,
      ...system,
    })
    const pdf = `/documents/${document.id}/pdf`
    const cookie = await signIn(server.url, 'accounts', 'lean@fixture.test', PASSWORD)
    expect((await sameAsPayloadAuth(cookie))?.id).toBe(account.id)
    expect(await page('/documents', cookie)).toContain('document-card')
    expect((await get(pdf, cookie)).status).toBe(200)

    await payload.update({ collection: 'accounts', id: account.id, data: { status: 'suspended' }, ...system })
    await sameAsPayloadAuth(cookie)
    expect(textOf(await page('/documents', cookie))).toContain('Your account is suspended')
    expect((await get(pdf, cookie)).status).toBe(404)
    await payload.update({ collection: 'accounts', id: account.id, data: { status: 'approved' }, ...system })
    expect((await get(pdf, cookie)).status).toBe(200)

    // Signed out: the cookie's session is gone from the account, so the cookie is nobody's.
    expect(await signOutAccount(payload, (await sameAsPayloadAuth(cookie)) as never)).toBe(true)
    expect(await sameAsPayloadAuth(cookie)).toBeNull()
    expect(await get(pdf, cookie)).toMatchObject({ status: 303, location: `/sign-in?next=${encodeURIComponent(pdf)}` })

    // A token with the same claims signed with another secret, and one for an account since deleted.
    const [name, token] = (await signIn(server.url, 'accounts', 'lean@fixture.test', PASSWORD)).split('=') as [string, string]
    const [header, claims] = token.split('.')
    const forged = `${name}=${header}.${claims}.${Buffer.from('not the signature').toString('base64url')}`
    expect(await sameAsPayloadAuth(forged)).toBeNull()
    expect((await get('/documents', forged)).status).toBe(307)
    const live = `${name}=${token}`
    await payload.delete({ collection: 'accounts', id: account.id, ...system })
    expect(await sameAsPayloadAuth(live)).toBeNull()
    expect((await get('/documents', live)).status).toBe(307)
  })
})

describe('dead ends', { timeout: 240_000 }, () => {
  it('every unknown path gets the portal’s own “Page not found”, with its header and a way back, as a 404', async () => {
    for (const path of ['/nope', `/documents/99999999`, '/documents/99999999/nope', '/verify/x/nope', '/profile/nope']) {
      const answer = await get(path, cookies.learner)
      expect(answer.status, path).toBe(404)
      const html = answer.body.toString('utf8')
      expect(html, path).toContain('<h1>Page not found</h1>')
      expect(html, path).toContain('class="site-header"')
      expect(html, path).toContain('<a href="/">Go to the home page</a>')
      expect(html, path).toContain('href="/dashboard"') // the header knows who is signed in
    }
    expect((await get('/nope')).status).toBe(404)
    // A page that finds nothing (no such help page) answers 404 too; the browser shows the same page (tests/e2e/documents.test.ts).
    expect((await get('/help/nope')).status).toBe(404)
    // The API is no page: it keeps its JSON answer.
    const api = await get('/api/nope')
    expect(api.status).toBe(404)
    expect(api.type).toMatch(/^application\/json/)
  })

  it('/favicon.ico is an icon, and the portal’s pages and the verify page name it', async () => {
    const icon = await get('/favicon.ico')
    expect(icon.status).toBe(200)
    expect(icon.type).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/)
    expect([...icon.body.subarray(0, 4)]).toEqual([0, 0, 1, 0])
    expect(await page('/sign-in')).toMatch(/<link rel="icon" href="\/favicon.ico"/)
    expect(await page('/verify')).toContain('<link rel="icon" href="/favicon.ico">')
  })

  it('the help pages’ links lead where they say', async () => {
    const linksOf = (html: string) =>
      [...(/<article class="prose">([\s\S]*?)<\/article>/.exec(html)?.[1] ?? '').matchAll(/<a\b[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({ href: m[1]!, label: textOf(m[2]!).trim() }))
    const found: Record<string, string[]> = {}
    for (const { slug } of DEMO_PAGES) {
      for (const { href, label } of linksOf(await page(`/help/${slug}`))) {
        ;(found[slug] ??= []).push(href)
        // Signed out first (the sign-in and registration pages), as the learner where the page needs an account.
        let target = await get(href)
        if (target.status === 307 && target.location?.startsWith('/sign-in')) target = await get(href, cookies.learner)
        expect(target.status, `${slug}: ${href}`).toBe(200)
        // The page the link names: in its title or its text.
        const html = target.body.toString('utf8')
        expect(`${/<title>([^<]*)<\/title>/.exec(html)?.[1]} ${textOf(html)}`.toLowerCase(), `${slug}: ${href}`).toContain(label.toLowerCase())
      }
    }
    expect(found).toEqual({
      'getting-started': ['/register', '/sign-in', '/documents', '/connections', '/connections/new', '/store', '/orders', '/register/third-party', '/verify'],
      'checking-a-certificate': ['/verify'],
      faq: ['/register/check-email', '/documents', '/enquiries', '/store', '/orders', '/connections', '/connections/new'],
      'contact-support': ['/documents'],
      'privacy-policy': ['/profile/delete'],
    })
  })
})

describe('the help and FAQ pages are true of the product as it is', { timeout: 240_000 }, () => {
  const helpText = async () => (await Promise.all(DEMO_PAGES.map(async ({ slug }) => `${slug}: ${textOf(await page(`/help/${slug}`))}`))).join('\n')

  it('deny nothing the product does (printed copies, sharing, reports, downloading one’s data)', async () => {
    const text = await helpText()
    for (const denial of [/cannot be ordered/i, /can(?:no|')t (?:yet )?(?:order|share|download|report)/i, /\bnot (?:yet )?(?:available|possible) in the portal/i, /\bin the portal yet\b/i, /\bcontact (?:our )?support to (?:order|share)/i])
      expect(text, String(denial)).not.toMatch(denial)
  })

  it('name nothing the product lacks: each feature a page names is there for a learner', async () => {
    const text = await helpText()
    const CLAIMS: Array<[named: RegExp, route: string]> = [
      [/Store/, '/store'],
      [/\bOrders\b/, '/orders'],
      [/Add connection/, '/connections/new'],
      [/Connections/, '/connections'],
      [/Report a problem/, `/documents/${f.a.document.id}/report`],
      [/My reports/, '/enquiries'],
      [/download everything we hold/, '/profile/export'],
      [/Delete my account/, '/profile/delete'],
      [/Send the link again/, '/register/check-email'],
      [/Check a document/, '/verify'],
    ]
    for (const [named, route] of CLAIMS) {
      if (!named.test(text)) continue
      expect((await get(route, cookies.learner)).status, `${named} → ${route}`).toBe(200)
    }
    // Each claim above is made somewhere: a feature the help stops naming is noticed here too.
    expect(CLAIMS.filter(([named]) => !named.test(text)).map(([named]) => String(named))).toEqual([])
    expect(text).toContain(`The link works for ${VERIFICATION_LINK_HOURS} hours`)
  })

  it('existing demo data gets the corrected answers; a paragraph staff rewrote is kept', async () => {
    const faq = (await payload.find({ collection: 'pages', where: { slug: { equals: 'faq' } }, ...system })).docs[0]!
    const was = SUPERSEDED_DEMO_TEXT.filter((entry) => entry.slug === 'faq').map((entry) => ('heading' in entry.now ? { heading: entry.was } : { paragraph: entry.was }))
    const staffWords = { paragraph: 'Our own words, written in the admin.' }
    await payload.update({ collection: 'pages', id: faq.id, data: { content: richText([...was, staffWords]) } as never, ...system })
    expect(textOf(await page('/help/faq'))).toContain('Printed copies cannot be ordered in the portal yet')
    try {
      expect(await correctSupersededDemoPages(payload)).toEqual(['faq'])
      const text = textOf(await page('/help/faq'))
      expect(text).not.toContain('cannot be ordered')
      expect(text).toContain('How do I order a printed copy of my certificate?')
      expect(text).toMatch(/Go to the Store ?, choose the document and the delivery, and pay by card\./)
      expect(text).toContain('Our own words, written in the admin.')
      // Once corrected there is nothing left to correct.
      expect(await correctSupersededDemoPages(payload)).toEqual([])
    } finally {
      await payload.update({ collection: 'pages', id: faq.id, data: { content: faq.content } as never, ...system })
    }
  })
})

describe('the header', () => {
  it('gives a learner Store, Orders and the basket, and a third party none of them', async () => {
    const learnerHeader = /<header[\s\S]*?<\/header>/.exec(await page('/dashboard', cookies.learner))![0]
    expect(learnerHeader).toContain('href="/store"')
    expect(learnerHeader).toContain('href="/orders"')
    expect(learnerHeader).toContain('<nav aria-label="Store" class="store-bar">')
    const thirdPartyHeader = /<header[\s\S]*?<\/header>/.exec(await page('/dashboard', cookies.thirdParty))![0]
    for (const absent of ['href="/store"', 'href="/orders"', 'href="/basket"', 'store-bar']) expect(thirdPartyHeader).not.toContain(absent)
  })
})

/** How many pixels of a PNG are within a few steps of the colour. */
function pixelsOfColour(png: Buffer, [r, g, b]: [number, number, number]): number {
  const image = PNG.sync.read(png)
  let count = 0
  for (let at = 0; at < image.data.length; at += 4)
    if (Math.abs(image.data[at]! - r) < 12 && Math.abs(image.data[at + 1]! - g) < 12 && Math.abs(image.data[at + 2]! - b) < 12) count += 1
  return count
}

describe('someone who signs in and can see no documents is told why, and what to do next', () => {
  const NOT_YET = {
    'awaiting-review': 'We are checking your details against our records, usually within two working days. We will email you when your documents are ready.',
    'information-requested': 'We need more information before we can show your documents: we have emailed you what we need. Reply to that email or contact our support team.',
    rejected: 'We could not match your registration to our records, so there are no documents to show. If you think this is a mistake, contact our support team.',
    suspended: 'Your account is suspended, so your documents are not shown. Contact our support team to find out why and to have it restored.',
  } as const

  it.each(Object.keys(WAITING) as Array<keyof typeof WAITING>)('a learner whose registration is %s, on the dashboard and the documents page', async (status) => {
    for (const path of ['/dashboard', '/documents']) {
      const html = await page(path, cookies[status])
      expect(textOf(html), path).toContain(NOT_YET[status])
      expect(html, path).not.toContain('document-card')
    }
  })

  it('a third party on the learner pages: documents come from learners through connections; a learner registers with another email', async () => {
    const told =
      'This is a third-party account, for employers, universities and auditors: it holds no documents of its own. Any document can be checked by its reference and the holder’s surname, on the Check a document page. If you hold our qualifications yourself, register as a learner with a different email address.'
    for (const path of ['/dashboard', '/documents']) {
      const html = await page(path, cookies.thirdParty)
      expect(textOf(html), path).toContain(told)
      expect(html, path).toContain('href="/register"')
    }
  })

  it('the dashboard counts a third party’s own connections, active and pending, leaving out one whose access date has passed', async () => {
    const at = (hours: number) => new Date(Date.now() + hours * 60 * 60 * 1000).toISOString()
    for (const [status, accessUntil] of [['active', at(24)], ['active', at(-1)], ['pending', at(24)], ['cancelled', at(24)]] as const)
      await payload.create({
        collection: 'connections',
        data: { learner: f.b.account.id, thirdParty: f.thirdParty.id, thirdPartyName: 'T Party', thirdPartyEmail: 'third@fixture.test', initiatedBy: 'learner', status, accessUntil, documents: [f.b.document.id] },
        ...system,
      })
    expect(textOf(await page('/dashboard', cookies.thirdParty))).toContain('You have 1 active connection and 1 pending connection.')
  })

  it('a learner on the third-party registration page, and a third party on the learner one, are told which account they are signed in with', async () => {
    expect(textOf(await page('/register/third-party', cookies.learner))).toContain(
      'You are signed in with a learner account. Third-party accounts are for employers, universities and auditors: to register one, sign out and use a different email address.',
    )
    expect(textOf(await page('/register', cookies.thirdParty))).toContain(
      'You are signed in with a third-party account. To register as a learner, sign out and use a different email address.',
    )
  })
})

describe('the "show on the verification page" switch', () => {
  const switchFor = (html: string, id: number) => formsIn(html).find((form) => form.body.includes(`name="document" value="${id}"`))!
  const showOnVerify = async (id: number) => (await payload.findByID({ collection: 'documents', id, ...system })).showOnVerify

  it('switches the learner’s own document', async () => {
    const form = switchFor(await page('/documents', cookies.learner), f.a.document.id)
    const answer = await submitForm(`${server.url}/documents`, form.body, {}, cookies.learner)
    expect(answer.status).toBeLessThan(400)
    expect(await showOnVerify(f.a.document.id)).toBe(true)
  })

  it('says so when it cannot change the document, and changes nothing', async () => {
    const form = switchFor(await page('/documents', cookies.learner), f.a.document.id)
    for (const document of [String(f.b.document.id), 'not-a-number', '99999999999']) {
      const answer = await submitForm(`${server.url}/documents`, form.body, { document, show: 'on' }, cookies.learner)
      expect(answer.status, document).toBe(303)
      const shown = await page(answer.headers.get('location')!, cookies.learner)
      expect(textOf(shown), document).toContain('We could not change whether the verification page shows this document. Reload the page and try again; if it happens again, contact our support team.')
    }
    expect(await showOnVerify(f.b.document.id)).toBe(false)
  })
})

describe('an id past the database’s integer range is an unknown id, never a 500', () => {
  const TOO_BIG = '99999999999'
  const UNKNOWN = '2147483646'

  it.each([
    ['/documents/%s/pdf'],
    ['/documents/%s/badge'],
    ['/documents/%s/report'],
    ['/enquiries/%s'],
  ])('GET %s answers as for an unknown id', async (route) => {
    const unknown = await get(route.replace('%s', UNKNOWN), cookies.learner)
    const tooBig = await get(route.replace('%s', TOO_BIG), cookies.learner)
    expect(unknown.status).toBe(404)
    expect(tooBig.status).toBe(404)
    expect(tooBig.body.toString('utf8')).not.toMatch(/out of range|integer/i)
  })

  it('a report about a document id past the range says the document was not found, and files nothing', async () => {
    const before = await payload.count({ collection: 'enquiries', ...system })
    const form = formsIn(await page(`/documents/${f.a.document.id}/report`, cookies.learner)).find((candidate) => candidate.body.includes('name="message"'))!
    const answer = await submitForm(`${server.url}/documents/${f.a.document.id}/report`, form.body, { document: TOO_BIG, message: 'The grade on this is wrong, please check.' }, cookies.learner)
    expect(answer.status).toBe(200)
    expect(textOf(await answer.text())).toContain('We could not find that document.')
    expect((await payload.count({ collection: 'enquiries', ...system })).totalDocs).toBe(before.totalDocs)
  })
})

describe('every method on every portal route: an answer, never a 500', { timeout: 600_000 }, () => {
  /** Every page and route handler of the portal, found in the app folder (so a new one is swept too), with the learner's own ids. */
  function portalRoutes(): string[] {
    const root = path.resolve(import.meta.dirname, '../../src/app/(portal)')
    const ids: Record<string, string> = {
      connections: String(f.a.connection.id),
      documents: String(f.a.document.id),
      enquiries: String(f.a.enquiry.id),
      orders: String(f.a.order.id),
      addresses: 'no-such-address',
      help: 'faq',
      verify: String(f.a.document.verificationCode),
    }
    return (readdirSync(root, { recursive: true }) as string[])
      .filter((file) => /(^|\/)(page\.tsx|route\.ts)$/.test(file))
      .map((file) => {
        const segments = path.dirname(file).split(path.sep).filter((segment) => segment !== '.')
        return '/' + segments.map((segment, i) => (/^\[.+\]$/.test(segment) ? ids[segments[i - 1]!]! : segment)).join('/')
      })
      .sort()
  }
  const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND']
  /** node:http, as fetch refuses to send TRACE. */
  const statusOf = (method: string, route: string, cookie?: string) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(`${server.url}${route}`, { method, headers: { 'Sec-Fetch-Site': 'same-origin', ...(cookie ? { Cookie: cookie } : {}) } }, (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode!))
      })
      request.on('error', reject)
      request.end()
    })

  it('finds the routes it sweeps', () => {
    expect(portalRoutes()).toEqual(expect.arrayContaining(['/', '/documents', `/documents/${f.a.document.id}/pdf`, `/verify/${f.a.document.verificationCode}/document`, '/profile/photo/upload']))
    expect(portalRoutes().some((route) => route.includes('undefined') || route.includes('['))).toBe(false)
  })

  it('answers each method signed in and signed out, TRACE and unknown methods with 405', async () => {
    // A session of its own: a POST to a sign-out route ends only this one.
    const sweeper = await signIn(server.url, 'accounts', 'learner-a@fixture.test', PASSWORD)
    const failures: string[] = []
    for (const route of portalRoutes())
      for (const method of METHODS)
        for (const cookie of [sweeper, undefined]) {
          const response = { status: await statusOf(method, route, cookie) }
          const expected = method === 'TRACE' || method === 'PROPFIND' ? 405 : null
          if (response.status >= 500 || (expected !== null && response.status !== expected)) failures.push(`${method} ${route}${cookie ? ' (signed in)' : ''}: ${response.status}`)
        }
    expect(failures).toEqual([])
  })
})

describe('the learner registration screens', () => {
  const registrationForm = (html: string) => formsIn(html).find((form) => form.body.includes('name="step"'))!

  it('carry the labels of the guide learners already know, step by step', async () => {
    const step1 = registrationForm(await page('/register'))
    expect(labelsIn(step1.body)).toEqual([
      'Candidate or Membership Number',
      "I don't know my candidate or membership number",
      'First Name',
      'Surname',
      'Date Of Birth',
      expect.stringMatching(/^I confirm that the information provided is correct and relates to me/),
    ])
    const answer2 = await submitForm(`${server.url}/register`, step1.body, { candidateNumber: '00123456', firstName: 'Ffion', surname: 'Jones', dateOfBirth: '27/03/1990', consent: 'on', intent: 'next' })
    const step2 = registrationForm(await answer2.text())
    expect(textOf(step2.body)).toContain('Step 2 of 3')
    expect(labelsIn(step2.body)).toEqual(['Address line 1', 'Address line 2', 'City', 'Country', 'Postcode', 'Country code', 'Phone number'])
    const answer3 = await submitForm(`${server.url}/register`, step2.body, { intent: 'next' })
    const step3 = registrationForm(await answer3.text())
    expect(textOf(step3.body)).toContain('Step 3 of 3')
    expect(labelsIn(step3.body)).toEqual(['Email', 'Password', 'Confirm password'])
  })
})
