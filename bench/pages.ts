import { seedDemoData } from '../src/seed'
import { DEMO_PASSWORDS } from '../src/seed/data'
import { signIn } from '../tests/helpers/server'
import { atRate } from './connections'
import { benchDatabase, ensureProductionBuild, startProduction } from './production'

/**
 * npm run bench -- pages (issue 30), on the production build with the demo data: each
 * signed-in page beside the same server's signed-out /help, one fixed-rate ladder each, in one
 * run. "Held" is the highest step answered in full with no errors and p99 under 500 ms.
 */
const LADDER = [10, 20, 40, 80, 160, 320]
const STEP_SECONDS = 5
const P99_LIMIT_MS = 500

type Row = [string, string, string]

/** The highest step held, and the most answered per second at any step (finer than the doubling steps). */
async function held(url: string, cookie: string): Promise<{ rate: number; most: number; steps: string[] }> {
  await atRate(url, cookie, LADDER[0]!, 2) // warm-up
  let rate = 0
  let most = 0
  const steps: string[] = []
  for (const step of LADDER) {
    const result = await atRate(url, cookie, step, STEP_SECONDS)
    most = Math.max(most, result.achieved)
    steps.push(`${step}/s: p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.achieved.toFixed(0)}/s answered, ${result.failures}`)
    if (result.failures !== 'no errors' || result.p99 >= P99_LIMIT_MS || result.achieved < step * 0.95) break
    rate = step
  }
  return { rate, most, steps }
}

export async function benchPages(): Promise<Row[]> {
  ensureProductionBuild()
  const db = await benchDatabase('bench-pages')
  const rows: Row[] = []
  try {
    await seedDemoData(db.payload, () => {})
    const [learnerAccount] = (await db.payload.find({ collection: 'accounts', where: { email: { equals: 'learner@demo.example' } }, limit: 1, depth: 0, overrideAccess: true })).docs
    const asLearner = { user: { ...learnerAccount!, collection: 'accounts' as const }, overrideAccess: false, depth: 0 }
    const learnerDocument = await db.payload.find({ collection: 'documents', where: { type: { equals: 'certificate' } }, limit: 1, ...asLearner })
    // A web process as README's several-processes section runs it: the seed's queued jobs (800 new-document
    // emails) are a worker's, not worked between the pages measured.
    const server = await startProduction(db.url, { JOBS_AUTORUN: 'false' })
    try {
      const app = server.url.replace('localhost', '127.0.0.1')
      const learner = await signIn(app, 'accounts', 'learner@demo.example', DEMO_PASSWORDS.portal)
      const thirdParty = await signIn(app, 'accounts', 'employer@demo.example', DEMO_PASSWORDS.portal)
      const pages = [
        { name: '/help signed out', path: '/help', cookie: '' },
        { name: '/help signed in (learner)', path: '/help', cookie: learner },
        { name: 'learner /dashboard', path: '/dashboard', cookie: learner },
        { name: 'learner /documents', path: '/documents', cookie: learner },
        { name: 'learner /connections', path: '/connections', cookie: learner },
        { name: 'learner /orders', path: '/orders', cookie: learner },
        { name: 'learner /store', path: '/store', cookie: learner },
        { name: 'third party /connections', path: '/connections', cookie: thirdParty },
        { name: 'a certificate PDF', path: `/documents/${learnerDocument.docs[0]!.id}/pdf`, cookie: learner },
      ]
      const signedOut = { rate: 0, most: 0 }
      for (const page of pages) {
        const probe = await fetch(`${app}${page.path}`, { headers: { cookie: page.cookie, 'sec-fetch-site': 'same-origin' }, redirect: 'manual' })
        await probe.arrayBuffer()
        if (probe.status !== 200) throw new Error(`${page.name} answered ${probe.status}`)
        const result = await held(`${app}${page.path}`, page.cookie)
        if (page.name === '/help signed out') Object.assign(signedOut, { rate: result.rate, most: result.most })
        const share = ` (${Math.round((100 * result.rate) / signedOut.rate)} % of signed-out /help); at most ${result.most.toFixed(0)}/s answered (${Math.round((100 * result.most) / signedOut.most)} %)`
        rows.push([`${page.name}: rate held (p99 < ${P99_LIMIT_MS} ms, no errors)`, `${result.rate} req/s${share}`, page.cookie && page.path === '/help' ? '≥ 80 % of signed out' : 'none'])
        console.log(`${page.name}: held ${result.rate} req/s${share}\n    ${result.steps.join('\n    ')}`)
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
  for (const row of await benchPages()) console.log(`${row[0]}: ${row[1]} (target ${row[2]})`)
  process.exit(0)
}
