import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { glob } from 'node:fs/promises'

const ROOT = path.resolve(import.meta.dirname, '../..')
/** The one Next build every server in the suite serves (what `npm run build` makes). */
export const SHARED_DIST = '.next-test-build'
const STAMP = path.join(ROOT, SHARED_DIST, 'sources.sha256')
const SOURCES = ['src/**/*', 'payload.config.ts', 'next.config.ts', 'package-lock.json', 'tsconfig.json']

async function sourcesHash(): Promise<string> {
  const hash = createHash('sha256')
  const files: string[] = []
  for (const pattern of SOURCES) for await (const file of glob(pattern, { cwd: ROOT })) files.push(file)
  for (const file of files.sort()) {
    const full = path.join(ROOT, file)
    try {
      hash.update(file).update(readFileSync(full))
    } catch {
      // a folder
    }
  }
  return hash.digest('hex')
}

const LOCK = path.join(ROOT, `${SHARED_DIST}.lock`)
const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * `next build` once for the whole run, the first time a test starts a server (a run of files
 * that need no server builds nothing), so no test waits for pages to compile on first visit as
 * the development server does. Skipped when the sources are those of the last build here. Test
 * files run in several processes: one builds under a lock folder, the others wait for it.
 */
export async function ensurePagesBuilt(log: (line: string) => void = () => {}): Promise<void> {
  const hash = await sourcesHash()
  const upToDate = () => existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash
  for (;;) {
    if (upToDate()) return
    try {
      mkdirSync(LOCK)
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid))
    } catch {
      let holder = 0
      try {
        holder = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8').trim())
      } catch {
        // the lock was just made and its pid is not written yet, or it was just removed
      }
      // A lock left by a process that is gone (a run stopped mid-build) is taken over.
      if (holder && !isRunning(holder)) rmSync(LOCK, { recursive: true, force: true })
      else await new Promise((resolve) => setTimeout(resolve, 500))
      continue
    }
    try {
      if (!upToDate()) await buildPages(hash, log)
    } finally {
      rmSync(LOCK, { recursive: true, force: true })
    }
  }
}

async function buildPages(hash: string, log: (line: string) => void): Promise<void> {
  const started = Date.now()
  const output: string[] = []
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: ROOT,
      // The build needs no database: a test file's own DATABASE_URL is not passed on.
      env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'production', NEXT_DIST_DIR: SHARED_DIST, NEXT_TELEMETRY_DISABLED: '1', NEXT_BUILD_FOR_TESTS: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (chunk) => output.push(String(chunk)))
    child.stderr.on('data', (chunk) => output.push(String(chunk)))
    child.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`next build failed:\n${output.join('')}`)
  writeFileSync(STAMP, hash)
  log(`Built the pages once for every test server in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
