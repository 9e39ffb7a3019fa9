import { randomBytes } from 'node:crypto'

import pg from 'pg'

export const TEMPLATE_DATABASE = 'portal_test_template'
/** The migrated template with the access fixtures (tests/helpers/fixtures.ts) in it. */
export const FIXTURES_DATABASE = 'portal_test_fixtures'

export function withDatabase(url: string, database: string): string {
  const target = new URL(url)
  target.pathname = `/${database}`
  return target.toString()
}

/**
 * A new database cloned from the migrated template (a fresh schema in a fraction of a
 * second), with `fixtures` from the one that also holds the access fixtures, or with `empty`,
 * one with no schema at all.
 */
export async function createTestDatabase(serverUrl: string, { empty = false, fixtures = false } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `portal_test_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') })
  await admin.connect()
  await admin.query(`create database ${name} template ${empty ? 'template0' : fixtures ? FIXTURES_DATABASE : TEMPLATE_DATABASE}`)
  await admin.end()
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}
