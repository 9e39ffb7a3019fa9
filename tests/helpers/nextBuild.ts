import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
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

/**
 * `next build` once for the whole run, so no test waits for pages to compile on first visit
 * as the development server does. Skipped when the sources are those of the last build here.
 */
export async function buildPagesOnce(log: (line: string) => void): Promise<void> {
  const hash = await sourcesHash()
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return log(`Next build in ${SHARED_DIST} is up to date`)
  const started = Date.now()
  const output: string[] = []
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: SHARED_DIST, NEXT_TELEMETRY_DISABLED: '1' },
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
