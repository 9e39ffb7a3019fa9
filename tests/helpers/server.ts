import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

import { ensurePagesBuilt, SHARED_DIST } from './nextBuild'

const ROOT = path.resolve(import.meta.dirname, '../..')

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

export type RunningServer = {
  url: string
  output: () => string
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
  process: ChildProcess
}

/**
 * Starts `src/server.ts` as a child process and waits until it is ready. It serves the run's one
 * Next build (built by the global set-up), so pages answer at once instead of compiling on their
 * first visit; everything else runs as `npm run dev` does unless `env` says NODE_ENV=production.
 */
export async function startServer(env: Record<string, string>, { readyTimeoutMs = 180_000 } = {}): Promise<RunningServer> {
  if (env.NEXT_PREBUILT !== 'false') await ensurePagesBuilt(console.log)
  const port = env.PORT ?? String(await freePort())
  const url = `http://localhost:${port}`
  // Node itself with tsx as a loader (as `npm run dev` does): no wrapper process between us and the server's signals.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    // Like every app process, a test server works the jobs queue (email delivery among it).
    env: { ...process.env, NEXT_DIST_DIR: SHARED_DIST, NEXT_PREBUILT: 'true', NEXT_PRELOAD_PAGES: 'false', SEED_DEMO_DATA: 'false', JOBS_AUTORUN: 'true', SERVER_URL: url, ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const deadline = Date.now() + readyTimeoutMs
  while (!output.includes('Ready on')) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode} before it was ready:\n${output}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`The server was not ready in time:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url,
    output: () => output,
    process: child,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal)
      return exited
    },
  }
}

/** Signs in through Payload's REST login and returns the session cookie. */
export async function signIn(url: string, collection: 'staff' | 'accounts', email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/${collection}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!response.ok) throw new Error(`Sign-in of ${email} failed with ${response.status}: ${await response.text()}`)
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('payload-token='))
  if (!cookie) throw new Error('No session cookie was set')
  return cookie.split(';')[0]!
}
