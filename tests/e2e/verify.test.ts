import type { Page } from 'puppeteer-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { accessibilityViolations } from '../helpers/axe'
import { launchBrowser } from '../helpers/browser'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startServer, type RunningServer } from '../helpers/server'

/** Public verification in Chromium: typing a code, and no WCAG 2.2 AA violations on any of its pages. */
let t: TestPayload
let server: RunningServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
const system = { overrideAccess: true, depth: 0, context: { skipAudit: true } } as const
const codes = { valid: '', revoked: '', superseded: '' }

beforeAll(async () => {
  t = await startTestPayload()
  const create = async (collection: 'qualifications' | 'candidates' | 'achievements' | 'documents', data: Record<string, unknown>) =>
    (await t.payload.create({ collection, data: data as never, ...system })) as unknown as { id: number; verificationCode: string }
  const qualification = await create('qualifications', { qualificationNumber: '603/4182/8', title: 'Level 3 Diploma in Engineering Maintenance', level: '3', type: 'regulated' })
  const candidate = await create('candidates', { candidateNumber: '00555001', firstName: 'Oluwaseun', surname: 'Adebayo-Williams', dateOfBirth: '1992-02-29T00:00:00.000Z' })
  const achievement = await create('achievements', { candidate: candidate.id, qualification: qualification.id, grade: 'Merit', issueDate: '2024-07-01T00:00:00.000Z' })
  const valid = await create('documents', { achievement: achievement.id, type: 'certificate', showOnVerify: true })
  const revoked = await create('documents', { achievement: achievement.id, type: 'transcript' })
  await t.payload.update({ collection: 'documents', id: revoked.id, data: { status: 'revoked', statusReason: 'Issued in error', statusChangedAt: '2025-03-12T00:00:00.000Z' }, ...system })
  const superseded = await create('documents', { achievement: achievement.id, type: 'certificate' })
  await t.payload.update({ collection: 'documents', id: superseded.id, data: { status: 'superseded', supersededBy: valid.id, statusChangedAt: '2025-06-30T00:00:00.000Z' }, ...system })
  Object.assign(codes, { valid: valid.verificationCode, revoked: revoked.verificationCode, superseded: superseded.verificationCode })

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
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')])
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
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')])
    expect(await page.$eval('.error-summary', (e) => e.textContent)).toContain('Enter the verification code')
    expect(await page.$eval('#code', (i) => i.getAttribute('aria-invalid'))).toBe('true')
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
  })

  it('no violations on any verification page', async () => {
    const found: string[] = []
    for (const [name, path] of Object.entries(pages())) {
      await page.goto(`${server.url}${path}`)
      for (const violation of await accessibilityViolations(page)) found.push(`${name}: ${violation}`)
    }
    expect(found).toEqual([])
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
