import { rmSync } from 'node:fs'
import path from 'node:path'

import { freePort } from '../tests/helpers/server'
import { benchConnections } from './connections'
import { benchEmail } from './email'
import { benchMatching } from './matching'
import { benchPages } from './pages'
import { benchPdf } from './pdfRun'
import { benchSignIn } from './signIn'
import { benchStore } from './store'
import { benchSurge } from './surge'
import { freshDataDir, ROOT, timeCommand, timeStart } from './startup'
import { benchVerify } from './verify'

/**
 * npm run bench: start-up and test-suite figures on this machine.
 * Targets (issue 2): first dev start < 90 s, production start < 10 s, npm test < 10 min.
 */
const results: Array<[string, string, string]> = []
const record = (name: string, seconds: number, target: string) => {
  results.push([name, `${seconds.toFixed(1)} s`, target])
  console.log(`${name}: ${seconds.toFixed(1)} s (target ${target})`)
}

const only = process.argv[2]
const data = freshDataDir()
const pgPort = String(await freePort())
const embedded = { DATABASE_URL: '', EMBEDDED_POSTGRES_DIR: data.dir, EMBEDDED_POSTGRES_PORT: pgPort }

try {
  if (!only || only === 'startup') {
    // First dev start on an empty machine: no database cluster, no Next build cache.
    rmSync(path.join(ROOT, '.next-bench'), { recursive: true, force: true })
    const dev = await timeStart({ env: { ...embedded, NODE_ENV: 'development', NEXT_DIST_DIR: '.next-bench/dev-cache', SEED_DEMO_DATA: 'true' }, secondPath: '/admin' })
    await dev.stop()
    record('first dev start to 200 on /healthz (PostgreSQL init, schema, seed)', dev.healthzSeconds, '< 90 s')
    record('first dev start to 200 on /admin', dev.secondUrlSeconds, '< 90 s')

    const buildSeconds = timeCommand(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
      NODE_ENV: 'production',
      NEXT_DIST_DIR: '.next-bench/production',
      NEXT_TELEMETRY_DISABLED: '1',
    })
    record('npm run build', buildSeconds, 'none')
    const production = await timeStart({
      env: { ...embedded, NODE_ENV: 'production', EMAIL_OUTBOX_IN_PRODUCTION: 'true', NEXT_DIST_DIR: '.next-bench/production', PAYLOAD_SECRET: 'bench-secret-0123456789abcdef' },
      secondPath: '/admin',
    })
    await production.stop()
    record('production start to 200 on /healthz', production.healthzSeconds, '< 10 s')
    record('production start to 200 on /admin', production.secondUrlSeconds, '< 10 s')
  }
  if (!only || only === 'matching') {
    for (const row of await benchMatching()) {
      results.push(row)
      console.log(`${row[0]}: ${row[1]}${row[2] ? ` (target ${row[2]})` : ''}`)
    }
  }
  if (!only || only === 'sign-in') {
    for (const row of await benchSignIn()) {
      results.push(row)
      console.log(`${row[0]}: ${row[1]}`)
    }
  }
  if (!only || only === 'verify') {
    for (const row of await benchVerify()) {
      results.push(row)
      console.log(`${row[0]}: ${row[1]} (target ${row[2]})`)
    }
  }
  if (!only || only === 'email') {
    for (const row of await benchEmail()) {
      results.push(row)
      console.log(`${row[0]}: ${row[1]} (target ${row[2]})`)
    }
  }
  if (!only || only === 'connections') {
    for (const row of await benchConnections()) {
      results.push(row)
      console.log(`${row[0]}: ${row[1]} (target ${row[2]})`)
    }
  }
  if (!only || only === 'pages') {
    for (const row of await benchPages()) {
      results.push(row)
      console.log(`${row[0]}: ${row[1]} (target ${row[2]})`)
    }
  }
  if (!only || only === 'surge') {
    for (const row of await benchSurge()) {
      results.push(row)
      console.log(`${row[0]}: ${row[1]} (target ${row[2]})`)
    }
  }
  if (!only || only === 'store') {
    for (const row of await benchStore()) {
      results.push(row)
      console.log(`${row[0]}: ${row[1]} (target ${row[2]})`)
    }
  }
  if (!only || only === 'pdf') {
    for (const row of await benchPdf()) {
      results.push(row)
      console.log(`${row[0]}: ${row[1]} (target ${row[2]})`)
    }
  }
  if (!only || only === 'tests') {
    record('npm test (whole suite)', timeCommand('npm', ['test']), '< 600 s')
  }
} finally {
  data.remove()
}

console.log('\n| measure | result | target |\n| --- | --- | --- |')
for (const [name, value, target] of results) console.log(`| ${name} | ${value} | ${target} |`)
process.exit(0)
