import { getPayload } from 'payload'

import { normaliseCandidateNumber } from '../src/lib/candidateNumber'
import { matchRegistration } from '../src/lib/matching'
import { startEmbeddedPostgres } from '../src/runtime/embeddedPostgres'
import { closePool, payloadPool, watchPool } from '../src/runtime/pool'
import { freePort } from '../tests/helpers/server'
import { freshDataDir } from './startup'

const CANDIDATES = 1_000_000
const LOOKUPS = 2_000
const WARM_UP = 300

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

/**
 * Registration matching against 1,000,000 candidate records: the indexed lookup by
 * normalised number through the Local API, and the rule applied to what it finds.
 */
export async function benchMatching(): Promise<Array<[string, string, string]>> {
  const data = freshDataDir()
  const database = await startEmbeddedPostgres({ dataDir: data.dir, port: await freePort(), database: 'bench' })
  try {
    process.env.DATABASE_URL = database.url
    const [{ default: config }, { migrations }] = await Promise.all([import('../payload.config'), import('../src/migrations')])
    const payload = await getPayload({ config, key: 'bench-matching' })
    watchPool(payload)
    await payload.db.migrate({ migrations: migrations as never })
    const pool = payloadPool(payload)
    const started = performance.now()
    await pool.query(`
      insert into candidates (candidate_number, candidate_number_normalised, first_name, surname, date_of_birth)
      select lpad(n::text, 9, '0'), n::text, 'First' || (n % 977), 'Surname' || (n % 4999),
             timestamp with time zone '1960-01-01' + (n % 16000) * interval '1 day'
      from generate_series(1, ${CANDIDATES}) as n`)
    await pool.query('analyze candidates')
    console.log(`inserted ${CANDIDATES.toLocaleString('en-GB')} candidates in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    const plan = await pool.query(`explain select id from candidates where candidate_number_normalised = $1`, ['424242'])
    const planText = plan.rows.map((row) => row['QUERY PLAN']).join(' / ')
    console.log(`plan: ${planText}`)

    const times: number[] = []
    for (let i = -WARM_UP; i < LOOKUPS; i++) {
      const n = 1 + Math.floor(Math.random() * CANDIDATES)
      const typed = `00${n}`
      const t0 = performance.now()
      const { docs } = await payload.find({
        collection: 'candidates',
        where: { candidateNumberNormalised: { equals: normaliseCandidateNumber(typed) } },
        limit: 2,
        depth: 0,
        overrideAccess: true,
      })
      const outcome = matchRegistration({ candidateNumber: typed, firstName: `first${n % 977}`, surname: `SURNAME${n % 4999}`, dateOfBirth: docs[0]!.dateOfBirth }, docs)
      if (i >= 0) times.push(performance.now() - t0)
      if (outcome.kind !== 'matched') throw new Error(`candidate ${n} did not match`)
    }
    times.sort((a, b) => a - b)
    await closePool(pool)
    const usesIndex = /Index (Only )?Scan using candidates_candidate_number_normalised_idx/.test(planText)
    return [
      ['matching against 1,000,000 candidates, p50', `${percentile(times, 50).toFixed(2)} ms`, ''],
      ['matching against 1,000,000 candidates, p99', `${percentile(times, 99).toFixed(2)} ms`, '< 5 ms'],
      ['matching uses the unique index on the normalised number', usesIndex ? 'yes' : `no: ${planText}`, 'yes'],
    ]
  } finally {
    await database.stop()
    data.remove()
  }
}
