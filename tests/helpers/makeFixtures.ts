/**
 * Run by the suite's global set-up in a process of its own (the config reads DATABASE_URL when
 * first imported): fills the database DATABASE_URL names with the access fixtures and prints
 * them as JSON on its last line, for every test file that clones that database.
 */
import { getPayload } from 'payload'

import { closePool, payloadPool, watchPool } from '../../src/runtime/pool'
import { createFixtures } from './fixtures'

const { default: config } = await import('../../payload.config')
const payload = await getPayload({ config })
watchPool(payload)
const fixtures = await createFixtures(payload)
await closePool(payloadPool(payload))
process.stdout.write(`\nFIXTURES ${JSON.stringify(fixtures)}\n`)
process.exit(0)
