import { getPayload, type Payload } from 'payload'

import { emailTransport, isProduction, payloadSecret } from '../lib/env'
import { assertNode24 } from '../lib/nodeVersion'
import { closeSmtpPool } from '../plugins/email-delivery'
import { ensureDatabase } from './database'
import { closePool, watchPool, payloadPool } from './pool'

export type BootedPayload = { payload: Payload; shutdown: () => Promise<void> }

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())])

/**
 * Starts the database (embedded unless DATABASE_URL is set), initialises Payload and
 * applies the committed migrations. Production applies them inside Payload's own init
 * (`prodMigrations`); development applies the same files here, never a schema push.
 */
export async function bootPayload(log: (message: string) => void = console.log): Promise<BootedPayload> {
  assertNode24()
  // Fail fast, before any database starts, when production has no secret or no mail transport.
  payloadSecret()
  emailTransport()
  const database = await ensureDatabase(log)
  try {
    const [{ default: config }, { migrations }] = await Promise.all([
      import('../../payload.config'),
      import('../migrations'),
    ])
    // Crons: this process works the jobs queue (email delivery, notices) unless JOBS_AUTORUN=false.
    const payload = await getPayload({ config, cron: true })
    const pool = payloadPool(payload)
    watchPool(payload)
    if (!isProduction()) await payload.db.migrate({ migrations: migrations as never })
    return {
      payload,
      shutdown: async () => {
        await withTimeout(payload.destroy(), 3000)
        closeSmtpPool()
        await withTimeout(closePool(pool, { graceMs: 2500 }), 3000)
        await database.stop()
      },
    }
  } catch (error) {
    await database.stop()
    throw error
  }
}
