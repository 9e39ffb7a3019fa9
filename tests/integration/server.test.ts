import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import type { CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { checkCase, MATRIX, type Api } from '../helpers/accessMatrix'
import { EMAILS, PASSWORD, ROLES, rowsOverHiddenRecords, type Fixtures, type Role } from '../helpers/fixtures'
import { checkLockedDocuments, checkMigrationsAndStore, checkPreferences } from '../helpers/internalsMatrix'
import { startTestPayloadWithFixtures, type TestPayloadWithFixtures } from '../helpers/payload'
import { expectScriptsUnderPolicy } from '../helpers/scriptPolicy'
import { freePort, signIn, startServer, type RunningServer } from '../helpers/server'

let t: TestPayloadWithFixtures
let f: Fixtures
let server: RunningServer
const cookies = new Map<Role, string>()

beforeAll(async () => {
  t = await startTestPayloadWithFixtures()
  f = t.fixtures
  // The access matrix's fixture rows include a queued job, which a working queue would run away.
  server = await startServer({ DATABASE_URL: t.databaseUrl, JOBS_AUTORUN: 'false' })
  // Development mode compiles each route on its first request: do it here, not in the tests' time.
  for (const route of ['/', '/admin/login', '/api/access']) await fetch(`${server.url}${route}`)
  for (const role of ROLES) {
    if (role === 'anonymous') continue
    const { collection, email } = EMAILS[role]
    cookies.set(role, await signIn(server.url, collection, email, PASSWORD))
  }
}, 300_000)

afterAll(async () => {
  await server?.stop()
  await t?.close()
})

/** What a browser on the portal's own pages sends: the session cookie and the page's origin. */
const browserHeaders = (cookie?: string): Record<string, string> => ({ Origin: server.url, ...(cookie ? { Cookie: cookie } : {}) })

function restApi(role: Role): Api {
  const cookie = cookies.get(role)
  const call = async (method: string, path: string, body?: unknown) => {
    const multipart = body instanceof FormData
    const response = await fetch(`${server.url}/api/${path}`, {
      method,
      headers: { ...browserHeaders(cookie), ...(body && !multipart ? { 'Content-Type': 'application/json' } : {}) },
      body: multipart ? body : body ? JSON.stringify(body) : undefined,
    })
    return { ok: response.ok, status: response.status, json: (await response.json().catch(() => ({}))) as { docs?: Array<{ id: number }> } }
  }
  return {
    create: (slug, data, file) => {
      if (!file) return call('POST', `${slug}?depth=0`, data)
      // An upload: the file and the other fields (as `_payload`) in one multipart form.
      const form = new FormData()
      form.append('_payload', JSON.stringify(data))
      form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimetype }), file.name)
      return call('POST', `${slug}?depth=0`, form)
    },
    findIds: async (slug) => {
      const result = await call('GET', `${slug}?depth=0&pagination=false`)
      return { ...result, ids: result.ok ? result.json.docs!.map((doc) => doc.id) : [] }
    },
    update: (slug, id, data) => call('PATCH', `${slug}/${id}?depth=0`, data),
    remove: (slug: CollectionSlug, id) => call('DELETE', `${slug}/${id}`),
  }
}

describe('the server', () => {
  it('answers /healthz with the database round trip', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({ status: 'ok', database: { status: 'up' } })
    expect(body.database.roundTripMs).toBeGreaterThan(0)
  })

  it('writes no email-link or reset token to its request log', async () => {
    const secrets = ['Qv3rYs3cr3tT0k3nFromAnEmailLinkAbcdefgh12345', 'AdminResetT0kenThatMustNeverBeLogged1234567', 'ApiVerifyT0kenThatMustNeverBeLoggedXyz98765', 'PortalResetT0kenThatMustNeverBeLoggedAb4321']
    const paths = [`/register/verify?token=${secrets[0]}`, `/admin/reset/${secrets[1]}`, `/api/staff/verify/${secrets[2]}`, `/reset-password?next=%2Fdocuments&token=${secrets[3]}`]
    for (const path of paths) await fetch(`${server.url}${path}`, { redirect: 'manual' }).then((response) => response.arrayBuffer())
    // The line is written when the response has finished: wait for the last one.
    while (!server.output().includes('GET /reset-password?next=%2Fdocuments&token=[redacted]')) await new Promise((resolve) => setTimeout(resolve, 50))
    const log = server.output()
    for (const secret of secrets) expect(log).not.toContain(secret)
    expect(log).toContain('GET /register/verify?token=[redacted]')
    expect(log).toContain('GET /admin/reset/[redacted]')
    expect(log).toContain('GET /api/staff/verify/[redacted]')
  })

  it('serves the portal home page with security headers', async () => {
    const response = await fetch(server.url)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('Register as a learner')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-powered-by')).toBeNull()
  })

  it('runs only the scripts it served itself, on portal and admin pages alike', async () => {
    for (const path of ['/', '/sign-in', '/register', '/admin/login']) await expectScriptsUnderPolicy(`${server.url}${path}`)
    await expectScriptsUnderPolicy(`${server.url}/admin/collections/candidates`, browserHeaders(cookies.get('support')))
  })

  it('serves the admin sign-in to staff, and GraphQL not at all', async () => {
    const admin = await fetch(`${server.url}/admin/login`)
    expect(admin.status).toBe(200)
    expect(await admin.text()).toContain('Forgot password') // Payload's own staff login form
    expect((await fetch(`${server.url}/api/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"query":"{ __typename }"}' })).status).toBe(404)
  })

  it('lets staff into the admin, never a portal account', async () => {
    const staffAccess = await fetch(`${server.url}/api/access`, { headers: browserHeaders(cookies.get('support')) })
    expect((await staffAccess.json()).canAccessAdmin).toBe(true)
    const learnerAccess = await fetch(`${server.url}/api/access`, { headers: browserHeaders(cookies.get('learner')) })
    expect(learnerAccess.status).toBe(200)
    // Payload leaves out every permission that is not granted.
    const learnerAnswer = await learnerAccess.json()
    expect(Object.keys(learnerAnswer)).toContain('collections')
    expect(Object.keys(learnerAnswer)).not.toContain('canAccessAdmin')
  })

  it('sends a portal session away from the admin before it renders anything of it', async () => {
    for (const role of ['learner', 'thirdParty'] as const)
      for (const path of ['/admin', '/admin/collections/candidates', '/admin/login']) {
        const response = await fetch(`${server.url}${path}`, { headers: browserHeaders(cookies.get(role)), redirect: 'manual' })
        expect(response.status, `${role} ${path}`).toBe(303)
        expect(response.headers.get('location')).toBe('/dashboard')
        expect(await response.text()).not.toContain('collections')
      }
    const staff = await fetch(`${server.url}/admin`, { headers: browserHeaders(cookies.get('support')), redirect: 'manual' })
    expect(staff.status).toBe(200)
  })

  it('ignores a session cookie sent from another site (CSRF)', async () => {
    const fromOwnSite = await fetch(`${server.url}/api/candidates?depth=0`, { headers: browserHeaders(cookies.get('administrator')) })
    expect(fromOwnSite.status).toBe(200)
    const fromElsewhere = await fetch(`${server.url}/api/candidates?depth=0`, {
      headers: { Cookie: cookies.get('administrator')!, Origin: 'https://evil.example' },
    })
    expect(fromElsewhere.status).toBe(403)
    const withoutOrigin = await fetch(`${server.url}/api/candidates?depth=0`, { headers: { Cookie: cookies.get('administrator')! } })
    expect(withoutOrigin.status).toBe(403)
  })
})

describe('sessions through REST', () => {
  const me = async (cookie: string) => (await (await fetch(`${server.url}/api/accounts/me`, { headers: browserHeaders(cookie) })).json()).user?.email
  it('two sign-ins to one account at the same moment both work; signing out ends only that one', async () => {
    const email = 'two-devices@fixture.test'
    await t.payload.create({
      collection: 'accounts',
      data: { email, password: PASSWORD, _verified: true, kind: 'third-party', status: 'approved', firstName: 'Two', lastName: 'Devices', companyName: 'Acme' } as never,
      disableVerificationEmail: true,
      overrideAccess: true,
    })
    const [first, second, third] = await Promise.all([1, 2, 3].map(() => signIn(server.url, 'accounts', email, PASSWORD)))
    expect(new Set([first, second, third]).size).toBe(3)
    for (const cookie of [first!, second!, third!]) expect(await me(cookie)).toBe(email)

    const out = await fetch(`${server.url}/api/accounts/logout`, { method: 'POST', headers: browserHeaders(first) })
    expect(out.status).toBe(200)
    const expires = /payload-token=;.*Expires=([^;]+)/i.exec(out.headers.get('set-cookie') ?? '')?.[1]
    expect(new Date(expires!).getTime()).toBeLessThanOrEqual(Date.now())
    expect(await me(first!)).toBeUndefined()
    expect(await me(second!)).toBe(email)

    const everywhere = await fetch(`${server.url}/api/accounts/logout?allSessions=true`, { method: 'POST', headers: browserHeaders(second) })
    expect(everywhere.status).toBe(200)
    expect(await me(third!)).toBeUndefined()
  })

  it('a reset link works through REST too, under the password rule', async () => {
    const email = 'forgot-rest@fixture.test'
    await t.payload.create({
      collection: 'accounts',
      data: { email, password: PASSWORD, _verified: true, kind: 'third-party', status: 'approved', firstName: 'Re', lastName: 'Set', companyName: 'Acme' } as never,
      disableVerificationEmail: true,
      overrideAccess: true,
    })
    const asked = await fetch(`${server.url}/api/accounts/forgot-password`, { method: 'POST', headers: { ...browserHeaders(), 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) })
    expect(asked.status).toBe(200)
    // The link is made after the answer.
    let token = ''
    for (let i = 0; i < 100 && !token; i++) {
      const { docs } = await t.payload.find({ collection: 'email-outbox', where: { to: { equals: email } }, overrideAccess: true })
      token = /reset-password\?token=([a-f0-9]+)/.exec(docs[0]?.text ?? '')?.[1] ?? ''
      if (!token) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const reset = (password: string) =>
      fetch(`${server.url}/api/accounts/reset-password`, { method: 'POST', headers: { ...browserHeaders(), 'Content-Type': 'application/json' }, body: JSON.stringify({ token, password }) })
    const weak = await reset('password1234')
    expect(weak.status).toBe(400)
    expect(JSON.stringify(await weak.json())).toMatch(/too common/)
    expect((await reset('a brand new phrase')).status).toBe(200)
    expect(await me(await signIn(server.url, 'accounts', email, 'a brand new phrase'))).toBe(email)
    expect((await reset('and another phrase')).status).toBe(400)
  })

  it('signing out without a session says so and changes nothing', async () => {
    const out = await fetch(`${server.url}/api/accounts/logout`, { method: 'POST', headers: browserHeaders() })
    expect(out.status).toBe(400)
    expect(await me(cookies.get('learner')!)).toBe(EMAILS.learner.email)
  })
})

describe('access matrix through REST over HTTP with real session cookies', () => {
  for (const test of MATRIX) {
    it.each(ROLES)(`${test.slug}: %s`, async (role) => {
      await checkCase(t.payload, f, restApi(role), test, role)
    })
  }

  it.each(ROLES)('Payload’s document locks: %s', async (role) => {
    await checkLockedDocuments(t.payload, f, restApi(role), role)
  })
  it.each(ROLES)('Payload’s admin preferences: %s', async (role) => {
    await checkPreferences(t.payload, f, restApi(role), role)
  })
  it.each(ROLES)('Payload’s migrations and key-value store: %s', async (role) => {
    await checkMigrationsAndStore(t.payload, restApi(role), role, { rest: true })
  })
  it.each(ROLES)('Payload’s preference routes by key are staff members’ own (%s)', async (role) => {
    const headers = { ...browserHeaders(cookies.get(role)), 'Content-Type': 'application/json' }
    const key = `list-${role}`
    const saved = await fetch(`${server.url}/api/payload-preferences/${key}`, { method: 'POST', headers, body: JSON.stringify({ value: { limit: 25 } }) })
    const staffRole = role === 'administrator' || role === 'support' || role === 'content'
    expect(saved.status).toBe(staffRole ? 200 : 403)
    const stored = await t.payload.find({ collection: 'payload-preferences', where: { key: { equals: key } }, overrideAccess: true })
    expect(stored.totalDocs).toBe(staffRole ? 1 : 0)
    const read = await fetch(`${server.url}/api/payload-preferences/${key}`, { headers })
    expect(read.status).toBe(staffRole ? 200 : 403)
    if (staffRole) expect((await read.json()).value).toEqual({ limit: 25 })
  })
  it.each(ROLES)('Payload’s jobs statistics global (a bad value stops the job runner) is for administrators only (%s)', async (role) => {
    const headers = { ...browserHeaders(cookies.get(role)), 'Content-Type': 'application/json' }
    const read = await fetch(`${server.url}/api/globals/payload-jobs-stats`, { headers })
    expect(read.status).toBe(role === 'administrator' ? 200 : 403)
    if (role === 'administrator') return
    const written = await fetch(`${server.url}/api/globals/payload-jobs-stats`, { method: 'POST', headers, body: JSON.stringify({ stats: { scheduledRuns: 'broken' } }) })
    expect(written.status).toBe(403)
    // The server's own scheduler updates the statistics meanwhile: what matters is that the bad value is not there.
    const after = (await t.payload.findGlobal({ slug: 'payload-jobs-stats' as never, overrideAccess: true })) as { stats?: { scheduledRuns?: unknown } }
    expect(typeof (after.stats?.scheduledRuns ?? {})).toBe('object')
  })

  it('suspending an account takes its open session’s access away at once, and approving gives it back', async () => {
    const headers = browserHeaders(cookies.get('learner'))
    const documentIds = async () => {
      const response = await fetch(`${server.url}/api/documents?depth=0`, { headers })
      return { status: response.status, ids: response.ok ? ((await response.json()).docs as Array<{ id: number }>).map((d) => d.id) : [] }
    }
    expect(await documentIds()).toEqual({ status: 200, ids: [f.a.document.id] })
    const system = { overrideAccess: true, context: { skipAudit: true } } as const
    await t.payload.update({ collection: 'accounts', id: f.a.account.id, data: { status: 'suspended' }, ...system })
    try {
      expect(await documentIds()).toEqual({ status: 403, ids: [] })
      expect((await fetch(`${server.url}/api/candidates/${f.a.candidate.id}`, { headers })).status).toBe(403)
    } finally {
      await t.payload.update({ collection: 'accounts', id: f.a.account.id, data: { status: 'approved' }, ...system })
    }
    expect(await documentIds()).toEqual({ status: 200, ids: [f.a.document.id] })
  })

  it('a learner cannot reach another learner’s document by id, where or sort', async () => {
    const headers = browserHeaders(cookies.get('learner'))
    expect((await fetch(`${server.url}/api/documents/${f.b.document.id}`, { headers })).status).toBe(404)
    const byWhere = await fetch(`${server.url}/api/documents?where[reference][equals]=${f.b.document.reference}`, { headers })
    expect((await byWhere.json()).docs).toEqual([])
    // A's enquiries about documents now someone else's: sorted on those documents, they would be in the order of hidden values.
    await rowsOverHiddenRecords(t.payload, f)
    for (const sort of ['document.verificationCode', '-document.candidate.surname']) {
      const bySort = await fetch(`${server.url}/api/enquiries?sort=${sort}&depth=0`, { headers })
      expect(bySort.status, sort).toBe(400)
      expect(await bySort.json()).toEqual({ errors: [{ message: `You cannot sort on ${sort.replace(/^-/, '')}.` }] })
    }
    const ownSorted = await fetch(`${server.url}/api/documents?sort=-verificationCode&depth=0`, { headers })
    expect((await ownSorted.json()).docs.map((d: { id: number }) => d.id)).toEqual([f.a.document.id])
  })
})

type ProcessRow = { pid: number; ppid: number; state: string; command: string }
const processTable = (): ProcessRow[] =>
  spawnSync('ps', ['-e', '-o', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [pid, ppid, state, ...command] = line.trim().split(/\s+/)
      return { pid: Number(pid), ppid: Number(ppid), state: state!, command: command.join(' ') }
    })

/** The process and everything it started (children, their children, …), as running now. */
function processTree(root: number): ProcessRow[] {
  const table = processTable()
  const tree = new Set([root])
  for (let grew = true; grew; ) {
    grew = false
    for (const row of table) {
      if (tree.has(row.ppid) && !tree.has(row.pid)) {
        tree.add(row.pid)
        grew = true
      }
    }
  }
  return table.filter((row) => tree.has(row.pid))
}

/** Those of `processes` still running (a zombie has ended), once they have had `ms` to end. */
async function survivors(processes: ProcessRow[], ms = 5000): Promise<string[]> {
  const deadline = Date.now() + ms
  for (;;) {
    const alive = new Set(processTable().filter((row) => !row.state.startsWith('Z')).map((row) => row.pid))
    const left = processes.filter((p) => alive.has(p.pid)).map((p) => `${p.pid} ${p.command}`)
    if (!left.length || Date.now() > deadline) return left
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
const postgresPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])

describe('stopping', () => {
  it('stops cleanly on SIGTERM while requests are querying the database, leaving no process behind', async () => {
    const started = processTree(server.process.pid!)
    expect(started.map((p) => p.pid)).toContain(server.process.pid)
    const paths = ['/healthz', '/api/documents?depth=0', '/sign-in', '/verify/ABCD-EFGH-JKLM']
    // Each answered, or refused at the socket once the server stopped listening; never a server error.
    const inFlight = Array.from({ length: 40 }, (_, i) =>
      fetch(`${server.url}${paths[i % paths.length]}`, { headers: browserHeaders(cookies.get('learner')) }).then(
        async (response) => (await response.arrayBuffer(), response.status),
        (error: Error) => `refused: ${(error.cause as { code?: string } | undefined)?.code ?? error.message}`,
      ),
    )
    await new Promise((resolve) => setTimeout(resolve, 150))
    const code = await server.stop('SIGTERM')
    const outcomes = await Promise.all(inFlight)
    expect(outcomes.filter((outcome) => typeof outcome === 'number' && outcome >= 500)).toEqual([])
    for (const outcome of outcomes) if (typeof outcome === 'string') expect(outcome).toMatch(/^refused: (ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|other side closed|fetch failed)/)
    expect(code, server.output().slice(-3000)).toBe(0)
    expect(server.output()).toContain('Stopped')
    expect(server.output()).not.toMatch(/already been released|uncaught/i)
    expect(await survivors(started)).toEqual([])
  })
})

describe('the embedded PostgreSQL (no DATABASE_URL)', () => {
  const dataRoot = mkdtempSync(path.resolve('.data', 'embedded-test-'))
  chmodSync(dataRoot, 0o755) // the cluster runs as the postgres user, which must reach its folder
  const dataDir = path.join(dataRoot, 'pg')
  let pgPort: number
  const embeddedEnv = () => ({ DATABASE_URL: '', EMBEDDED_POSTGRES_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(pgPort) })
  afterAll(() => rmSync(dataRoot, { recursive: true, force: true }))

  it('is created on first start, reused on the next, and stopped with the app', async () => {
    pgPort = await freePort()
    const first = await startServer(embeddedEnv())
    expect(first.output()).toContain('Creating a PostgreSQL cluster')
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200)
    const firstPostgres = postgresPid(dataDir)
    const started = processTree(first.process.pid!)
    // PostgreSQL (and its own workers) run under the app.
    expect(started.map((p) => p.pid)).toContain(firstPostgres)
    expect(await first.stop('SIGTERM')).toBe(0)
    expect(await survivors(started)).toEqual([])
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false) // a clean PostgreSQL shutdown, not a kill

    const second = await startServer(embeddedEnv())
    expect(second.output()).not.toContain('Creating a PostgreSQL cluster')
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200)
    const secondPostgres = postgresPid(dataDir)

    // The database goes away under the running app: health says so, and the app still stops cleanly.
    process.kill(secondPostgres, 'SIGINT')
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const down = await fetch(`${second.url}/healthz`)
    expect(down.status).toBe(503)
    expect(await down.json()).toMatchObject({ status: 'unavailable', database: { status: 'down' } })
    expect(await second.stop('SIGINT')).toBe(0)
  }, 240_000) // two cold starts of the development server, each creating or opening a cluster

  it('says clearly that its port is taken, and exits non-zero', async () => {
    const blocker = net.createServer().listen(pgPort, '127.0.0.1')
    await new Promise((resolve) => blocker.once('listening', resolve))
    try {
      await expect(startServer(embeddedEnv())).rejects.toThrow(/exited with 1[\s\S]*Port \d+ is already in use, so the embedded PostgreSQL cannot start/)
    } finally {
      blocker.close()
    }
  })
})
