import type { EventEmitter } from 'node:events'

import autocannon from 'autocannon'
import type { Payload } from 'payload'
import type { Pool } from 'pg'

import { expireDueConnections } from '../src/plugins/connections'
import { payloadPool } from '../src/runtime/pool'
import { signIn } from '../tests/helpers/server'
import { benchDatabase, ensureProductionBuild, startProduction } from './production'
import { insertDocuments } from './verify'

/**
 * npm run bench -- connections (issue 17): the expiry job over 1,000,000 connections of which
 * 100,000 are due (time, rows, emails, SQL statements issued, and a second run that finds
 * nothing); the documents `read` rule's cost on a third party's query without connections and
 * with the million; and the /connections pages of a third party (500 connections) and a learner
 * (200), beside the learner's /documents, at fixed request rates on the production build.
 */
const CONNECTIONS = 1_000_000
const DUE = 100_000
const THIRD_PARTY_CONNECTIONS = 500
const LEARNER_CONNECTIONS = 200
const LEARNERS = 100_000 // one per candidate that bench/verify's insertDocuments makes
const THIRD_PARTIES = 10_000
const RULE_CALLS = 200
const RATES = [20, 50]
const STEP_SECONDS = 10
const WARM_UP_SECONDS = 5
const PASSWORD = 'amber canyon whistle quietly'

type Row = [string, string, string]
type Ids = { learner: number; thirdParty: number }

const count = (n: number) => n.toLocaleString('en-GB')
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`
const seconds = (since: number) => (performance.now() - since) / 1000

/** The two accounts the pages are read as (approved, verified, with a password), the learner with a record of three achievements. */
async function benchAccounts(payload: Payload): Promise<Ids> {
  const system = { overrideAccess: true, depth: 0, context: { skipAudit: true } } as const
  const create = async (collection: 'candidates' | 'achievements' | 'documents' | 'accounts', data: Record<string, unknown>) =>
    (await payload.create({ collection, data, disableVerificationEmail: true, ...system } as never)) as unknown as { id: number }
  const { docs: qualifications } = await payload.find({ collection: 'qualifications', limit: 3, sort: 'id', ...system })
  const candidate = await create('candidates', { candidateNumber: 'C900001', firstName: 'Bench', surname: 'Learner', dateOfBirth: '1990-01-01T00:00:00.000Z' })
  for (const [i, qualification] of qualifications.entries()) {
    const achievement = await create('achievements', { candidate: candidate.id, qualification: qualification.id, grade: 'Merit', issueDate: `202${i}-06-01T00:00:00.000Z` })
    for (const type of ['certificate', 'transcript']) await create('documents', { achievement: achievement.id, type })
  }
  const account = { password: PASSWORD, _verified: true, status: 'approved' }
  const learner = await create('accounts', { ...account, email: 'learner@bench.example', kind: 'learner', firstName: 'Bench', lastName: 'Learner', candidate: candidate.id })
  const thirdParty = await create('accounts', { ...account, email: 'third-party@bench.example', kind: 'third-party', firstName: 'Bench', lastName: 'Employer', companyName: 'Bench Ltd' })
  return { learner: learner.id, thirdParty: thirdParty.id }
}

/** An account for every bench candidate and 10,000 third parties, all approved and verified (no password: they never sign in). */
async function insertAccounts(pool: Pool): Promise<void> {
  await pool.query(`
    insert into accounts (kind, status, first_name, last_name, email, _verified, candidate_id)
    select 'learner'::enum_accounts_kind, 'approved'::enum_accounts_status, first_name, surname, 'learner-' || id || '@bench.test', true, id from candidates`)
  await pool.query(`
    insert into accounts (kind, status, first_name, last_name, email, _verified, company_name)
    select 'third-party'::enum_accounts_kind, 'approved'::enum_accounts_status, 'Third' || i, 'Party', 'third-' || i || '@bench.test', true, 'Company ' || i
    from generate_series(1, $1::int) i`, [THIRD_PARTIES])
}

/**
 * 1,000,000 connections in one statement: the bench third party's 500 (active, with 500
 * different learners), the bench learner's 200 (active, with other third parties), 100,000
 * open ones whose access date passed in the last 30 days, and the rest spread over the
 * states (open ones dated ahead). Each shares its learner's documents (connections_rels).
 */
async function insertConnections(pool: Pool, ids: Ids, now: Date): Promise<void> {
  const mine = THIRD_PARTY_CONNECTIONS + LEARNER_CONNECTIONS
  const client = await pool.connect()
  try {
    await client.query('begin')
    // Every reference is made from rows just read, so the foreign-key triggers' 2,000,000 lookups are skipped (superuser only).
    await client.query('set local session_replication_role = replica')
    await client.query(
      `with learners as (select row_number() over (order by id) as i, id from accounts where kind = 'learner' and email like '%@bench.test'),
            parties as (select row_number() over (order by id) as i, id from accounts where kind = 'third-party' and email like '%@bench.test'),
            s as (
              select n, n > $5::int and n <= $5::int + $6::int as due,
                     case when n > $4::int and n <= $5::int then $2::int else l.id end as learner_id,
                     case when n <= $4::int then $1::int else p.id end as third_party_id,
                     case when n <= $5::int + $6::int then (case when n > $5::int and n % 4 = 0 then 'pending' else 'active' end)
                          else (array['active', 'active', 'active', 'active', 'expired', 'expired', 'expired', 'declined', 'cancelled', 'pending'])[1 + n % 10] end as status
              from generate_series(1, $7::int) n
              join learners l on l.i = 1 + n % $8::int
              join parties p on p.i = 1 + n % $9::int)
       insert into connections (learner_id, third_party_id, third_party_name, third_party_company, third_party_email, status, initiated_by, access_until, created_at, updated_at)
       select s.learner_id, t.id, t.first_name || ' ' || t.last_name, t.company_name, t.email, s.status::enum_connections_status,
              (case when s.n % 3 = 0 then 'third-party' else 'learner' end)::enum_connections_initiated_by,
              case when s.due then $3::timestamptz - (s.n % 720) * interval '1 hour' - interval '1 minute'
                   when s.status in ('active', 'pending') then $3::timestamptz + (1 + s.n % 365) * interval '1 day'
                   else $3::timestamptz - (1 + s.n % 365) * interval '1 day' end,
              $3::timestamptz - (s.n % 2000) * interval '1 hour', $3::timestamptz - (s.n % 2000) * interval '1 hour'
       from s join accounts t on t.id = s.third_party_id`,
      [ids.thirdParty, ids.learner, now, THIRD_PARTY_CONNECTIONS, mine, DUE, CONNECTIONS, LEARNERS, THIRD_PARTIES],
    )
    await client.query(`
      insert into connections_rels ("order", parent_id, path, documents_id)
      select row_number() over (partition by c.id order by d.id), c.id, 'documents', d.id
      from connections c join accounts a on a.id = c.learner_id join documents d on d.candidate_id = a.candidate_id`)
    await client.query('commit')
  } catch (error) {
    await client.query('rollback')
    throw error
  } finally {
    client.release()
  }
  await pool.query('analyze')
}

/**
 * Records the statements every client of the pool sends (pool.query goes through a client's
 * query too), with the time each promised answer took.
 */
async function statementLog(pool: Pool) {
  const client = await pool.connect()
  const prototype = Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown }
  client.release()
  const original = prototype.query
  const statements: Array<{ text: string; ms: number }> = []
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const query = args[0] as string | { text: string }
    const statement = { text: typeof query === 'string' ? query : query.text, ms: 0 }
    statements.push(statement)
    const started = performance.now()
    const answer = original.apply(this, args)
    if (answer instanceof Promise) answer.then(() => (statement.ms = performance.now() - started), () => undefined)
    return answer
  }
  return { statements, restore: () => void (prototype.query = original) }
}

/** "203: 1 update of connections (…), 200 inserts into email_outbox (…), 2 others", from the log. */
function describeStatements(statements: Array<{ text: string; ms: number }>): string {
  const kinds = [
    { name: 'update of connections with its history and audit lines', test: /update connections/i },
    { name: 'inserts into email_outbox', test: /insert into email_outbox/i },
  ]
  const parts = kinds.map(({ name, test }) => {
    const matching = statements.filter((s) => test.test(s.text))
    return `${matching.length} ${name} (${(matching.reduce((sum, s) => sum + s.ms, 0) / 1000).toFixed(1)} s)`
  })
  const others = statements.filter((s) => !kinds.some(({ test }) => test.test(s.text)))
  return `${statements.length}: ${parts.join(', ')}, ${others.length} others (${[...new Set(others.map((s) => s.text.trim().split(/\s+/)[0]!.toLowerCase()))].join(', ')})`
}

async function timedExpiry(payload: Payload, pool: Pool) {
  const emails = async () => Number((await pool.query(`select count(*) from email_outbox where template = 'connection-expired'`)).rows[0].count)
  const before = await emails()
  const log = await statementLog(pool)
  const started = performance.now()
  let expired: number
  try {
    expired = (await expireDueConnections(payload, new Date())).expired
  } finally {
    log.restore()
  }
  return { seconds: seconds(started), expired, statements: log.statements, emails: (await emails()) - before }
}

/** The scan the expiry update uses (EXPLAIN only: nothing runs). */
async function expiryScan(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
    `explain update connections c set status = 'expired' where c.status in ('pending', 'active') and c.access_until <= now()`,
  )
  const scans = rows.map((row) => row['QUERY PLAN'].trim().replace(/^->\s*/, '').replace(/\s+\(cost.*$/, '')).filter((line) => /Scan/.test(line))
  return scans.join(' via ') || '?'
}

/** p50 of a third party's first page of documents, read through the collection's rules. */
async function documentsReadP50(payload: Payload, thirdParty: number): Promise<{ p50: number; totalDocs: number }> {
  const user = { ...(await payload.findByID({ collection: 'accounts', id: thirdParty, depth: 0, overrideAccess: true })), collection: 'accounts' as const }
  const times: number[] = []
  let totalDocs = 0
  for (let i = -20; i < RULE_CALLS; i++) {
    const started = performance.now()
    const result = await payload.find({ collection: 'documents', overrideAccess: false, user, limit: 20 })
    if (i >= 0) times.push(performance.now() - started)
    totalDocs = result.totalDocs
  }
  times.sort((a, b) => a - b)
  return { p50: times[Math.floor(times.length / 2)]!, totalDocs }
}

/**
 * p50 of `payload.auth` (what the portal's signedInUser calls, in the layout and again in the
 * page): it works out every collection's permissions too, so it runs the documents read rule.
 */
async function authP50(payload: Payload, email: string): Promise<number> {
  const { token } = await payload.login({ collection: 'accounts', data: { email, password: PASSWORD } })
  const headers = new Headers(browserHeaders(`payload-token=${token}`))
  const times: number[] = []
  for (let i = -10; i < RULE_CALLS; i++) {
    const started = performance.now()
    const { user } = await payload.auth({ headers })
    if (!user) throw new Error(`${email} is not signed in`)
    if (i >= 0) times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

/** Payload takes the session cookie from a request without an Origin only when the browser says it is same-origin. */
const browserHeaders = (cookie: string) => ({ cookie, 'sec-fetch-site': 'same-origin' })

/** Answers 200 with the page (not a redirect to sign in), and what it shows: the table's rows. */
export async function checkPage(url: string, cookie: string): Promise<number> {
  const response = await fetch(url, { headers: browserHeaders(cookie), redirect: 'manual' })
  const body = await response.text()
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
  return (body.match(/<tr[ >]/g)?.length ?? 0) - (body.includes('<thead') ? 1 : 0)
}

/** One fixed-rate run (autocannon's `overallRate`: the rate is sent whatever the answers' speed). */
export async function atRate(url: string, cookie: string, rate: number, duration: number) {
  // Without a callback autocannon returns its event emitter, made awaitable (its types say only Promise).
  const instance = autocannon({ url, connections: 10, overallRate: rate, duration, timeout: 10, headers: browserHeaders(cookie) }) as unknown as Promise<autocannon.Result> & EventEmitter
  const errors = new Map<string, number>()
  instance.on('reqError', (error: Error) => errors.set(error.message, (errors.get(error.message) ?? 0) + 1))
  const result = await instance
  const codes = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => code !== '200').map(([code, { count }]) => `${count} × ${code}`)
  const failures = [...codes, ...[...errors].map(([message, n]) => `${n} × ${message}`)]
  return { achieved: result['2xx'] / duration, p50: result.latency.p50, p99: result.latency.p99, failures: failures.length ? failures.join(', ') : 'no errors' }
}

export async function benchConnections(): Promise<Row[]> {
  process.env.JOBS_AUTORUN = 'false' // the expiry job runs when this bench says, not on its schedule
  ensureProductionBuild()
  const db = await benchDatabase('bench-connections')
  const rows: Row[] = []
  const print = (row: Row) => (rows.push(row), console.log(`  ${row[0]}: ${row[1]}`))
  try {
    const pool = payloadPool(db.payload)
    await insertDocuments(db)
    await insertAccounts(pool)
    const ids = await benchAccounts(db.payload)

    const empty = await documentsReadP50(db.payload, ids.thirdParty)
    print([`documents read rule: a third party's first page, no connections in the database, p50 of ${RULE_CALLS}`, `${ms(empty.p50)} (${empty.totalDocs} documents)`, 'none'])

    let started = performance.now()
    await insertConnections(pool, ids, new Date())
    console.log(`inserted ${count(CONNECTIONS)} connections and their documents in ${seconds(started).toFixed(1)} s`)

    const full = await documentsReadP50(db.payload, ids.thirdParty)
    print([`documents read rule: the same with ${count(CONNECTIONS)} connections (the third party's ${THIRD_PARTY_CONNECTIONS} active), p50 of ${RULE_CALLS}`, `${ms(full.p50)} (${count(full.totalDocs)} documents)`, '< 20 ms'])
    const [thirdPartyAuth, learnerAuth] = [await authP50(db.payload, 'third-party@bench.example'), await authP50(db.payload, 'learner@bench.example')]
    print([`payload.auth (user and every collection's permissions, so the documents rule too; twice a portal page), p50 of ${RULE_CALLS}`, `third party ${ms(thirdPartyAuth)}, learner ${ms(learnerAuth)}`, 'none'])

    const scan = await expiryScan(pool)
    const first = await timedExpiry(db.payload, pool)
    print([`expiry job over ${count(CONNECTIONS)} connections, ${count(DUE)} due`, `${first.seconds.toFixed(1)} s`, 'none'])
    print(['expiry job: connections expired', count(first.expired), count(DUE)])
    print(['expiry job: emails queued (connection-expired, both sides)', count(first.emails), count(2 * DUE)])
    print([`expiry job: SQL statements issued for ${count(first.expired)} connections`, `${describeStatements(first.statements)}; due rows found by ${scan}`, 'one set-based update'])
    const second = await timedExpiry(db.payload, pool)
    print(['expiry job run again right after: expired / emails queued', `${second.expired} / ${second.emails} (${second.statements.length} statements, ${second.seconds.toFixed(2)} s)`, '0 / 0'])

    const server = await startProduction(db.url)
    try {
      const app = server.url.replace('localhost', '127.0.0.1')
      const thirdParty = await signIn(app, 'accounts', 'third-party@bench.example', PASSWORD)
      const learner = await signIn(app, 'accounts', 'learner@bench.example', PASSWORD)
      const pages = [
        { name: `third party's /connections (${THIRD_PARTY_CONNECTIONS} connections)`, url: `${app}/connections`, cookie: thirdParty },
        { name: `learner's /connections (${LEARNER_CONNECTIONS} connections)`, url: `${app}/connections`, cookie: learner },
        { name: `learner's /documents (3 achievements, 6 documents)`, url: `${app}/documents`, cookie: learner },
      ]
      for (const page of pages) {
        const shown = await checkPage(page.url, page.cookie)
        if (page.url.endsWith('/connections') && shown !== 20) throw new Error(`${page.name} shows ${shown} rows, not a page of 20`)
        await atRate(page.url, page.cookie, RATES[0]!, WARM_UP_SECONDS)
        for (const rate of RATES) {
          const step = await atRate(page.url, page.cookie, rate, STEP_SECONDS)
          print([`${page.name} @ ${rate} req/s for ${STEP_SECONDS} s: p50 / p99`, `${step.p50} ms / ${step.p99} ms (${step.achieved.toFixed(0)}/s answered, ${step.failures})`, 'none'])
        }
      }
    } finally {
      await server.stop()
    }
    return rows
  } finally {
    await db.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchConnections()) console.log(`${row[0]}: ${row[1]} (target ${row[2]})`)
  process.exit(0)
}
