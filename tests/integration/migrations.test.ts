import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { migrations } from '../../src/migrations'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

type DrizzleKit = {
  pushSchema: (schema: unknown, drizzle: unknown) => Promise<{ statementsToExecute: string[]; hasDataLoss: boolean }>
}

/**
 * drizzle-kit compares a numeric column's default 0 with the introspected '0'::numeric
 * and always proposes to set it again. Such a statement is no drift when the database
 * already has that default.
 */
async function isNumericDefaultAlreadySet(statement: string): Promise<boolean> {
  const match = /^ALTER TABLE "([^"]+)" ALTER COLUMN "([^"]+)" SET DEFAULT (-?\d+(?:\.\d+)?);$/.exec(statement)
  if (!match) return false
  const pool = (t.payload.db as unknown as { pool: import('pg').Pool }).pool
  const { rows } = await pool.query(
    'select column_default, data_type from information_schema.columns where table_name = $1 and column_name = $2',
    [match[1], match[2]],
  )
  const column = rows[0] as { column_default: string | null; data_type: string } | undefined
  return column?.data_type === 'numeric' && column.column_default !== null && Number(column.column_default.replace(/'|::numeric/g, '')) === Number(match[3])
}

describe('migrations', () => {
  it('the committed migrations give exactly the schema the config describes (no drift)', async () => {
    // The test database was built by applying src/migrations to an empty database.
    const adapter = t.payload.db as unknown as { requireDrizzleKit: () => DrizzleKit; schema: unknown; drizzle: unknown }
    const { statementsToExecute, hasDataLoss } = await adapter.requireDrizzleKit().pushSchema(adapter.schema, adapter.drizzle)
    const drift = []
    for (const statement of statementsToExecute) if (!(await isNumericDefaultAlreadySet(statement))) drift.push(statement)
    expect(drift, 'Run `npm run migrate:create` and commit the new migration').toEqual([])
    expect(hasDataLoss).toBe(false)
  })

  it('the schema was applied from migrations, never pushed', async () => {
    const { docs } = await t.payload.find({ collection: 'payload-migrations', sort: 'name', pagination: false, overrideAccess: true })
    // A pushed schema leaves a row named "dev" with batch -1.
    expect(docs.map((doc) => ({ name: doc.name, applied: Number(doc.batch) > 0 }))).toEqual(migrations.map(({ name }) => ({ name, applied: true })))
  })
})
