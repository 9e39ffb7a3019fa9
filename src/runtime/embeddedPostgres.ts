import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import path from 'node:path'

import pg from 'pg'

export type RunningDatabase = { url: string; stop: () => Promise<void> }

type Options = {
  dataDir: string
  port: number
  database: string
  log?: (message: string) => void
}

/**
 * embedded-postgres installs an exit hook that calls process.exit(0) on signals and at
 * exit, which hides failures (a failing test run exiting 0) and races our own shutdown.
 * We stop the cluster ourselves, so that hook is removed.
 */
function removeEmbeddedPostgresExitHook(): void {
  const exitHook = createRequire(import.meta.url)('async-exit-hook') as {
    hookedEvents: () => string[]
    unhookEvent: (event: string) => void
  }
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event)
}

export class PortInUseError extends Error {}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(
              `Port ${port} is already in use, so the embedded PostgreSQL cannot start. ` +
                'Stop whatever is using it (another `npm run dev`?), or set EMBEDDED_POSTGRES_PORT to a free port, or set DATABASE_URL to use your own PostgreSQL.',
            )
          : error,
      ),
    )
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()))
  })
}

function passwordFor(dataDir: string): string {
  const file = `${dataDir}.password`
  if (!existsSync(file)) writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 })
  return readFileSync(file, 'utf8').trim()
}

/** Starts (initialising on first use) a PostgreSQL cluster whose data lives in `dataDir`. */
export async function startEmbeddedPostgres({ dataDir, port, database, log = () => {} }: Options): Promise<RunningDatabase> {
  const absoluteDir = path.resolve(dataDir)
  mkdirSync(path.dirname(absoluteDir), { recursive: true })
  await assertPortFree(port)
  const password = passwordFor(absoluteDir)
  const output: string[] = []
  // Imported only when used: importing it installs the exit hook removed below.
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  removeEmbeddedPostgresExitHook()
  const cluster = new EmbeddedPostgres({
    databaseDir: absoluteDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => output.push(message),
    onError: (error) => output.push(String(error)),
  })

  if (!existsSync(path.join(absoluteDir, 'PG_VERSION'))) {
    log(`Creating a PostgreSQL cluster in ${absoluteDir}`)
    await cluster.initialise()
  }
  try {
    await cluster.start()
  } catch (error) {
    throw new Error(`The embedded PostgreSQL did not start:\n${output.slice(-10).join('')}${error ? String(error) : ''}`)
  }
  // If this process dies without a clean shutdown, do not leave postgres running.
  const child = (cluster as unknown as { process?: ChildProcess }).process
  const killOnExit = () => child?.kill('SIGINT')
  process.once('exit', killOnExit)

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`
  await createDatabaseIfMissing(url)
  log(`Embedded PostgreSQL is running on port ${port}`)

  return {
    url,
    stop: async () => {
      process.removeListener('exit', killOnExit)
      // cluster.stop() waits for an exit that never comes if postgres has already gone.
      if (child && child.exitCode === null && child.signalCode === null) await cluster.stop()
    },
  }
}

export async function createDatabaseIfMissing(url: string, template?: string): Promise<void> {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.slice(1))
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name])
    if (!rowCount)
      await client.query(`create database ${client.escapeIdentifier(name)}${template ? ` template ${client.escapeIdentifier(template)}` : ''}`)
  } finally {
    await client.end()
  }
}
