import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Page } from 'puppeteer-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { TINY_PNG } from '../helpers/accessMatrix'
import { accessibilityViolations } from '../helpers/axe'
import { clickAndSettle, fillFields, launchBrowser, tickBox, visitPage } from '../helpers/browser'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { signIn, startServer, type RunningServer } from '../helpers/server'
import { startSmtpServer } from '../helpers/smtp'

let t: TestPayload
let server: RunningServer
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
let downloads: string
let learnerId: number
const violations: string[] = []
const PASSWORD = 'fixture-password-123'
const NEW_PASSWORD = 'copper lantern meadow'
const system = { overrideAccess: true, depth: 0 } as const
const PROFILE_PAGES = ['/profile', '/profile/addresses', '/profile/addresses/new', '/profile/password', '/profile/photo', '/profile/delete']

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await startTestPayload()
  const qualification = await t.payload.create({ collection: 'qualifications', data: { qualificationNumber: '603/4182/8', title: 'Level 3 Diploma', level: '3', type: 'regulated' }, ...system })
  const record = async (number: string, firstName: string, surname: string) => {
    const candidate = await t.payload.create({ collection: 'candidates', data: { candidateNumber: number, firstName, surname, dateOfBirth: '1988-11-02T00:00:00.000Z' }, ...system })
    await t.payload.create({ collection: 'achievements', data: { candidate: candidate.id, qualification: qualification.id, grade: 'Merit', issueDate: '2024-01-01T00:00:00.000Z' }, ...system })
    return candidate
  }
  const account = async (email: string, candidate: number, firstName: string, lastName: string) =>
    t.payload.create({
      collection: 'accounts',
      data: { email, password: PASSWORD, _verified: true, kind: 'learner', status: 'approved', firstName, lastName, candidate } as never,
      disableVerificationEmail: true,
      ...system,
    })
  const mine = await account('ada@example.test', (await record('00888001', 'Ada', 'Lovelace')).id, 'Ada', 'Lovelace')
  learnerId = mine.id
  await account('bob@example.test', (await record('00888002', 'Bob', 'Other')).id, 'Bob', 'Other')
  server = await startServer({ DATABASE_URL: t.databaseUrl, SMTP_URL: smtp.url })
  browser = await launchBrowser()
  page = await browser.newPage()
  await page.setViewport({ width: 1280, height: 900 })
  downloads = mkdtempSync(path.join(os.tmpdir(), 'profile-downloads-'))
}, 600_000)

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(`Server output before the failure:\n${server.output().slice(-4000)}`)
})

afterAll(async () => {
  await browser?.cleanUp()
  await server?.stop()
  await smtp?.close()
  await t?.close()
  if (downloads) rmSync(downloads, { recursive: true, force: true })
})

const visit = (pathname: string) => visitPage(page, `${server.url}${pathname}`)
const fill = (fields: Record<string, string>) => fillFields(page, fields)
const tick = (selector: string) => tickBox(page, selector)
async function button(label: string) {
  // A button first; a link styled as a button in the page's main part otherwise (the header has a "Sign in" link too).
  const [found] = [...(await page.$$(`xpath/.//button[normalize-space()="${label}"]`)), ...(await page.$$(`xpath/.//main//a[normalize-space()="${label}"]`))]
  if (!found) throw new Error(`No button "${label}" on ${page.url()}`)
  return found as unknown as { click: () => Promise<void> }
}
async function submit(label: string) {
  const target = await button(label)
  await clickAndSettle(page, target)
}
async function arriveAt(pathname: string) {
  try {
    await page.waitForFunction((p) => location.pathname === p, { timeout: 60_000 }, pathname)
  } catch {
    throw new Error(`Expected to reach ${pathname}, still on ${page.url()}: ${await page.$eval('main', (el) => el.textContent)}`)
  }
}
/** The "done" message a page shows after a redirect (waits for it: the path may not change). */
const statusText = async () => (await page.waitForSelector('[role=status]', { timeout: 60_000 }))!.evaluate((el) => el.textContent ?? '')
/** The list of problems a form shows after a refused submission (waits for it). */
const errorSummary = async () => (await page.waitForSelector('.error-summary', { timeout: 60_000 }))!.evaluate((el) => el.textContent ?? '')
/** After a refused submission the focus is on the list of problems (the GOV.UK pattern). */
const focusIsOnErrorSummary = () => page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false)
const heading = () => page.$eval('h1', (el) => el.textContent?.trim())
const mainText = () => page.$eval('main', (el) => el.textContent ?? '')
const value = (name: string) => page.$eval(`[name="${name}"]`, (el) => (el as HTMLInputElement).value)
const checkAccessibility = async () => violations.push(...(await accessibilityViolations(page)).map((v) => `${page.url()}: ${v}`))
/** Whether a REST session cookie still signs anyone in (`/api/accounts/me` as a browser on the portal sends it). */
const whoIs = async (cookie: string) =>
  ((await (await fetch(`${server.url}/api/accounts/me`, { headers: { Cookie: cookie, Origin: server.url } })).json()) as { user: { email: string } | null }).user?.email ?? null

describe('a learner keeps their profile (Chromium)', { timeout: 300_000 }, () => {
  it('every profile page sends a signed-out visitor to sign in', async () => {
    for (const pathname of PROFILE_PAGES) {
      await visit(pathname)
      expect(new URL(page.url()).pathname, pathname).toBe('/sign-in')
    }
    const exported = await fetch(`${server.url}/profile/export`, { redirect: 'manual' })
    expect(exported.status).toBe(303)
    expect(exported.headers.get('location')).toBe('/sign-in?next=%2Fprofile%2Fdelete')
  })

  it('signs in, opens the profile from the dashboard and the navigation, and sees the record details read-only', async () => {
    await visit('/sign-in')
    await fill({ email: 'ada@example.test', password: PASSWORD })
    await submit('Sign in')
    await arriveAt('/dashboard')
    expect(await page.$eval('nav[aria-label="Main"]', (el) => el.textContent)).toContain('Profile')
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('.cards a[href="/profile"]')])
    await arriveAt('/profile')
    expect(await heading()).toBe('Personal details')
    const text = await mainText()
    expect(text).toContain('Ada Lovelace')
    expect(text).toContain('00888001')
    expect(text).toContain('02/11/1988')
    expect(text).toContain('does not change your learner record')
    expect(await page.$$('[name="firstName"], [name="dateOfBirth"]')).toHaveLength(0)
    await checkAccessibility()
    await fill({ phone: '+44 12' })
    await submit('Save details')
    expect(await errorSummary()).toContain('The telephone number is too short')
    expect(await focusIsOnErrorSummary()).toBe(true)
    expect(await page.$eval('#phone', (el) => el.getAttribute('aria-describedby'))).toContain('phone-error')
    await checkAccessibility()
    // Typed with the country code and the UK's 0, stored in E.164, shown as a UK number.
    await fill({ phone: '+44 07700 900123' })
    await submit('Save details')
    await arriveAt('/profile')
    expect(await statusText()).toContain('Your details have been saved')
    expect(await value('phone')).toBe('07700 900123')
    expect((await t.payload.findByID({ collection: 'accounts', id: learnerId, ...system })).phone).toBe('+447700900123')
  })

  it('adds an address (a wrong postcode is refused and what was typed kept), then edits it', async () => {
    await visit('/profile/addresses')
    expect(await mainText()).toContain('You have no addresses yet')
    await checkAccessibility()
    await submit('Add an address')
    await arriveAt('/profile/addresses/new')
    await checkAccessibility()
    expect(await page.$eval('select[name="country"]', (el) => [(el as HTMLSelectElement).value, el.options[0]!.text, el.options[1]!.text])).toEqual(['GB', 'Select country', 'United Kingdom'])
    await fill({ label: 'H'.repeat(61), line1: '12 Analytical Row', town: 'London', postcode: 'NOT A CODE' })
    await submit('Add address')
    const problems = await errorSummary()
    expect(problems).toContain('Enter a real UK postcode')
    expect(problems).toContain('The name of the address is too long (at most 60 characters).')
    expect(await focusIsOnErrorSummary()).toBe(true)
    expect(await value('line1')).toBe('12 Analytical Row')
    expect(await value('postcode')).toBe('NOT A CODE')
    await checkAccessibility()
    await fill({ label: 'Home', postcode: 'sw1a1aa' })
    await submit('Add address')
    await arriveAt('/profile/addresses')
    const card = await page.$eval('.address-card', (el) => el.textContent ?? '')
    expect(card).toContain('SW1A 1AA')
    expect(card).toContain('Default billing address')
    expect(card).toContain('Default delivery address')

    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('.address-card a.button')])
    expect(await heading()).toBe('Change an address')
    await checkAccessibility()
    await fill({ town: 'Westminster' })
    await submit('Save address')
    await arriveAt('/profile/addresses')
    expect(await statusText()).toContain('The address has been saved')
    expect(await page.$eval('.address-card', (el) => el.textContent)).toContain('Westminster')
    await checkAccessibility()
  })

  it('uploads a photo that only its owner (and support) can see', async () => {
    await visit('/profile/photo')
    await checkAccessibility()
    const file = path.join(downloads, 'me.png')
    writeFileSync(file, TINY_PNG().data)
    const input = await page.$('#photo')
    await (input as unknown as { uploadFile: (p: string) => Promise<void> }).uploadFile(file)
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), (await button('Upload photo')).click()])
    await arriveAt('/profile/photo')
    expect(await statusText()).toContain('Your photo has been saved')
    const src = await page.$eval('img.avatar', (el) => (el as HTMLImageElement).getAttribute('src')!)
    expect(await page.$eval('img.avatar', (el) => (el as HTMLImageElement).naturalWidth)).toBe(1) // served to its owner
    await checkAccessibility()

    const other = await signIn(server.url, 'accounts', 'bob@example.test', PASSWORD)
    expect((await fetch(`${server.url}${src}`, { headers: { Cookie: other, Origin: server.url } })).status).toBe(403)
    expect((await fetch(`${server.url}${src}`)).status).toBe(403)
  })

  it('a file that is not an image is refused with a clear message', async () => {
    const file = path.join(downloads, 'not-a-photo.png')
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    const input = await page.$('#photo')
    await (input as unknown as { uploadFile: (p: string) => Promise<void> }).uploadFile(file)
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), (await button('Upload photo')).click()])
    expect(await errorSummary()).toContain('The photo must be a JPEG, PNG or WebP image')
    expect(await page.$eval('#photo', (el) => el.getAttribute('aria-describedby'))).toContain('photo-error')
    await checkAccessibility()
  })

  it('changes the password and signs out every other device', async () => {
    const otherDevice = await signIn(server.url, 'accounts', 'ada@example.test', PASSWORD)
    expect(await whoIs(otherDevice)).toBe('ada@example.test')
    await visit('/profile/password')
    await checkAccessibility()
    await fill({ currentPassword: 'not my password', password: 'short', confirmPassword: 'shorter' })
    await submit('Save new password')
    // Every problem at once, the wrong current password among them.
    const problems = await errorSummary()
    expect(problems).toContain('Your current password is not right')
    expect(problems).toContain('at least 12 characters')
    expect(problems).toContain('The new passwords do not match.')
    expect(await focusIsOnErrorSummary()).toBe(true)
    expect(await value('currentPassword')).toBe('')
    await checkAccessibility()
    await fill({ currentPassword: PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    await tick('#signOutOthers')
    await submit('Save new password')
    await arriveAt('/profile/password')
    expect(await statusText()).toContain('signed out of all other devices')
    expect(await whoIs(otherDevice)).toBeNull()
    const mail = await smtp.waitFor('ada@example.test', /Your password has been changed/)
    expect(mail.text).toContain('signed out on every other device')
    // This browser stays signed in.
    await visit('/profile')
    expect(new URL(page.url()).pathname).toBe('/profile')
  })

  it('downloads a JSON file of everything held about the account, and only that account', async () => {
    await visit('/profile/delete')
    await checkAccessibility()
    const cdp = await page.createCDPSession()
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads })
    await (await button('Download my data')).click()
    let file: string | undefined
    for (let i = 0; i < 100 && !file; i++) {
      file = readdirSync(downloads).find((name) => name.startsWith('my-account-data-') && name.endsWith('.json'))
      if (!file) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(file, 'the download').toBeDefined()
    const data = JSON.parse(readFileSync(path.join(downloads, file!), 'utf8'))
    expect(data.account.email).toBe('ada@example.test')
    expect(data.addresses[0]).toMatchObject({ label: 'Home', town: 'Westminster' })
    expect(data.candidateRecord).toMatchObject({ candidateNumber: '00888001' })
    expect(JSON.stringify(data)).not.toMatch(/"hash"|"salt"|"sessions"/)

    const headers = await page.evaluate(async () => {
      const response = await fetch('/profile/export')
      return { type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition') }
    })
    expect(headers.type).toBe('application/json; charset=utf-8')
    expect(headers.disposition).toMatch(/^attachment; filename="my-account-data-\d{4}-\d{2}-\d{2}\.json"$/)

    const other = await signIn(server.url, 'accounts', 'bob@example.test', PASSWORD)
    const theirs = await (await fetch(`${server.url}/profile/export`, { headers: { Cookie: other, Origin: server.url } })).json()
    expect(theirs.account.email).toBe('bob@example.test')
    expect(JSON.stringify(theirs)).not.toContain('ada@example.test')
  })

  it('every profile page fits a 320 px phone without sideways scrolling', async () => {
    await page.setViewport({ width: 320, height: 800 })
    for (const pathname of PROFILE_PAGES) {
      await visit(pathname)
      expect(await page.evaluate(() => document.documentElement.scrollWidth), pathname).toBeLessThanOrEqual(320)
    }
    await page.setViewport({ width: 1280, height: 900 })
  })

  it('deletes the account after the password is typed; orders are kept without it', async () => {
    const order = await t.payload.create({
      collection: 'orders',
      data: {
        orderNumber: 'ORD-E2E-1',
        account: learnerId,
        status: 'dispatched',
        paidAt: '2026-01-02T10:00:00.000Z',
        items: [{ product: (await t.payload.create({ collection: 'products', data: { name: 'Duplicate', code: 'DUP', pricePence: 3050, vatRatePercent: 0 }, ...system })).id, achievement: (await t.payload.find({ collection: 'achievements', limit: 1, ...system })).docs[0]!.id, reason: 'lost', description: 'Duplicate certificate', unitPricePence: 3050, vatPence: 0 }],
        subtotalPence: 3050,
        deliveryPence: 0,
        vatPence: 0,
        totalPence: 3050,
      } as never,
      ...system,
    })
    await visit('/profile/delete')
    expect(await mainText()).toContain('keep the record of your orders')
    await fill({ password: PASSWORD })
    await submit('Delete my account')
    expect(await errorSummary()).toContain('Your account has not been deleted')
    expect(await focusIsOnErrorSummary()).toBe(true)
    await checkAccessibility()
    await fill({ password: NEW_PASSWORD })
    const deletedFrom = Date.now()
    await submit('Delete my account')
    await arriveAt('/')
    expect(await statusText()).toContain('Your account has been deleted')
    await checkAccessibility()
    await smtp.waitFor('ada@example.test', /Your account has been deleted/)

    expect(await t.payload.count({ collection: 'accounts', where: { email: { equals: 'ada@example.test' } }, ...system })).toEqual({ totalDocs: 0 })
    const kept = await t.payload.findByID({ collection: 'orders', id: order.id, ...system })
    expect(kept.account ?? null).toBeNull()
    expect(new Date(kept.accountDeletedAt!).getTime()).toBeGreaterThanOrEqual(deletedFrom)
    await visit('/profile')
    expect(new URL(page.url()).pathname).toBe('/sign-in')
  })

  it('has no WCAG 2.2 AA violations on any profile page', () => {
    expect(violations).toEqual([])
  })
})
