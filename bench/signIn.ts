import { pbkdf2 } from 'node:crypto'

import { PASSWORD_HASH } from '../src/lib/passwords'
import { benchDatabase, ensureProductionBuild, startProduction } from './production'

const SECONDS = 20
const CONCURRENCY = 4
const PASSWORD = 'correct horse battery staple'

/** PBKDF2 at the stored strength, as many at once as the thread pool runs: the ceiling for sign-ins. */
async function hashesPerSecond(): Promise<number> {
  const started = performance.now()
  let done = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() - started < 5_000) {
        await new Promise((resolve) => pbkdf2(PASSWORD, 'salt', PASSWORD_HASH.iterations, PASSWORD_HASH.keyLength, PASSWORD_HASH.digest, resolve))
        done++
      }
    }),
  )
  return done / ((performance.now() - started) / 1000)
}

/**
 * Successful sign-ins per second through POST /api/accounts/login on the production build,
 * CONCURRENCY clients at once for SECONDS, each request from its own address (so throttling
 * stays out of it), each answered with a session cookie.
 */
export async function benchSignIn(): Promise<Array<[string, string, string]>> {
  ensureProductionBuild()
  const db = await benchDatabase('bench-sign-in')
  try {
    await db.payload.create({
      collection: 'accounts',
      data: { kind: 'third-party', status: 'approved', email: 'bench@example.test', password: PASSWORD, firstName: 'Bench', lastName: 'Mark', _verified: true } as never,
      disableVerificationEmail: true,
      overrideAccess: true,
    })
    const server = await startProduction(db.url)
    try {
      let address = 0
      const signIn = async () => {
        address++
        const response = await fetch(`${server.url}/api/accounts/login`, {
          method: 'POST',
          body: JSON.stringify({ email: 'bench@example.test', password: PASSWORD }),
          headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` },
        })
        const body = await response.text()
        if (response.status !== 200 || !response.headers.get('set-cookie')) throw new Error(`sign-in answered ${response.status}: ${body.slice(0, 300)}`)
      }
      for (let i = 0; i < 8; i++) await signIn() // warm-up
      const latencies: number[] = []
      const started = performance.now()
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() - started < SECONDS * 1000) {
            const t0 = performance.now()
            await signIn()
            latencies.push(performance.now() - t0)
          }
        }),
      )
      const rate = latencies.length / ((performance.now() - started) / 1000)
      latencies.sort((a, b) => a - b)
      const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(0)
      const ceiling = await hashesPerSecond()
      return [
        [`sign-ins per second, POST /api/accounts/login, ${CONCURRENCY} at once (PBKDF2-SHA256 × ${PASSWORD_HASH.iterations.toLocaleString('en-GB')})`, `${rate.toFixed(1)}/s (p50 ${p(0.5)} ms, p99 ${p(0.99)} ms)`, 'none'],
        ['password hashes per second on this machine (the ceiling)', `${ceiling.toFixed(1)}/s`, 'none'],
      ]
    } finally {
      await server.stop()
    }
  } finally {
    await db.close()
  }
}
