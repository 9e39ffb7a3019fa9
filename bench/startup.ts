import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import path from 'node:path'

import { freePort } from '../tests/helpers/server'

export const ROOT = path.resolve(import.meta.dirname, '..')

async function firstOk(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url)
      if (response.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${url} never answered 200`)
}

type Timing = { healthzSeconds: number; secondUrlSeconds: number; url: string }

/** Starts the server as `npm run dev` / `npm start` do and times the first 200s. */
export async function timeStart({ env, secondPath }: { env: Record<string, string>; secondPath: string }): Promise<Timing & { stop: () => Promise<void> }> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), SERVER_URL: `http://localhost:${port}`, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const deadline = Date.now() + 300_000
  await firstOk(`http://localhost:${port}/healthz`, deadline)
  const healthzSeconds = (performance.now() - started) / 1000
  await firstOk(`http://localhost:${port}${secondPath}`, deadline)
  const secondUrlSeconds = (performance.now() - started) / 1000
  return {
    url: `http://localhost:${port}`,
    healthzSeconds,
    secondUrlSeconds,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** A fresh, empty data folder the postgres user can reach, as on a new machine. */
export function freshDataDir(): { dir: string; remove: () => void } {
  const root = mkdtempSync(path.join(ROOT, '.data', 'bench-'))
  chmodSync(root, 0o755)
  return { dir: path.join(root, 'pg'), remove: () => rmSync(root, { recursive: true, force: true }) }
}

export function timeCommand(command: string, args: string[], env: Record<string, string> = {}): number {
  const started = performance.now()
  const result = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with ${result.status}`)
  return (performance.now() - started) / 1000
}
