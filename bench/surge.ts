import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'

import httpProxy from 'http-proxy'

import { payloadPool } from '../src/runtime/pool'
import { seedDemoData } from '../src/seed'
import { DEMO_PASSWORDS } from '../src/seed/data'
import { signIn } from '../tests/helpers/server'
import { benchDatabase, ensureProductionBuild, startProduction } from './production'

/**
 * npm run bench -- surge (issue 30): results day on one PostgreSQL. N production processes
 * (`npm start`) behind one local load balancer (round robin, node's http-proxy), for N = 1, 2 and
 * one more than the cores, each driven by a fixed-rate ladder of a results-day mix: learners
 * signing in, opening the dashboard, their documents, a certificate PDF and their connections,
 * and anyone verifying a certificate. "Held": every request answered, no errors, p99 under 500 ms.
 * The app processes are web processes (JOBS_AUTORUN=false), as README's several-processes section runs them.
 */
const LADDER = [10, 20, 40, 80, 160, 320]
const STEP_SECONDS = 8
const P99_LIMIT_MS = 500
const LEARNERS = 40

type Row = [string, string, string]
type Visit = { method: 'GET' | 'POST'; path: string; cookie?: string; body?: string }
type Step = { rate: number; answered: number; p50: number; p99: number; errors: string[]; connections: number }

/** One in ten requests is a sign-in (the password hash is its cost); the rest are what a signed-in learner or a verifier opens. */
function mix(learners: Array<{ email: string; cookie: string; document: number }>, codes: string[]): (i: number) => Visit {
  return (i) => {
    const learner = learners[i % learners.length]!
    switch (i % 10) {
      case 0:
        return { method: 'POST', path: '/api/accounts/login', body: JSON.stringify({ email: learner.email, password: DEMO_PASSWORDS.portal }) }
      case 1:
      case 2:
        return { method: 'GET', path: '/dashboard', cookie: learner.cookie }
      case 3:
      case 4:
        return { method: 'GET', path: '/documents', cookie: learner.cookie }
      case 5:
        return { method: 'GET', path: `/documents/${learner.document}/pdf`, cookie: learner.cookie }
      case 6:
        return { method: 'GET', path: '/connections', cookie: learner.cookie }
      default:
        return { method: 'GET', path: `/verify/${codes[i % codes.length]}` }
    }
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

function send(base: URL, visit: Visit, ip: string): Promise<{ status: number; ms: number }> {
  const started = performance.now()
  return new Promise((resolve) => {
    const request = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: visit.method,
        path: visit.path,
        timeout: 10_000,
        headers: {
          'sec-fetch-site': 'same-origin',
          'x-forwarded-for': ip,
          ...(visit.cookie ? { cookie: visit.cookie } : {}),
          ...(visit.body ? { 'content-type': 'application/json', origin: base.origin } : {}),
        },
      },
      (response) => {
        response.resume()
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }))
      },
    )
    request.on('error', () => resolve({ status: 0, ms: performance.now() - started }))
    request.on('timeout', () => request.destroy())
    request.end(visit.body)
  })
}

async function step(base: URL, visitAt: (i: number) => Visit, rate: number, seconds: number, connectionsNow: () => Promise<number>): Promise<Step> {
  const answers: Array<Promise<{ status: number; ms: number }>> = []
  let connections = 0
  const total = rate * seconds
  const started = performance.now()
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    // Each request from an address of its own (TRUST_PROXY): throttling is not what is measured.
    answers.push(send(base, visitAt(i), `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`))
    if (i % rate === 0) void connectionsNow().then((n) => (connections = Math.max(connections, n)))
  }
  const results = await Promise.all(answers)
  const ok = results.filter((r) => r.status === 200)
  const times = results.map((r) => r.ms).sort((a, b) => a - b)
  const errors = new Map<string, number>()
  for (const r of results) if (r.status !== 200) errors.set(String(r.status || 'no answer'), (errors.get(String(r.status || 'no answer')) ?? 0) + 1)
  return {
    rate,
    answered: ok.length / seconds,
    p50: Math.round(times[Math.floor(times.length * 0.5)]!),
    p99: Math.round(times[Math.floor(times.length * 0.99)]!),
    errors: [...errors].map(([code, n]) => `${n} × ${code}`),
    connections,
  }
}

/** One load balancer in front of `targets`, each new request to the next one. */
async function roundRobin(targets: string[]): Promise<{ url: string; close: () => Promise<void> }> {
  const proxy = httpProxy.createProxyServer({ agent: new http.Agent({ keepAlive: true, maxSockets: 128 }), xfwd: false })
  proxy.on('error', (_error, _req, res) => {
    if ('writeHead' in res && !res.headersSent) res.writeHead(502).end()
  })
  let next = 0
  const server = http.createServer((req, res) => proxy.web(req, res, { target: targets[next++ % targets.length] }))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => (proxy.close(), server.close(() => resolve()))) }
}

export async function benchSurge(): Promise<Row[]> {
  ensureProductionBuild()
  const db = await benchDatabase('bench-surge')
  const rows: Row[] = []
  try {
    await seedDemoData(db.payload, () => {})
    const system = { overrideAccess: true, depth: 0 } as const
    // Learners of their own: demo candidates with a document each, an approved account for each.
    const documents = (await db.payload.find({ collection: 'documents', where: { type: { equals: 'certificate' } }, limit: LEARNERS * 3, sort: 'id', ...system })).docs
    const byCandidate = new Map<number, { document: number; code: string }>()
    for (const document of documents) byCandidate.set(document.candidate as number, byCandidate.get(document.candidate as number) ?? { document: document.id, code: document.verificationCode! })
    const chosen = [...byCandidate].slice(0, LEARNERS)
    const taken = new Set((await db.payload.find({ collection: 'accounts', limit: 0, pagination: false, ...system })).docs.map((a) => a.candidate as number | null))
    const learners: Array<{ email: string; document: number }> = []
    for (const [candidate, { document }] of chosen) {
      if (taken.has(candidate)) continue
      const email = `surge${learners.length}@demo.example`
      await db.payload.create({ collection: 'accounts', data: { email, password: DEMO_PASSWORDS.portal, _verified: true, kind: 'learner', status: 'approved', firstName: 'Surge', lastName: `Learner ${learners.length}`, candidate } as never, disableVerificationEmail: true, ...system })
      learners.push({ email, document })
    }
    const codes = chosen.map(([, { code }]) => code)
    const pool = payloadPool(db.payload)
    const connectionsNow = async () => Number((await pool.query('select count(*) from pg_stat_activity where datname = current_database()')).rows[0].count)

    const cores = os.availableParallelism()
    for (const processes of [...new Set([1, 2, cores + 1])]) {
      const servers = await Promise.all(Array.from({ length: processes }, () => startProduction(db.url, { DATABASE_POOL_SIZE: '10', JOBS_AUTORUN: 'false' })))
      const balancer = await roundRobin(servers.map((s) => s.url.replace('localhost', '127.0.0.1')))
      try {
        const signedIn = await Promise.all(learners.map(async (l) => ({ ...l, cookie: await signIn(balancer.url, 'accounts', l.email, DEMO_PASSWORDS.portal) })))
        const visitAt = mix(signedIn, codes)
        const base = new URL(balancer.url)
        await step(base, visitAt, 10, 3, connectionsNow) // warm-up: every process opens every kind of page once
        let held: Step | null = null
        let most = 0
        for (const rate of LADDER) {
          const result = await step(base, visitAt, rate, STEP_SECONDS, connectionsNow)
          most = Math.max(most, result.answered)
          console.log(`  ${processes} process(es), ${rate}/s: ${result.answered.toFixed(0)}/s answered, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors.join(', ') || 'no errors'}, ${result.connections} PostgreSQL connections`)
          if (result.errors.length || result.p99 >= P99_LIMIT_MS || result.answered < rate * 0.95) break
          held = result
        }
        const summary = held ? `${held.rate} req/s held (p50 ${held.p50} ms, p99 ${held.p99} ms, ${held.connections} PostgreSQL connections); at most ${most.toFixed(0)}/s answered` : `no step held; at most ${most.toFixed(0)}/s answered`
        rows.push([`results-day mix, ${processes} app process${processes > 1 ? 'es' : ''} behind one load balancer`, summary, processes === 1 ? 'the floors of npm run bench -- pages' : 'grows with N until the cores are used'])
      } finally {
        await balancer.close()
        await Promise.all(servers.map((s) => s.stop()))
      }
    }
    return rows
  } finally {
    await db.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchSurge()) console.log(`${row[0]}: ${row[1]} (target ${row[2]})`)
  process.exit(0)
}
