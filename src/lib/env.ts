import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Every environment variable the app reads, in one place (the README lists them). */
// Read at run time, not as `process.env.NODE_ENV`, which Next's build replaces with "production" in its
// bundles: a build served by the test suite (NEXT_PREBUILT) must agree with the server on the mode.
export const isProduction = () => Reflect.get(process.env, 'NODE_ENV') === 'production'

/** Serve the Next build in NEXT_DIST_DIR (made by `next build`) outside production: the test suite builds once and shares it. */
export const servesPrebuiltPages = () => isProduction() || process.env.NEXT_PREBUILT === 'true'

export const appPort = () => Number(process.env.PORT || 3000)

export const serverURL = () => (process.env.SERVER_URL || `http://localhost:${appPort()}`).replace(/\/$/, '')

export const emailFrom = () => ({
  address: process.env.EMAIL_FROM_ADDRESS || 'no-reply@achievement-portal.local',
  name: process.env.EMAIL_FROM_NAME || 'Digital Achievement Portal',
})

/**
 * How mail leaves: SMTP with SMTP_URL; otherwise kept in the outbox. Production refuses to
 * start without SMTP_URL unless EMAIL_OUTBOX_IN_PRODUCTION=true says keeping it is meant.
 */
export function emailTransport(): { kind: 'smtp'; url: string } | { kind: 'outbox' } {
  const url = process.env.SMTP_URL
  if (url) return { kind: 'smtp', url }
  if (isProduction() && process.env.EMAIL_OUTBOX_IN_PRODUCTION !== 'true' && process.env.NEXT_PHASE !== 'phase-production-build')
    throw new Error('SMTP_URL must be set in production, or EMAIL_OUTBOX_IN_PRODUCTION=true to keep every message in the admin\'s email outbox instead (no message is then delivered).')
  return { kind: 'outbox' }
}

export const shouldSeedDemoData = () => !isProduction() && process.env.SEED_DEMO_DATA !== 'false'

/**
 * PAYLOAD_SECRET signs sessions. Production refuses to start without it; development keeps
 * a random one of its own in the git-ignored .data folder.
 */
export function payloadSecret(): string {
  const secret = process.env.PAYLOAD_SECRET
  if (secret) return secret
  if (process.env.NEXT_PHASE === 'phase-production-build') return 'build-time-placeholder'
  if (isProduction())
    throw new Error('PAYLOAD_SECRET must be set in production: a long random string, for example from `openssl rand -hex 32`.')
  return developmentSecret()
}

function developmentSecret(): string {
  const file = path.resolve(process.cwd(), '.data', 'dev-secret')
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}

/** express's `trust proxy` from TRUST_PROXY: `true`, a hop count such as `1`, or addresses/subnets. */
export function trustProxySetting(): boolean | number | string | undefined {
  const value = process.env.TRUST_PROXY?.trim()
  if (!value) return undefined
  if (value === 'true' || value === 'false') return value === 'true'
  return /^\d+$/.test(value) ? Number(value) : value
}
