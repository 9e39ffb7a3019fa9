import { afterAll } from 'vitest'

/**
 * Test files share their worker process (`isolate: false`): Payload and the portal's modules load
 * once per worker instead of once per file. What a file changes in the process is put back when it
 * ends, so the next file starts as if alone: the environment (each file's DATABASE_URL, SMTP_URL,
 * Stripe keys), global fetch (msw replaces it) and spies.
 */
const environment = { ...process.env }
const fetchAtStart = globalThis.fetch

afterAll(async () => {
  const { vi } = await import('vitest')
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
  for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key]
  Object.assign(process.env, environment)
  globalThis.fetch = fetchAtStart
})
