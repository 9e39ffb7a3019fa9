import { startEmbeddedPostgres, type RunningDatabase } from './embeddedPostgres'

/**
 * DATABASE_URL when it is set; otherwise the app's own embedded PostgreSQL, whose data
 * stays in the git-ignored .data folder between runs. Sets DATABASE_URL for the config.
 */
export async function ensureDatabase(log: (message: string) => void): Promise<RunningDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} }
  const running = await startEmbeddedPostgres({
    dataDir: process.env.EMBEDDED_POSTGRES_DIR || '.data/postgres',
    port: Number(process.env.EMBEDDED_POSTGRES_PORT || 54320),
    database: 'portal',
    log,
  })
  process.env.DATABASE_URL = running.url
  return running
}
