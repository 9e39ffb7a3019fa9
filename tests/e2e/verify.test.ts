import type { Page } from 'puppeteer-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { accessibilityViolations } from '../helpers/axe'
import { launchBrowser, visitPage } from '../helpers/browser'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startServer, type RunningServer } from '../helpers/server'

/** Public verification in Chromium: typing a code, and no WCAG 2.2 AA violations on any of its pages. */
let t: TestPayload
let server: RunningServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
const system = { overrideAccess: true, depth: 0, context: { skipAudit: true } } as const
const codes = { valid: '', revoked: '', superseded: '', expired: '' }
const references = { valid: '', expired: '' }
const PASSWORD = 'verify-e2e-password-123'

beforeAll(async () => {
  t = await startTestPayload()
  const create = async (collection: 'qualifications' | 'candidates' | 'achievements' | 'documents' | 'accounts', data: Record<string, unknown>) =>
    (await t.payload.create({ collection, data: data as never, disableVerificationEmail: true, ...system })) as unknown as { id: number; verificationCode: string; reference: string }
  const qualification = await create('qualifications', { qualificationNumber: '603/4182/8', title: 'Level 3 Diploma in Engineering Maintenance', level: '3', type: 'regulated' })
  const candidate = await create('candidates', { candidateNumber: '00555001', firstName: 'Oluwaseun', surname: 'Adebayo-Williams', dateOfBirth: '1992-02-29T00:00:00.000Z' })
  const achievement = await create('achievements', { candidate: candidate.id, qualification: qualification.id, grade: 'Merit', issueDate: '2024-07-01T00:00:00.000Z' })
  const valid = await create('documents', { achievement: achievement.id, type: 'certificate', showOnVerify: true })
  const revoked = await create('documents', { achievement: achievement.id, type: 'transcript' })
  await t.payload.update({ collection: 'documents', id: revoked.id, data: { status: 'revoked', statusReason: 'Issued in error', statusChangedAt: '2025-03-12T00:00:00.000Z' }, ...system })
  const superseded = await create('documents', { achievement: achievement.id, type: 'certificate' })
  await t.payload.update({ collection: 'documents', id: superseded.id, data: { status: 'superseded', supersededBy: valid.id, statusChangedAt: '2025-06-30T00:00:00.000Z' }, ...system })
  // The demo's membership, expired 31/12/2018.
  const membership = await create('qualifications', { qualificationNumber: 'MEM-0001', title: 'Member of the Institute (MInst)', level: '5', type: 'membership' })
  const lapsed = await create('achievements', { candidate: candidate.id, qualification: membership.id, grade: 'Member', issueDate: '2015-01-01T00:00:00.000Z', expiryDate: '2018-12-31T00:00:00.000Z' })
  const expired = await create('documents', { achievement: lapsed.id, type: 'certificate' })
  await create('accounts', { email: 'seun@verify-e2e.test', password: PASSWORD, _verified: true, kind: 'learner', status: 'approved', firstName: 'Oluwaseun', lastName: 'Adebayo-Williams', candidate: candidate.id })
  Object.assign(codes, { valid: valid.verificationCode, revoked: revoked.verificationCode, superseded: superseded.verificationCode, expired: expired.verificationCode })
  Object.assign(references, { valid: valid.reference, expired: expired.reference })

  server = await startServer({ DATABASE_URL: t.databaseUrl })
  browser = await launchBrowser()
  page = await browser.newPage()
  await page.setViewport({ width: 1280, height: 900 })
}, 300_000)

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(`Server output before the failure:\n${server.output().slice(-3000)}`)
})

afterAll(async () => {
  await browser?.cleanUp()
  await server?.stop()
  await t?.close()
})

const heading = () => page.$eval('h1', (h) => h.textContent?.trim())

async function typeCode(text: string) {
  await page.click('#code')
  await page.keyboard.type(text)
  await Promise.all([page.waitForNavigation(), page.click('#code-form button[type=submit]')])
}

async function typeReference(reference: string, surname: string) {
  await page.type('#reference', reference)
  await page.type('#surname', surname)
  await Promise.all([page.waitForNavigation(), page.click('#reference-form button[type=submit]')])
}

describe('checking a document in the browser', () => {
  it('a code typed into /verify lands on its answer', async () => {
    await page.goto(`${server.url}/verify`)
    expect(await heading()).toBe('Check a document')
    await typeCode(codes.valid)
    expect(new URL(page.url()).pathname).toBe(`/verify/${codes.valid}`)
    expect(await heading()).toBe('This certificate is valid')
    expect(await page.$eval('.verify-details', (d) => d.textContent)).toContain('Oluwaseun Adebayo-Williams')
  })

  it('a pasted verification address works too, and so does the box on the not-found page', async () => {
    await page.goto(`${server.url}/verify`)
    await typeCode(`https://portal.example.org/verify/${codes.revoked}`)
    expect(await heading()).toBe('This transcript has been revoked')

    await page.goto(`${server.url}/verify/${'N'.repeat(27)}`)
    expect(await heading()).toBe('No document found')
    await typeCode(codes.superseded)
    expect(await heading()).toBe('This certificate has been replaced')
    await Promise.all([page.waitForNavigation(), page.click('.verify-next')])
    expect(new URL(page.url()).pathname).toBe(`/verify/${codes.valid}`)
  })

  it('an empty box is an error the person can see and reach', async () => {
    await page.goto(`${server.url}/verify`)
    await Promise.all([page.waitForNavigation(), page.click('#code-form button[type=submit]')])
    expect(await page.$eval('.error-summary', (e) => e.textContent)).toContain('Enter the verification code')
    expect(await page.$eval('#code', (i) => i.getAttribute('aria-invalid'))).toBe('true')
  })
})

describe('expired, and checking by reference and surname', () => {
  it('an expired membership is "Expired" in words and its own colour, never the green "valid"', async () => {
    await page.goto(`${server.url}/verify/${codes.expired}`)
    expect(await heading()).toBe('This certificate has expired')
    const banner = await page.$eval('.verify-banner', (b) => ({ text: b.textContent, colour: getComputedStyle(b).backgroundColor, className: b.className }))
    expect(banner.className).toBe('verify-banner verify-expired')
    expect(banner.text).toContain('expired on 31/12/2018')
    await page.goto(`${server.url}/verify/${codes.valid}`)
    const valid = await page.$eval('.verify-banner', (b) => getComputedStyle(b).backgroundColor)
    expect(banner.colour).not.toBe(valid)
  })

  it('the reference and surname as printed, typed as an employer would, land on the same answer as the code', async () => {
    await page.goto(`${server.url}/verify`)
    await typeReference(references.expired.toLowerCase(), 'adebayo williams')
    expect(await heading()).toBe('This certificate has expired')
    expect(await page.$eval('.verify-details', (d) => d.textContent)).toContain(references.expired)

    await page.goto(`${server.url}/verify`)
    await typeReference(references.valid, 'Williams')
    expect(await heading()).toBe('No document found')
    // The not-found page keeps what was typed, to correct it there.
    await page.$eval('#surname', (i) => ((i as HTMLInputElement).value = ''))
    await typeReference('', 'Adebayo-Williams')
    expect(await heading()).toBe('This certificate is valid')
  })

  it('an empty reference form is an error the person can see and reach', async () => {
    await page.goto(`${server.url}/verify`)
    await Promise.all([page.waitForNavigation(), page.click('#reference-form button[type=submit]')])
    const summary = await page.$$eval('.error-summary a', (links) => links.map((a) => [a.getAttribute('href'), a.textContent]))
    expect(summary).toEqual([
      ['#reference', 'Enter the reference printed on the document'],
      ['#surname', 'Enter the surname of the person named on the document'],
    ])
    expect(await page.$eval('#reference', (i) => i.getAttribute('aria-invalid'))).toBe('true')
    expect(await page.$eval('#surname', (i) => i.getAttribute('aria-invalid'))).toBe('true')
  })
})

describe('signed in', () => {
  it('the document card says Expired; the verification header has the portal\'s signed-in navigation', async () => {
    const login = await fetch(`${server.url}/api/accounts/login`, { method: 'POST', body: JSON.stringify({ email: 'seun@verify-e2e.test', password: PASSWORD }), headers: { 'content-type': 'application/json', origin: server.url } })
    expect(login.status).toBe(200)
    const token = /payload-token=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!
    const context = await browser.createBrowserContext()
    const signedIn = await context.newPage()
    try {
      await signedIn.setViewport({ width: 1280, height: 900 })
      await signedIn.setCookie({ name: 'payload-token', value: token, url: server.url })
      await visitPage(signedIn, `${server.url}/documents`)
      const cards = await signedIn.$$eval('.document-card', (list) => list.map((c) => ({ className: c.className, tag: c.querySelector('.status-tag')?.textContent, warning: c.querySelector('.document-warning')?.textContent ?? null })))
      expect(cards.filter((c) => c.className === 'document-card status-expired')).toEqual([
        { className: 'document-card status-expired', tag: 'Expired', warning: 'This qualification expired on 31/12/2018. The verification page shows it as expired.' },
      ])
      const navLinks = () => signedIn.$$eval('header nav a[href]', (links) => links.map((a) => a.getAttribute('href')))
      const portalLinks = await navLinks()

      await signedIn.goto(`${server.url}/verify/${codes.valid}`)
      const verifyNav = await signedIn.$$eval('header .nav-wide li', (items) => items.map((li) => li.textContent?.trim()))
      expect(verifyNav).toEqual(['Help', 'FAQ', 'Support', 'Dashboard', 'Documents', 'Connections', 'Profile', 'Store', 'Orders', 'Basket', 'Sign out'])
      expect(await navLinks()).toEqual(portalLinks)
      expect(await accessibilityViolations(signedIn)).toEqual([])

      await Promise.all([signedIn.waitForNavigation(), signedIn.click('header button[type=submit]')])
      expect(new URL(signedIn.url()).pathname).toBe('/')
      await signedIn.goto(`${server.url}/verify`)
      expect(await signedIn.$$eval('header .nav-wide li', (items) => items.map((li) => li.textContent?.trim()))).toEqual(['Help', 'FAQ', 'Support', 'Sign in'])
    } finally {
      await context.close()
    }
  })
})

describe('accessibility (axe-core, WCAG 2.2 AA) and small screens', () => {
  const pages = () => ({
    'the code box': '/verify',
    'a valid answer': `/verify/${codes.valid}`,
    'a revoked answer': `/verify/${codes.revoked}`,
    'a superseded answer': `/verify/${codes.superseded}`,
    'the not-found page': `/verify/${'N'.repeat(27)}`,
    'the empty-box error': '/verify?code=',
    'an expired answer': `/verify/${codes.expired}`,
    'the reference form error': '/verify?reference=&surname=',
    'a reference that finds nothing': `/verify?reference=99999999-01-ZZZZ&surname=Nobody`,
  })

  it('no violations on any verification page', async () => {
    const found: string[] = []
    for (const [name, path] of Object.entries(pages())) {
      await page.goto(`${server.url}${path}`)
      for (const violation of await accessibilityViolations(page)) found.push(`${name}: ${violation}`)
    }
    expect(found).toEqual([])
  })

  it('no violations on the new states on a 390 px phone either', async () => {
    await page.setViewport({ width: 390, height: 844 })
    try {
      const found: string[] = []
      for (const name of ['the code box', 'an expired answer', 'the reference form error', 'a reference that finds nothing'] as const) {
        await page.goto(`${server.url}${pages()[name]}`)
        for (const violation of await accessibilityViolations(page)) found.push(`${name}: ${violation}`)
      }
      expect(found).toEqual([])
    } finally {
      await page.setViewport({ width: 1280, height: 900 })
    }
  })

  it('nothing wider than a 320 px screen', async () => {
    await page.setViewport({ width: 320, height: 640 })
    try {
      for (const [name, path] of Object.entries(pages())) {
        await page.goto(`${server.url}${path}`)
        expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(320)
      }
    } finally {
      await page.setViewport({ width: 1280, height: 900 })
    }
  })
})
