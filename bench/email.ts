import { createLocalReq, getPayload, type Payload } from 'payload'
import { SMTPServer } from 'smtp-server'

import { recordAudit } from '../src/collections/AuditLog/auditTrail'
import { inTransaction } from '../src/collections/transaction'
import { queueEmail } from '../src/email/queue'
import { deliverDueEmails } from '../src/plugins/email-delivery'
import { closeSmtpPool } from '../src/plugins/email-delivery/transport'
import { decideRegistration } from '../src/plugins/registration'
import { someoneUsedYourDetailsMessage } from '../src/plugins/registration/emails'
import { startEmbeddedPostgres } from '../src/runtime/embeddedPostgres'
import { closePool, watchPool, payloadPool } from '../src/runtime/pool'
import { freePort } from '../tests/helpers/server'
import { freshDataDir } from './startup'

const BURST = 10_000
const TRICKLE = 200
const DECISIONS = 300

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`

/** A local mail server that notes when each outbox message arrived. */
async function startMailSink() {
  const arrivals = new Map<string, number>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = ''
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4000) head += chunk.toString('utf8')
      })
      stream.on('end', () => {
        const id = /X-Outbox-Message: (\d+)/i.exec(head)?.[1]
        if (id) arrivals.set(id, Date.now())
        callback()
      })
    },
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { url: `smtp://127.0.0.1:${port}`, arrivals, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

async function queuedAt(payload: Payload): Promise<Map<string, number>> {
  const { rows } = await payloadPool(payload).query<{ id: number; created_at: Date }>('select id, created_at from email_outbox')
  return new Map(rows.map((row) => [String(row.id), row.created_at.getTime()]))
}

function latencies(queued: Map<string, number>, arrivals: Map<string, number>, ids: Iterable<string>): number[] {
  return [...ids].map((id) => arrivals.get(id)! - queued.get(id)!).sort((a, b) => a - b)
}

/**
 * The email queue: a burst of 10,000 queued messages delivered by two workers to a local
 * SMTP server; a trickle through the jobs queue as app processes work it (every second);
 * and what queueing adds to a review decision.
 */
export async function benchEmail(): Promise<Array<[string, string, string]>> {
  const data = freshDataDir()
  const database = await startEmbeddedPostgres({ dataDir: data.dir, port: await freePort(), database: 'bench' })
  const sink = await startMailSink()
  try {
    Object.assign(process.env, { DATABASE_URL: database.url, SMTP_URL: sink.url, JOBS_AUTORUN: 'false' })
    const [{ default: config }, { migrations }] = await Promise.all([import('../payload.config'), import('../src/migrations')])
    const payload = await getPayload({ config, key: 'bench-email' })
    await payload.db.migrate({ migrations: migrations as never })
    watchPool(payload)
    const pool = payloadPool(payload)
    const rows: Array<[string, string, string]> = []

    // Burst: 10,000 messages queued at once (one insert), then two workers drain them.
    await pool.query(
      `insert into email_outbox ("to", "from", subject, template, text, html, status, attempts, next_attempt_at, carries_sign_in_link, created_at, updated_at)
       select 'learner-' || n || '@example.test', 'Portal <portal@example.test>', 'Bench message ' || n, 'bench', 'Dear learner,' || repeat(' text', 200),
              '<p>Dear learner,</p>' || repeat('<p>html</p>', 100), 'queued', 0, now(), false, now(), now()
       from generate_series(1, ${BURST}) as n`,
    )
    const burstQueued = await queuedAt(payload)
    const started = performance.now()
    const runs = await Promise.all([deliverDueEmails(payload, { timeBudgetMs: 600_000 }), deliverDueEmails(payload, { timeBudgetMs: 600_000 })])
    const seconds = (performance.now() - started) / 1000
    const sent = runs.reduce((sum, run) => sum + run.sent, 0)
    if (sent !== BURST || sink.arrivals.size !== BURST) throw new Error(`sent ${sent}, arrived ${sink.arrivals.size} of ${BURST}`)
    const burst = latencies(burstQueued, sink.arrivals, burstQueued.keys())
    rows.push([`burst of ${BURST.toLocaleString('en-GB')} queued messages, two workers: delivered`, `${(BURST / seconds).toFixed(0)} messages/s (${seconds.toFixed(1)} s)`, 'none'])
    rows.push(['burst: queue to delivery, p50 / p99', `${(percentile(burst, 50) / 1000).toFixed(1)} s / ${(percentile(burst, 99) / 1000).toFixed(1)} s`, 'none'])

    // Trickle: messages queued one by one, 20 a second, delivered by the jobs queue's every-second run.
    sink.arrivals.clear()
    await pool.query('truncate email_outbox cascade')
    process.env.JOBS_AUTORUN = 'true'
    await payload._initializeCrons()
    const req = await createLocalReq({}, payload)
    for (let i = 0; i < TRICKLE; i++) {
      await queueEmail(req, { template: someoneUsedYourDetailsMessage, to: `trickle-${i}@example.test`, data: { firstName: 'Ada' } })
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const deadline = Date.now() + 60_000
    while (sink.arrivals.size < TRICKLE && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    await Promise.all(payload.crons.map((cron) => cron.stop()))
    process.env.JOBS_AUTORUN = 'false'
    const trickleQueued = await queuedAt(payload)
    const trickle = latencies(trickleQueued, sink.arrivals, trickleQueued.keys())
    rows.push([`${TRICKLE} messages queued 20 a second, jobs queue every second: queue to delivery, p50 / p99`, `${ms(percentile(trickle, 50))} / ${ms(percentile(trickle, 99))}`, '< 2 s p99'])

    // A review decision (ask for more information) with its email queued, and the same writes without it.
    const staff = await payload.create({ collection: 'staff', data: { email: 'reviewer@example.test', name: 'Bench', role: 'support', password: 'amber canyon whistle quietly' }, overrideAccess: true })
    const account = await payload.create({
      collection: 'accounts',
      data: { email: 'review@example.test', password: 'amber canyon whistle quietly', _verified: true, kind: 'learner', status: 'awaiting-review', firstName: 'Rev', lastName: 'Iew' } as never,
      disableVerificationEmail: true,
      overrideAccess: true,
    })
    const user = { ...staff, collection: 'staff' } as never
    const time = async (work: () => Promise<unknown>) => {
      const times: number[] = []
      for (let i = -30; i < DECISIONS; i++) {
        const t0 = performance.now()
        await work()
        if (i >= 0) times.push(performance.now() - t0)
      }
      return times.sort((a, b) => a - b)
    }
    const withQueue = await time(async () => decideRegistration(await createLocalReq({ user }, payload), account.id, { action: 'request-information', message: 'Send a copy of your certificate.' }))
    const withoutQueue = await time(async () => {
      const decisionReq = await createLocalReq({ user }, payload)
      await inTransaction(decisionReq, async () => {
        await payload.findByID({ collection: 'accounts', id: account.id, overrideAccess: false, user, req: decisionReq, depth: 0 })
        await payload.update({ collection: 'accounts', id: account.id, data: { status: 'information-requested', candidate: null } as never, overrideAccess: true, req: decisionReq, context: { skipAudit: true } })
        await recordAudit(decisionReq, { action: 'registration.information-requested', entity: 'accounts', entityId: account.id, summary: 'Send a copy of your certificate.' })
      })
    })
    rows.push(['review decision with its email queued, p50', ms(percentile(withQueue, 50)), 'none'])
    rows.push(['the same decision’s writes without the email, p50', ms(percentile(withoutQueue, 50)), 'none'])
    rows.push(['what queueing the email adds to the decision, p50', ms(percentile(withQueue, 50) - percentile(withoutQueue, 50)), 'none'])
    closeSmtpPool()
    await closePool(pool)
    return rows
  } catch (error) {
    console.error('The email benchmark failed:', error)
    throw error
  } finally {
    await sink.close()
    await database.stop()
    data.remove()
  }
}
