import type { Page } from 'puppeteer-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { accessibilityViolations } from '../helpers/axe'
import { clickAndSettle, fillFields, launchBrowser, tickBox, visitPage } from '../helpers/browser'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startServer, type RunningServer } from '../helpers/server'
import { startSmtpServer } from '../helpers/smtp'

let t: TestPayload
let server: RunningServer
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
const violations: string[] = []

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await startTestPayload()
  const system = { overrideAccess: true, depth: 0 } as const
  const candidate = await t.payload.create({ collection: 'candidates', data: { candidateNumber: '00777001', firstName: 'Zoë', surname: "D'Arcy", dateOfBirth: '1988-11-02T00:00:00.000Z' }, ...system })
  const qualification = await t.payload.create({ collection: 'qualifications', data: { qualificationNumber: '603/4182/8', title: 'Level 3 Diploma', level: '3', type: 'regulated' }, ...system })
  await t.payload.create({ collection: 'achievements', data: { candidate: candidate.id, qualification: qualification.id, grade: 'Merit', issueDate: '2024-01-01T00:00:00.000Z' }, ...system })
  await t.payload.create({ collection: 'candidates', data: { candidateNumber: '00777002', firstName: 'Zoe', surname: 'Darcy-Smith', dateOfBirth: '1988-11-02T00:00:00.000Z' }, ...system })
  await t.payload.create({ collection: 'staff', data: { email: 'support@fixture.test', name: 'Sam Support', role: 'support', password: 'fixture-password-123' }, ...system })
  server = await startServer({ DATABASE_URL: t.databaseUrl, SMTP_URL: smtp.url })
  browser = await launchBrowser()
  page = await browser.newPage()
  await page.setViewport({ width: 1280, height: 900 })
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

/** Each person in these journeys has a browser of their own: nothing carries over from the last test. */
async function newPerson() {
  const context = await browser.createBrowserContext()
  page = await context.newPage()
  await page.setViewport({ width: 1280, height: 900 })
  page.setDefaultTimeout(120_000)
}

const visit = (pathname: string) => visitPage(page, `${server.url}${pathname}`)
const fill = (fields: Record<string, string>) => fillFields(page, fields)
const tick = (selector: string) => tickBox(page, selector)
async function submit(label: string) {
  const [button] = await page.$$(`xpath/.//button[normalize-space()="${label}"]`)
  if (!button) throw new Error(`No button "${label}"`)
  await clickAndSettle(page, button as unknown as { click: () => Promise<void> })
}
/** The support member signs in to the admin in a browser of their own (another person, another browser). */
async function supportSignsInToAdmin() {
  const staffContext = await browser.createBrowserContext()
  const admin = await staffContext.newPage()
  await admin.setViewport({ width: 1280, height: 900 })
  admin.setDefaultTimeout(120_000)
  await admin.goto(`${server.url}/admin/login`, { waitUntil: 'networkidle0' })
  await admin.type('#field-email', 'support@fixture.test')
  await admin.type('#field-password', 'fixture-password-123')
  await Promise.all([admin.waitForNavigation({ waitUntil: 'networkidle0' }), admin.click('button[type=submit]')])
  return { staffContext, admin }
}
/** Waits until the browser is on `path`; if it never gets there, says what the page shows instead. */
async function arriveAt(path: string) {
  try {
    await page.waitForFunction((p) => location.pathname === p, { timeout: 60_000 }, path)
  } catch {
    throw new Error(`Expected to reach ${path}, still on ${page.url()}: ${await page.$eval('main', (el) => el.textContent)}`)
  }
}
const heading = () => page.$eval('h1', (el) => el.textContent?.trim())
const checkAccessibility = async () => violations.push(...(await accessibilityViolations(page)).map((v) => `${page.url()}: ${v}`))
const errorSummary = async () => (await page.waitForSelector('.error-summary', { timeout: 60_000 }))!.evaluate((el) => el.textContent ?? '')
/** After a refused submission the focus is on the list of problems (the GOV.UK pattern). */
const focusIsOnErrorSummary = () => page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false)

describe('a learner registers, confirms the email and signs in (Chromium)', { timeout: 300_000 }, () => {
  it('step 1 checks the details on the server and keeps what was typed', async () => {
    await visit('/register')
    expect(await heading()).toMatch(/eligible to register/)
    await checkAccessibility()
    await fill({ candidateNumber: '777001', firstName: 'Z'.repeat(150), surname: 'DARCY', dateOfBirth: '31/02/1988' })
    await tick('#consent')
    await submit('Agree and continue')
    // Each problem named for what it is, both at once, and the focus on the list of them.
    const problems = await errorSummary()
    expect(problems).toContain('31/02/1988 is not a real date')
    expect(problems).toContain('Your first name is too long (at most 100 characters).')
    expect(await focusIsOnErrorSummary()).toBe(true)
    expect(await page.$eval('[name="surname"]', (el) => (el as HTMLInputElement).value)).toBe('DARCY')
    await checkAccessibility()
    await fill({ firstName: 'zoe', dateOfBirth: '02/11/1988' })
    await submit('Agree and continue')
    expect(await heading()).toMatch(/address and telephone/)
  })

  it('steps 2 and 3 lead to "check your email"', async () => {
    await checkAccessibility()
    // The country is chosen from the ISO list, the United Kingdom first, as is the telephone number's.
    expect(await page.$eval('select[name="country"]', (el) => [(el as HTMLSelectElement).value, el.options[0]!.text, el.options[1]!.text, el.options.length])).toEqual([
      'GB',
      'Select country',
      'United Kingdom',
      251,
    ])
    expect(await page.$eval('select[name="phoneCountry"] option:checked', (el) => el.textContent)).toBe('United Kingdom (+44)')
    await fill({ addressLine1: '5 Mill Lane', town: 'Leeds', postcode: 'LS1 4AP', phoneNumber: '0770' })
    await submit('Continue')
    expect(await errorSummary()).toContain('The telephone number is too short')
    expect(await focusIsOnErrorSummary()).toBe(true)
    await checkAccessibility()
    await fill({ phoneNumber: '+44 07700 900123' })
    await submit('Continue')
    expect(await heading()).toMatch(/email and password/)
    await fill({ email: 'zoe@example.test', password: 'short', confirmPassword: 'shorter' })
    await submit('Save details and register')
    const problems = await errorSummary()
    expect(problems).toContain('at least 12 characters')
    expect(problems).toContain('The passwords do not match.')
    expect(await focusIsOnErrorSummary()).toBe(true)
    await checkAccessibility()
    await fill({ email: 'zoe@example.test', password: 'purple otter lantern', confirmPassword: 'purple otter lantern' })
    await checkAccessibility()
    await submit('Save details and register')
    await arriveAt('/register/check-email')
    expect(await heading()).toBe('Check your email')
    await checkAccessibility()
  })

  it('the link in the email confirms the address, matches the record and the learner signs in to the dashboard', async () => {
    const mail = await smtp.waitFor('zoe@example.test', /Confirm your email address/)
    const stored = (await t.payload.find({ collection: 'accounts', where: { email: { equals: 'zoe@example.test' } }, overrideAccess: true, depth: 0 })).docs[0]!
    expect(stored).toMatchObject({ phone: '+447700900123', addresses: [expect.objectContaining({ country: 'GB', postcode: 'LS1 4AP' })] })
    const link = /(http:\/\/localhost:\d+\/register\/verify\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!
    await page.goto(link, { waitUntil: 'networkidle0' })
    await checkAccessibility()
    await submit('Confirm my email address')
    await arriveAt('/register/confirmed')
    expect(await heading()).toBe('Your documents are ready')
    await smtp.waitFor('zoe@example.test', /Your documents are ready/)

    await visit('/sign-in')
    await checkAccessibility()
    await fill({ email: 'zoe@example.test', password: 'not the password' })
    await submit('Sign in')
    expect(await page.$eval('[role=alert]', (el) => el.textContent)).toContain('email address or password is not right')
    await fill({ password: 'purple otter lantern' })
    await submit('Sign in')
    await arriveAt('/dashboard')
    expect(await heading()).toBe('Welcome, zoe')
    expect(await page.$eval('main', (el) => el.textContent)).toContain('You have 0 active connections and 0 pending connections')
    await checkAccessibility()
  })

  it('signing out ends the session', async () => {
    await submit('Sign out')
    await arriveAt('/')
    await visit('/dashboard')
    expect(new URL(page.url()).pathname).toBe('/sign-in')
  })

  it('"Send the link again" from the sign-in page asks for the address before saying a link was sent', async () => {
    await newPerson()
    await visit('/sign-in')
    await fill({ email: 'someone@example.test', password: 'not the password' })
    await submit('Sign in')
    const [again] = await page.$$('xpath/.//a[normalize-space()="Send the link again"]')
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), (again as unknown as { click: () => Promise<void> }).click()])
    await arriveAt('/register/check-email')
    expect(await heading()).toBe('Send the confirmation link again')
    expect(await page.$eval('main', (el) => el.textContent)).not.toContain('We have sent a link')
    await checkAccessibility()
    await submit('Send the link again')
    expect(await errorSummary()).toContain('Enter your email address.')
    expect(await focusIsOnErrorSummary()).toBe(true)
    expect(await page.$$('[role=status]')).toHaveLength(0)
    await checkAccessibility()
    await fill({ email: 'someone@example.test' })
    await submit('Send the link again')
    expect(await page.$eval('[role=status]', (el) => el.textContent)).toContain('If someone@example.test has an account waiting to be confirmed, we have sent it a new link')
  })

  it('a third party registers, confirms and signs in', async () => {
    await newPerson()
    await visit('/register/third-party')
    await checkAccessibility()
    await submit('Register')
    const problems = await errorSummary()
    for (const message of ['Enter your first name.', 'Enter your last name.', 'Enter the name of your company or organisation.', 'Enter your job title.', 'Enter your email address.', 'read the privacy policy'])
      expect(problems).toContain(message)
    expect(await focusIsOnErrorSummary()).toBe(true)
    await checkAccessibility()
    await fill({ firstName: 'Riley', lastName: 'Admissions', companyName: 'Uni of Example', jobTitle: 'Admissions Officer', email: 'riley@uni.test', password: 'green kettle harbour', confirmPassword: 'green kettle harbour' })
    await tick('#consent')
    await submit('Register')
    await arriveAt('/register/check-email')
    const mail = await smtp.waitFor('riley@uni.test', /Confirm your email address/)
    await page.goto(/(http:\/\/\S+token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!, { waitUntil: 'networkidle0' })
    await submit('Confirm my email address')
    await arriveAt('/register/confirmed')
    await visit('/sign-in')
    await fill({ email: 'riley@uni.test', password: 'green kettle harbour' })
    await submit('Sign in')
    await arriveAt('/dashboard')
    expect(await page.$eval('main', (el) => el.textContent)).toContain('Uni of Example')
    await submit('Sign out')
  })

  it('a learner whose details do not match waits for review; support approves in the admin; the learner then signs in', async () => {
    await newPerson()
    await visit('/register')
    await fill({ candidateNumber: '777001', firstName: 'Zoe', surname: 'Darcy-Smith', dateOfBirth: '02/11/1988' })
    await tick('#consent')
    await submit('Agree and continue')
    await submit('Continue')
    await fill({ email: 'zoe.ds@example.test', password: 'amber canyon whistle', confirmPassword: 'amber canyon whistle' })
    await submit('Save details and register')
    await arriveAt('/register/check-email')
    const mail = await smtp.waitFor('zoe.ds@example.test', /Confirm your email address/)
    await page.goto(/(http:\/\/\S+token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!, { waitUntil: 'networkidle0' })
    await submit('Confirm my email address')
    await arriveAt('/register/confirmed')
    expect(await heading()).toBe('We are checking your details')
    await smtp.waitFor('zoe.ds@example.test', /We are checking your details/)

    // A support member opens the review queue in the admin and approves with the right record.
    const { staffContext, admin } = await supportSignsInToAdmin()
    await admin.goto(`${server.url}/admin/collections/accounts?where[status][in][0]=awaiting-review`, { waitUntil: 'networkidle0' })
    const [row] = await admin.$$(`xpath/.//a[contains(normalize-space(), "zoe.ds@example.test")]`)
    await Promise.all([admin.waitForNavigation({ waitUntil: 'networkidle0' }), (row as unknown as { click: () => Promise<void> }).click()])
    // The record the number points at is already linked to another account; the right one is offered beside it.
    await admin.waitForSelector('input[name="review-candidate"]:not([disabled])')
    // The panel comes first, each detail side by side with its result in words; the status and the record are not edited here.
    const layout = await admin.evaluate(() => {
      const panel = document.querySelector('[aria-labelledby=review-heading]')!
      const status = document.querySelector('#field-status')!
      const results = (li: Element | null | undefined) =>
        Object.fromEntries([...(li?.querySelectorAll('tr[data-detail]') ?? [])].map((row) => [row.getAttribute('data-detail'), row.textContent]))
      const items = [...document.querySelectorAll('li.review-candidate')]
      return {
        panelFirst: Boolean(panel.compareDocumentPosition(status) & Node.DOCUMENT_POSITION_FOLLOWING),
        statusReadOnly: status.classList.contains('read-only'),
        candidateReadOnly: document.querySelector('#field-candidate')?.classList.contains('relationship--read-only') ?? null,
        free: results(items.find((li) => !li.querySelector('input[disabled]'))),
        linked: results(items.find((li) => li.querySelector('input[disabled]'))),
      }
    })
    expect(layout).toEqual({
      panelFirst: true,
      statusReadOnly: true,
      candidateReadOnly: true,
      free: { candidateNumber: 'Candidate number77700100777002✗ Differs', firstName: 'First nameZoeZoe✓ Match', surname: 'SurnameDarcy-SmithDarcy-Smith✓ Match', dateOfBirth: 'Date of birth02/11/198802/11/1988✓ Match' },
      linked: { candidateNumber: 'Candidate number77700100777001✓ Match', firstName: 'First nameZoeZoë✓ Match', surname: "SurnameDarcy-SmithD'Arcy✗ Differs", dateOfBirth: 'Date of birth02/11/198802/11/1988✓ Match' },
    })
    await admin.click('input[name="review-candidate"]:not([disabled])')
    // Wait until the choice has enabled the button (the admin re-renders after the click).
    const approve = await admin.waitForSelector('xpath/.//button[normalize-space()="Approve with the chosen record" and not(@disabled)]')
    await approve!.click()
    await admin.waitForFunction(() => document.querySelector('[aria-labelledby=review-heading] [role=status]')?.textContent?.includes('Approved'))
    await staffContext.close()
    await smtp.waitFor('zoe.ds@example.test', /Your documents are ready/)

    await visit('/sign-in')
    await fill({ email: 'zoe.ds@example.test', password: 'amber canyon whistle' })
    await submit('Sign in')
    await arriveAt('/dashboard')
    expect(await page.$eval('main', (el) => el.textContent)).not.toContain('We are checking your details')
    await submit('Sign out')
  })

  it('support asks one registrant for more information and rejects another in the admin: each is emailed, audited, and the panel refuses a decision without a message', async () => {
    const system = { overrideAccess: true, depth: 0 } as const
    const inReview = async (email: string, firstName: string) =>
      t.payload.create({
        collection: 'accounts',
        data: { email, password: 'amber canyon whistle', _verified: true, kind: 'learner', status: 'awaiting-review', firstName, lastName: 'Unmatched', registration: { candidateNumber: '999999', dateOfBirth: '1990-01-01T00:00:00.000Z', matchOutcome: 'not-found' } } as never,
        disableVerificationEmail: true,
        ...system,
      })
    const asked = await inReview('asked.in.admin@example.test', 'Asha')
    const refused = await inReview('refused.in.admin@example.test', 'Reece')
    const { staffContext, admin } = await supportSignsInToAdmin()
    const panelStatus = () => admin.$eval('[aria-labelledby=review-heading] [role=status]', (el) => el.textContent?.trim())
    const decide = async (button: string) => (await admin.waitForSelector(`xpath/.//button[normalize-space()="${button}" and not(@disabled)]`))!.click()
    const statusOf = async (id: number) => (await t.payload.findByID({ collection: 'accounts', id, ...system })).status

    // Asking for more information: without a message the panel says what is missing and nothing changes.
    await admin.goto(`${server.url}/admin/collections/accounts/${asked.id}`, { waitUntil: 'networkidle0' })
    await admin.waitForSelector('#review-message')
    await decide('Ask for more information')
    await admin.waitForFunction(() => document.querySelector('[aria-labelledby=review-heading] [role=status]')?.textContent?.includes('Write what you need'))
    expect(await statusOf(asked.id)).toBe('awaiting-review')
    await admin.type('#review-message', 'Please send a photo of your certificate.')
    await decide('Ask for more information')
    await admin.waitForFunction(() => document.querySelector('[aria-labelledby=review-heading] [role=status]')?.textContent?.includes('Done'))
    expect(await panelStatus()).toBe('Done: the registrant has been emailed.')
    expect((await smtp.waitFor('asked.in.admin@example.test', /We need more information to approve your account/)).text).toContain('Please send a photo of your certificate.')
    expect(await statusOf(asked.id)).toBe('information-requested')
    // The page reloads with the decision in place: still open for a decision, the message kept.
    await admin.waitForFunction(() => (document.querySelector('#review-message') as HTMLTextAreaElement | null)?.value === '', { timeout: 30_000 })

    // Rejecting, with the reason.
    await admin.goto(`${server.url}/admin/collections/accounts/${refused.id}`, { waitUntil: 'networkidle0' })
    await admin.waitForSelector('#review-message')
    await decide('Reject')
    await admin.waitForFunction(() => document.querySelector('[aria-labelledby=review-heading] [role=status]')?.textContent?.includes('Give the reason'))
    expect(await statusOf(refused.id)).toBe('awaiting-review')
    await admin.type('#review-message', 'We hold no record of this qualification.')
    await decide('Reject')
    await admin.waitForFunction(() => document.querySelector('[aria-labelledby=review-heading] [role=status]')?.textContent?.includes('Done'))
    expect((await smtp.waitFor('refused.in.admin@example.test', /We could not approve your registration/)).text).toContain('We hold no record of this qualification.')
    expect(await statusOf(refused.id)).toBe('rejected')
    await staffContext.close()

    const audit = await t.payload.find({ collection: 'audit-log', where: { entityId: { in: [String(asked.id), String(refused.id)] } }, sort: 'createdAt', ...system })
    expect(audit.docs.filter((entry) => entry.action.startsWith('registration.')).map((entry) => [entry.entityId, entry.action, entry.summary])).toEqual([
      [String(asked.id), 'registration.information-requested', 'Please send a photo of your certificate.'],
      [String(refused.id), 'registration.rejected', 'We hold no record of this qualification.'],
    ])
  })

  it('forgot password: the emailed link sets a new password, which then signs in', async () => {
    await newPerson()
    await visit('/forgot-password')
    await checkAccessibility()
    await fill({ email: 'zoe@example.test' })
    await submit('Send me a link')
    await page.waitForSelector('[role=status]', { timeout: 30_000 })
    expect(await page.$eval('[role=status]', (el) => el.textContent)).toContain('If zoe@example.test has an account')
    const mail = await smtp.waitFor('zoe@example.test', /Choose a new password/)
    await page.goto(/(http:\/\/\S+reset-password\?token=[a-f0-9]+)/.exec(mail.text)![1]!, { waitUntil: 'networkidle0' })
    await checkAccessibility()
    await fill({ password: 'short', confirmPassword: 'shorter' })
    await submit('Save my new password')
    const problems = await errorSummary()
    expect(problems).toContain('at least 12 characters')
    expect(problems).toContain('The passwords do not match.')
    expect(await focusIsOnErrorSummary()).toBe(true)
    await checkAccessibility()
    await fill({ password: 'silver meadow compass', confirmPassword: 'silver meadow compass' })
    await submit('Save my new password')
    await arriveAt('/sign-in')
    expect(await page.$eval('[role=status]', (el) => el.textContent)).toContain('Your password has been changed')
    await fill({ email: 'zoe@example.test', password: 'silver meadow compass' })
    await submit('Sign in')
    await arriveAt('/dashboard')
    await submit('Sign out')
  })

  it('support staff see on the dashboard that an email could not be delivered, find it by address and send it again; it arrives', async () => {
    const pool = (await import('../../src/collections/sql')).payloadPool(t.payload)
    await pool.query(
      `insert into email_outbox ("to", "from", subject, template, text, status, attempts, last_error, carries_sign_in_link, created_at, updated_at)
       values ('lost@example.test', 'Portal <portal@example.test>', 'Your report has been received', 'enquiry-received', 'Dear Lou, we have your report.', 'failed', 6, '550 Mailbox unavailable', false, now(), now())`,
    )
    const { staffContext, admin } = await supportSignsInToAdmin()
    const notice = await admin.waitForSelector('xpath/.//*[@role="alert" and contains(., "1 email could not be delivered")]')
    if (process.env.SHOTS) await admin.screenshot({ path: '/tmp/shot-dashboard.png' })
    expect(await notice!.evaluate((el) => el.textContent)).toContain('See them and send them again')
    // Clicked in the page: the dashboard may render again between finding the link and clicking it.
    await Promise.all([
      admin.waitForNavigation({ waitUntil: 'networkidle0' }),
      admin.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('[role=alert] a')].find((a) => a.textContent === 'See them and send them again')!.click()),
    ])
    // The failed view, with its count among the others; then the address is searched for.
    expect(await admin.$eval('nav[aria-label="Messages by status"]', (nav) => nav.textContent)).toContain('Failed: 1')
    await admin.type('.search-filter__input', 'lost@example.test')
    if (process.env.SHOTS) await admin.screenshot({ path: '/tmp/shot-outbox-list.png', fullPage: true })
    await admin.waitForFunction(() => new URL(location.href).searchParams.get('search') === 'lost@example.test')
    // The row's first cell links to the message.
    const row = await admin.waitForSelector('xpath/.//tr[contains(., "lost@example.test")]//a')
    await Promise.all([admin.waitForNavigation({ waitUntil: 'networkidle0' }), row!.click()])
    const panel = await admin.waitForSelector('[aria-labelledby=delivery-heading]')
    expect(await panel!.evaluate((el) => el.textContent)).toContain('Not delivered')
    expect(await admin.evaluate(() => document.body.textContent)).toContain('550 Mailbox unavailable')
    if (process.env.SHOTS) await admin.screenshot({ path: '/tmp/shot-outbox-message.png', fullPage: true })
    const sendAgain = await admin.waitForSelector('xpath/.//button[normalize-space()="Send again"]')
    await Promise.all([admin.waitForNavigation({ waitUntil: 'networkidle0' }), sendAgain!.click()])
    await smtp.waitFor('lost@example.test', /Your report has been received/)
    await admin.reload({ waitUntil: 'networkidle0' })
    expect(await admin.$eval('[aria-labelledby=delivery-heading]', (el) => el.textContent)).toContain('Accepted by the mail server')
    await staffContext.close()
  })

  it('has no WCAG 2.2 AA violations on any page of these journeys', () => {
    expect(violations).toEqual([])
  })
})
