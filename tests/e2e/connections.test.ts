import type { Page } from 'puppeteer-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { payloadPool } from '../../src/collections/sql'
import { formatAccessUntil } from '../../src/lib/dates'
import { accessibilityViolations } from '../helpers/axe'
import { mkdirSync } from 'node:fs'

import { clickAndSettle, fillFields, launchBrowser, tickBox, visitPage } from '../helpers/browser'
import { tableLayoutProblems } from '../helpers/layout'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startServer, type RunningServer } from '../helpers/server'
import { startSmtpServer } from '../helpers/smtp'

/**
 * The issue's journey in Chromium: a learner shares two of four documents with an address that
 * has no account; the third party registers from the emailed link, confirms, accepts, sees
 * exactly those two, opens one (the learner sees the view receipt), asks for more time; the
 * learner approves, then takes one document back; the access date passes and the third party
 * sees nothing. Every connections page is checked with axe at phone and desktop widths.
 */
let t: TestPayload
let server: RunningServer
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let learner: Page
let thirdParty: Page
const violations: string[] = []
const layout: string[] = []
const PASSWORD = 'green kettle harbour'
const STAFF_PASSWORD = 'staff kettle harbour 42'
const SHOTS = '/tmp/connections-shots'
mkdirSync(SHOTS, { recursive: true })
const system = { overrideAccess: true, depth: 0 } as const
const references: string[] = []
let connectionPath = ''

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await startTestPayload()
  const candidate = await t.payload.create({ collection: 'candidates', data: { candidateNumber: '00888001', firstName: 'Priya', surname: 'Shah', dateOfBirth: '1990-03-04T00:00:00.000Z' }, ...system })
  for (const [number, title] of [['603/1111/1', 'Level 2 Award in Safe Working'], ['603/2222/2', 'Level 3 Diploma in Vehicle Systems']]) {
    const qualification = await t.payload.create({ collection: 'qualifications', data: { qualificationNumber: number!, title: title!, level: '3', type: 'regulated' }, ...system })
    const achievement = await t.payload.create({ collection: 'achievements', data: { candidate: candidate.id, qualification: qualification.id, grade: 'Pass', issueDate: '2024-01-01T00:00:00.000Z' }, ...system })
    for (const type of ['certificate', 'transcript'] as const) {
      const document = await t.payload.create({ collection: 'documents', data: { achievement: achievement.id, type } as never, ...system })
      references.push(document.reference!)
    }
  }
  await t.payload.create({
    collection: 'accounts',
    data: { email: 'priya@example.test', password: PASSWORD, _verified: true, kind: 'learner', status: 'approved', firstName: 'Priya', lastName: 'Shah', candidate: candidate.id } as never,
    disableVerificationEmail: true,
    ...system,
  })
  await t.payload.create({ collection: 'staff', data: { email: 'support@example.test', name: 'Sam Support', role: 'support', password: STAFF_PASSWORD } as never, ...system })
  server = await startServer({ DATABASE_URL: t.databaseUrl, SMTP_URL: smtp.url })
  browser = await launchBrowser()
  learner = await personAt('/sign-in')
}, 600_000)

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(`Server output before the failure:\n${server.output().slice(-4000)}`)
})

afterAll(async () => {
  await browser?.cleanUp()
  await server?.stop()
  await smtp?.close()
  await t?.close()
})

/** Each person has a browser of their own. */
async function personAt(path: string) {
  const context = await browser.createBrowserContext()
  const page = await context.newPage()
  await page.setViewport({ width: 1280, height: 900 })
  page.setDefaultTimeout(120_000)
  await visitPage(page, `${server.url}${path}`)
  return page
}
async function submit(page: Page, label: string) {
  const [button] = await page.$$(`xpath/.//button[normalize-space()="${label}"]`)
  if (!button) throw new Error(`No button "${label}" on ${page.url()}`)
  await clickAndSettle(page, button as unknown as { click: () => Promise<void> })
}
async function signIn(page: Page, email: string) {
  await visitPage(page, `${server.url}/sign-in`)
  await fillFields(page, { email, password: PASSWORD })
  await submit(page, 'Sign in')
  await page.waitForFunction(() => location.pathname === '/dashboard', { timeout: 60_000 })
}
const main = (page: Page) => page.$eval('main', (el) => el.textContent ?? '')
/** The page at a phone's and a desktop's width: a screenshot of each to look at, and what is wrong with its tables at each. */
async function atBothWidths(page: Page, name: string): Promise<string[]> {
  const problems: string[] = []
  for (const width of [390, 1280]) {
    await page.setViewport({ width, height: 900 })
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true })
    problems.push(...(await tableLayoutProblems(page)).map((p) => `${name} at ${width} px: ${p}`))
  }
  return problems
}
const noticeShown = (page: Page) => page.$$eval('.action-notice', (els) => els.filter((el) => (el as HTMLElement).checkVisibility()).map((el) => el.textContent ?? ''))
const checkAccessibility = async (page: Page) => violations.push(...(await accessibilityViolations(page)).map((v) => `${page.url()}: ${v}`))
const setDate = (page: Page, name: string, day: string) => page.$eval(`[name="${name}"]`, (el, value) => ((el as HTMLInputElement).value = value), day)
const dayAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
/** The references on the document cards the third party sees. */
const cardReferences = (page: Page) => page.$$eval('.document-card', (cards) => cards.map((card) => /\d{7,8}-\d{2}-[A-Z0-9]{4}/.exec(card.textContent ?? '')?.[0]).sort())
/** Fetches a document's PDF in the person's own session, as a click on "View" does. */
const pdfStatus = (page: Page, reference: string) =>
  page.evaluate(async (ref) => {
    const link = [...document.querySelectorAll<HTMLAnchorElement>('.document-card')].find((card) => card.textContent?.includes(ref))?.querySelector<HTMLAnchorElement>('a[href$="/pdf"]')
    return link ? (await fetch(link.href)).status : 0
  }, reference)

describe('sharing two of four documents with a third party (Chromium)', { timeout: 300_000 }, () => {
  it('the learner shares two documents with an address that has no account', async () => {
    await signIn(learner, 'priya@example.test')
    await visitPage(learner, `${server.url}/connections`)
    await checkAccessibility(learner)
    await visitPage(learner, `${server.url}/connections/new`)
    await submit(learner, 'Share documents')
    expect(await main(learner)).toContain('Choose at least one document to share.')
    await checkAccessibility(learner)
    await fillFields(learner, { name: 'Alex Recruiter', email: 'alex@acme.test', company: 'Acme Engineering' })
    const boxes = await learner.$$eval('input[name=documents]', (inputs) => inputs.map((i) => `#${i.id}`))
    expect(boxes).toHaveLength(4)
    await tickBox(learner, boxes[0]!)
    await tickBox(learner, boxes[2]!)
    await submit(learner, 'Share documents')
    await learner.waitForFunction(() => /^\/connections\/\d+$/.test(location.pathname), { timeout: 60_000 })
    connectionPath = new URL(learner.url()).pathname
    expect(await main(learner)).toContain('Connection made. The third party has been emailed')
    expect(await main(learner)).toContain('Pending')
    await checkAccessibility(learner)
  })

  it('the third party registers from the emailed link, confirms, accepts and sees exactly those two', async () => {
    const invitation = await smtp.waitFor('alex@acme.test', /You are invited to see shared documents/)
    expect(invitation.text).toContain('Priya Shah wants to share 2 documents with you')
    const registerLink = /(http:\/\/\S+\/register\/third-party\?email=\S+)/.exec(invitation.text)![1]!
    thirdParty = await personAt(new URL(registerLink).pathname + new URL(registerLink).search)
    expect(await thirdParty.$eval('[name=email]', (el) => (el as HTMLInputElement).value)).toBe('alex@acme.test')
    await fillFields(thirdParty, { firstName: 'Alex', lastName: 'Recruiter', companyName: 'Acme Engineering', jobTitle: 'Talent Lead', password: PASSWORD, confirmPassword: PASSWORD })
    await tickBox(thirdParty, '#consent')
    await submit(thirdParty, 'Register')
    await thirdParty.waitForFunction(() => location.pathname === '/register/check-email', { timeout: 60_000 })
    const confirm = await smtp.waitFor('alex@acme.test', /Confirm your email address/)
    await visitPage(thirdParty, /(http:\/\/\S+token=[A-Za-z0-9_-]+)/.exec(confirm.text)![1]!)
    await submit(thirdParty, 'Confirm my email address')
    await signIn(thirdParty, 'alex@acme.test')
    expect(await main(thirdParty)).toContain('You have 0 active connections and 1 pending connection.')

    await visitPage(thirdParty, `${server.url}/connections`)
    expect(await main(thirdParty)).toContain('Priya Shah')
    await checkAccessibility(thirdParty)
    await visitPage(thirdParty, `${server.url}${connectionPath}`)
    expect(await thirdParty.$$('.document-card')).toHaveLength(0) // nothing until accepted
    await submit(thirdParty, 'Accept the connection')
    expect(await main(thirdParty)).toContain('Accepted: the connection is active')
    expect(await cardReferences(thirdParty)).toEqual([references[0], references[2]].sort())
    await checkAccessibility(thirdParty)
    await smtp.waitFor('priya@example.test', /Your connection has been accepted/)
  })

  it('the third party opens one document and the learner sees the view receipt', async () => {
    expect(await pdfStatus(thirdParty, references[0]!)).toBe(200)
    await visitPage(learner, `${server.url}${connectionPath}`)
    const receipts = await learner.$eval('.receipts', (el) => el.textContent ?? '')
    expect(receipts).toMatch(new RegExp(`${references[0]}: last viewed \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d, 1 time in all`))
    expect(receipts).toContain(`${references[2]}: not viewed yet`)
  })

  it('the third party asks for more time and the learner approves', async () => {
    await visitPage(thirdParty, `${server.url}${connectionPath}`)
    await setDate(thirdParty, 'accessUntil', dayAhead(90))
    await fillFields(thirdParty, { message: 'Our hiring panel meets next quarter' })
    await submit(thirdParty, 'Ask for an extension')
    expect(await main(thirdParty)).toContain('Extension asked for. The learner has been emailed')
    const asked = await smtp.waitFor('priya@example.test', /A request for longer access/)
    expect(asked.text).toContain('Our hiring panel meets next quarter')

    await visitPage(learner, `${server.url}${connectionPath}`)
    expect(await main(learner)).toContain('Acme Engineering · Alex Recruiter asks to see your documents until')
    await checkAccessibility(learner)
    await submit(learner, 'Approve the extension')
    expect(await main(learner)).toContain('Extension approved')
    await smtp.waitFor('alex@acme.test', /Your extension request was approved/)
  })

  it('the learner takes one document back and the third party no longer sees it', async () => {
    await visitPage(learner, `${server.url}${connectionPath}/documents`)
    await checkAccessibility(learner)
    const firstShared = `#${await learner.$eval('input[name=documents]:checked', (el) => el.id)}`
    await learner.focus(firstShared)
    await learner.keyboard.press('Space') // untick it
    await submit(learner, 'Share documents')
    expect(await main(learner)).toContain('Documents changed')
    await smtp.waitFor('alex@acme.test', /The documents shared with you have changed/)
    await visitPage(thirdParty, `${server.url}${connectionPath}`)
    const seen = await cardReferences(thirdParty)
    expect(seen).toHaveLength(1)
    const gone = [references[0]!, references[2]!].find((ref) => !seen.includes(ref))!
    expect(await thirdParty.evaluate(async () => (await fetch(location.href)).status)).toBe(200)
    // The document taken back answers 404 to the third party, by its own address too.
    const goneId = await learner.evaluate(async (ref) => {
      const answer = await fetch(`/api/documents?where[reference][equals]=${ref}&depth=0`, { credentials: 'include' })
      return ((await answer.json()) as { docs: Array<{ id: number }> }).docs[0]?.id
    }, gone)
    expect(await thirdParty.evaluate(async (id) => (await fetch(`/documents/${id}/pdf`)).status, goneId)).toBe(404)
  })

  it('once the access date has passed the third party sees nothing, and the expiry job emails both sides', async () => {
    const id = Number(connectionPath.split('/').pop())
    // The clock moves on: the access date is now a second ago.
    await payloadPool(t.payload).query(`update connections set access_until = now() - interval '1 second' where id = $1`, [id])
    await visitPage(thirdParty, `${server.url}${connectionPath}`)
    expect(await thirdParty.$$('.document-card')).toHaveLength(0)
    expect(await main(thirdParty)).toContain('This connection has ended')
    // Within seconds the server's own scheduled job marks it expired and tells both sides, once.
    await smtp.waitFor('alex@acme.test', /A connection’s access date has passed/, 90_000)
    await smtp.waitFor('priya@example.test', /A connection’s access date has passed/, 90_000)
    await visitPage(thirdParty, `${server.url}/connections?tab=inactive`)
    expect(await main(thirdParty)).toContain('Expired')
    await checkAccessibility(thirdParty)
    expect(smtp.received.filter((m) => /access date has passed/.test(m.subject))).toHaveLength(2)
  })

  it('the learner extends the expired connection with a new access date: active again, and the third party is emailed', async () => {
    await visitPage(learner, `${server.url}${connectionPath}`)
    expect(await main(learner)).toContain('Extend the connection')
    expect(await main(learner)).toContain('Give it a new access date and it is active again')
    await checkAccessibility(learner)
    await setDate(learner, 'accessUntil', dayAhead(30))
    await submit(learner, 'Extend the connection')
    expect(await main(learner)).toContain('Access date changed: the connection is active until then')
    expect(await learner.$eval('.connection-facts', (el) => el.textContent ?? '')).toContain('Active')
    await smtp.waitFor('alex@acme.test', /Your access to shared documents has been extended/)
    await visitPage(thirdParty, `${server.url}${connectionPath}`)
    expect(await cardReferences(thirdParty)).toHaveLength(1)
  })

  it('a notice from the last action is shown once, and never above the next action’s error', async () => {
    await visitPage(learner, `${server.url}${connectionPath}`)
    await setDate(learner, 'accessUntil', dayAhead(20))
    await submit(learner, 'Save the access date')
    expect(await noticeShown(learner)).toEqual([expect.stringContaining('Access date shortened')])
    expect(new URL(learner.url()).search).toBe('') // a reload does not say it again
    // Next's router may render the clean address again from the server, which no longer passes the text: the notice stays.
    await learner.evaluate(() => (window as unknown as { next: { router: { refresh(): void } } }).next.router.refresh())
    await learner.waitForNetworkIdle({ idleTime: 300 })
    expect(await noticeShown(learner)).toEqual([expect.stringContaining('Access date shortened')])
    await setDate(learner, 'accessUntil', dayAhead(-2))
    await submit(learner, 'Save the access date')
    expect(await main(learner)).toContain('The access date cannot be in the past.')
    expect(await noticeShown(learner)).toEqual([])
    // The same without JavaScript: the form posts to the page's address, notice and all.
    const plain = await learner.browserContext().newPage()
    await plain.setJavaScriptEnabled(false)
    await visitPage(plain, `${server.url}${connectionPath}?notice=shortened`)
    expect(await noticeShown(plain)).toEqual([expect.stringContaining('Access date shortened')])
    await setDate(plain, 'accessUntil', dayAhead(-2))
    await Promise.all([plain.waitForNavigation(), plain.click('xpath/.//button[normalize-space()="Save the access date"]')])
    expect(await main(plain)).toContain('The access date cannot be in the past.')
    expect(await noticeShown(plain)).toEqual([])
    await plain.close()
  })

  it('“Report a problem” leads the third party back to the connection', async () => {
    await visitPage(thirdParty, `${server.url}${connectionPath}`)
    const report = await thirdParty.$('xpath/.//a[starts-with(normalize-space(), "Report a problem")]')
    await clickAndSettle(thirdParty, report as unknown as { click: () => Promise<void> })
    expect(new URL(thirdParty.url()).pathname).toMatch(/^\/documents\/\d+\/report$/)
    const crumbs = await thirdParty.$$eval('.breadcrumbs a', (links) => links.map((a) => [a.textContent, new URL((a as HTMLAnchorElement).href).pathname]))
    expect(crumbs).toEqual([['Connections', '/connections'], ['The connection', connectionPath]])
    expect(await thirdParty.$eval('xpath/.//a[normalize-space()="Back to the connection"]', (a) => new URL((a as HTMLAnchorElement).href).pathname)).toBe(connectionPath)
    expect(await main(thirdParty)).not.toContain('My documents')
    layout.push(...(await atBothWidths(thirdParty, 'report-problem')))
    await checkAccessibility(thirdParty)
  })

  it('a request to a mistyped address: “Waiting for the learner”, with when it lapses; the third party cancels it, asked once', async () => {
    await visitPage(thirdParty, `${server.url}/connections/new`)
    expect(await main(thirdParty)).toContain('If nobody answers within 30 days, the request lapses.')
    await fillFields(thirdParty, { email: 'pryia@example.test', message: 'Your application' })
    await submit(thirdParty, 'Send the request')
    expect(await main(thirdParty)).toContain('Request sent.')
    const row = () => thirdParty.$eval('xpath/.//tr[contains(., "pryia@example.test")]', (tr) => tr.textContent ?? '')
    expect(await row()).toContain('Waiting for the learner')
    expect(await main(thirdParty)).not.toContain('—')
    layout.push(...(await atBothWidths(thirdParty, 'third-party-connections')))
    await checkAccessibility(thirdParty)
    const open = await thirdParty.$('xpath/.//tr[contains(., "pryia@example.test")]//a')
    await clickAndSettle(thirdParty, open as unknown as { click: () => Promise<void> })
    expect(await main(thirdParty)).toMatch(/If nobody answers by \d\d\/\d\d\/\d{4}, the connection lapses\./)
    await submit(thirdParty, 'Cancel the connection')
    expect(await main(thirdParty)).toContain('Cancel your request? The learner is not asked any more.')
    expect(await thirdParty.$eval('.connection-facts', (el) => el.textContent ?? '')).toContain('Pending') // asked, not done
    layout.push(...(await atBothWidths(thirdParty, 'cancel-confirm')))
    await checkAccessibility(thirdParty)
    await submit(thirdParty, 'Yes, cancel the connection')
    expect(await thirdParty.$eval('.connection-facts', (el) => el.textContent ?? '')).toContain('Cancelled')
    await visitPage(thirdParty, `${server.url}/connections?tab=inactive`)
    expect(await row()).toContain('Not answered')
  })

  it('the connections tables keep every word whole and inside their box, at 390 and 1280 px', async () => {
    await visitPage(learner, `${server.url}/connections`)
    layout.push(...(await atBothWidths(learner, 'learner-connections')))
    await visitPage(learner, `${server.url}/connections?tab=inactive`)
    layout.push(...(await atBothWidths(learner, 'learner-connections-inactive')))
    await visitPage(thirdParty, `${server.url}/connections`)
    layout.push(...(await atBothWidths(thirdParty, 'third-party-active')))
    expect(layout).toEqual([])
    // The check itself sees what the old stylesheet did: words broken to fit a narrow column, and a table wider than its box.
    await learner.evaluate(() => {
      document.querySelector('main')!.insertAdjacentHTML(
        'beforeend',
        '<div style="width:40px"><table class="probe"><tr><td style="overflow-wrap:anywhere">Pending 07/01/2027</td></tr></table></div><div style="width:90px"><table class="probe"><tr><td style="white-space:nowrap">Manage the connection</td></tr></table></div>',
      )
    })
    const probe = await tableLayoutProblems(learner, 'main table.probe')
    expect(probe).toEqual(expect.arrayContaining([expect.stringContaining('the word “07/01/2027” is broken'), expect.stringMatching(/^table 2 is \d+ px wide in a box of 90 px$/)]))
  })

  it('support cancels a connection in the admin, on the learner’s request: it asks once, then both sides are emailed', async () => {
    // A second connection, made out to the third party's account and accepted by it.
    await visitPage(learner, `${server.url}/connections/new`)
    await fillFields(learner, { name: 'Alex Recruiter', email: 'alex@acme.test' })
    await tickBox(learner, (await learner.$$eval('input[name=documents]', (inputs) => inputs.map((i) => `#${i.id}`)))[1]!)
    await submit(learner, 'Share documents')
    await learner.waitForFunction(() => /^\/connections\/\d+$/.test(location.pathname), { timeout: 60_000 })
    const second = Number(new URL(learner.url()).pathname.split('/').pop())
    await visitPage(thirdParty, `${server.url}/connections/${second}`)
    await submit(thirdParty, 'Accept the connection')
    smtp.received.length = 0

    const admin = await (await browser.createBrowserContext()).newPage()
    admin.setDefaultTimeout(120_000)
    await admin.setViewport({ width: 1280, height: 900 })
    await admin.goto(`${server.url}/admin/login`, { waitUntil: 'networkidle0' })
    await admin.type('#field-email', 'support@example.test')
    await admin.type('#field-password', STAFF_PASSWORD)
    await Promise.all([admin.waitForNavigation({ waitUntil: 'networkidle0' }), admin.click('button[type=submit]')])
    // The admin shows the access date as the portal does: its last day, in UK time (not the next day at 00:00).
    const lastDay = formatAccessUntil((await payloadPool(t.payload).query(`select access_until from connections where id = $1`, [second])).rows[0].access_until)
    await admin.goto(`${server.url}/admin/collections/connections`, { waitUntil: 'networkidle0' })
    expect(await admin.$eval('table', (table) => table.textContent ?? '')).toContain(lastDay)
    await admin.goto(`${server.url}/admin/collections/connections/${second}`, { waitUntil: 'networkidle0' })
    await admin.waitForSelector('#cancel-note')
    expect(await admin.$eval('.access-until', (el) => el.textContent ?? '')).toContain(`${lastDay} (the last day the third party can see the documents, UK time)`)
    await admin.type('#cancel-note', 'The learner asked by phone on 07/12/2026')
    const cancel = await admin.waitForSelector('xpath/.//button[normalize-space()="Cancel the connection" and not(@disabled)]')
    await cancel!.click()
    await admin.waitForFunction(() => document.body.textContent?.includes('This cannot be undone.'))
    const status = async () => (await payloadPool(t.payload).query(`select status from connections where id = $1`, [second])).rows[0].status
    expect(await status()).toBe('active') // asked, not done
    await admin.screenshot({ path: `${SHOTS}/admin-cancel-confirm-1280.png`, fullPage: true })
    const yes = await admin.waitForSelector('xpath/.//button[normalize-space()="Yes, cancel it"]')
    await yes!.click()
    await admin.waitForFunction(() => document.body.textContent?.includes('Cancelled: both sides have been emailed.'))
    expect(await status()).toBe('cancelled')
    await smtp.waitFor('alex@acme.test', /A connection has been cancelled/)
    const toLearner = await smtp.waitFor('priya@example.test', /A connection has been cancelled/)
    expect(toLearner.text).toContain('Our support team has cancelled the connection')
    const { rows } = await payloadPool(t.payload).query(`select party, note from connection_events where connection_id = $1 and event = 'cancelled'`, [second])
    expect(rows).toEqual([{ party: 'support', note: 'The learner asked by phone on 07/12/2026' }])
  })

  it('the learner deletes a connection, asked once and without JavaScript; its old links then say it was deleted', async () => {
    const plain = await learner.browserContext().newPage()
    await plain.setJavaScriptEnabled(false)
    await visitPage(plain, `${server.url}${connectionPath}`)
    await Promise.all([plain.waitForNavigation(), plain.click('xpath/.//button[normalize-space()="Delete the connection"]')])
    expect(await main(plain)).toContain('Delete the connection with Acme Engineering · Alex Recruiter? They can no longer see your documents')
    expect(await payloadPool(t.payload).query(`select 1 from connections where id = $1`, [Number(connectionPath.split('/').pop())]).then((r) => r.rowCount)).toBe(1)
    await plain.close()
    await visitPage(learner, `${server.url}${connectionPath}`)
    await submit(learner, 'Delete the connection')
    layout.push(...(await atBothWidths(learner, 'delete-confirm')))
    await checkAccessibility(learner)
    await submit(learner, 'Yes, delete the connection')
    await learner.waitForFunction(() => location.pathname === '/connections')
    expect(await main(learner)).toContain('Connection deleted.')
    await smtp.waitFor('alex@acme.test', /A learner has stopped sharing documents with you/)

    for (const [page, who] of [[learner, 'You deleted this connection'], [thirdParty, 'The learner deleted this connection']] as const) {
      expect(await page.evaluate(async (path) => (await fetch(path)).status, connectionPath)).toBe(200)
      await visitPage(page, `${server.url}${connectionPath}`)
      expect(await page.$eval('h1', (el) => el.textContent)).toBe('This connection was deleted')
      expect(await main(page)).toContain(who)
      expect(await main(page)).not.toContain('Alex')
      expect(await main(page)).not.toContain('Priya')
    }
    layout.push(...(await atBothWidths(thirdParty, 'deleted')))
    await checkAccessibility(thirdParty)
  })

  it('an id past PostgreSQL’s integer range answers as an unknown one does', async () => {
    for (const page of [learner, thirdParty])
      for (const path of ['/connections/99999999999', '/connections/99999999999/documents', '/connections/2147483647'])
        expect(await page.evaluate(async (p) => (await fetch(p)).status, path), path).toBe(404)
  })

  it('has no WCAG 2.2 AA violations on any connections page, at phone and desktop widths', () => {
    expect(violations).toEqual([])
  })
})
