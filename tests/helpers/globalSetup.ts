import { execFile } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import path from 'node:path'

import type { TestProject } from 'vitest/node'

import { startEmbeddedPostgres } from '../../src/runtime/embeddedPostgres'
import { closePool, payloadPool, watchPool } from '../../src/runtime/pool'
import { FIXTURES_DATABASE, TEMPLATE_DATABASE, withDatabase } from './database'
import { ensurePagesBuilt } from './nextBuild'
import { freePort } from './server'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string
    /** The access fixtures in FIXTURES_DATABASE, as JSON. */
    fixturesJson: string
  }
}

/**
 * One PostgreSQL for the run (embedded in a throwaway folder, or the one DATABASE_URL
 * names) and a template database with the committed migrations applied, which every
 * test file clones into a fresh database of its own. The one Next build every test server serves
 * (tests/helpers/nextBuild.ts) starts here and goes on while the files that need no server run
 * (they go first: tests/helpers/sequencer.ts); a server's start waits for it.
 */
export default async function setup(project: TestProject) {
  let stopEmbedded = async () => {}
  let dataDir: string | undefined
  let serverUrl: string
  mkdirSync('.data', { recursive: true })
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL
  } else {
    dataDir = mkdtempSync(path.resolve('.data', 'test-'))
    chmodSync(dataDir, 0o755) // the postgres user must reach its data folder inside
    const running = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), database: 'postgres' })
    serverUrl = running.url
    stopEmbedded = running.stop
  }
  const pagesBuilt = process.env.NEXT_PREBUILT === 'false' ? Promise.resolve() : ensurePagesBuilt((line) => console.log(line)).catch((error: Error) => console.error(error.message))
  const templateUrl = withDatabase(serverUrl, TEMPLATE_DATABASE)
  await buildTemplate(serverUrl, templateUrl)
  project.provide('fixturesJson', await buildFixturesTemplate(serverUrl))
  project.provide('databaseServerUrl', serverUrl)

  return async () => {
    await pagesBuilt
    await stopEmbedded()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
}

async function buildTemplate(serverUrl: string, templateUrl: string): Promise<void> {
  const { default: pg } = await import('pg')
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') })
  await admin.connect()
  await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`)
  await admin.query(`create database ${TEMPLATE_DATABASE}`)
  await admin.end()

  process.env.DATABASE_URL = templateUrl
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../payload.config')
  const { migrations } = await import('../../src/migrations')
  const payload = await getPayload({ config, key: 'template' })
  watchPool(payload)
  await payload.db.migrate({ migrations: migrations as never })
  await closePool(payloadPool(payload))
  delete process.env.DATABASE_URL
}

/** The template again with the access fixtures made once (each account's password hashed once), for the many files that use them. */
async function buildFixturesTemplate(serverUrl: string): Promise<string> {
  const { default: pg } = await import('pg')
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') })
  await admin.connect()
  await admin.query(`drop database if exists ${FIXTURES_DATABASE} with (force)`)
  await admin.query(`create database ${FIXTURES_DATABASE} template ${TEMPLATE_DATABASE}`)
  await admin.end()
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: withDatabase(serverUrl, FIXTURES_DATABASE), NODE_ENV: 'test', SEED_DEMO_DATA: 'false', JOBS_AUTORUN: 'false', NEXT_TELEMETRY_DISABLED: '1' }
  const output = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, 'makeFixtures.ts')], { env, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`Making the fixtures failed: ${error.message}\n${stderr}\n${stdout}`)) : resolve(stdout),
    ),
  )
  const line = output.split('\n').find((entry) => entry.startsWith('FIXTURES '))
  if (!line) throw new Error(`Making the fixtures printed none:\n${output}`)
  return line.slice('FIXTURES '.length)
}
