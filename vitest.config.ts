import path from 'node:path'

import { defineConfig } from 'vitest/config'

import { assertNode24 } from './src/lib/nodeVersion'
import { PagesLastSequencer } from './tests/helpers/sequencer'

assertNode24()

export default defineConfig({
  resolve: { alias: { '@payload-config': path.resolve(import.meta.dirname, 'payload.config.ts') } },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    reporters: ['default', './tests/helpers/slowestFiles.ts'],
    sequence: { sequencer: PagesLastSequencer },
    pool: 'forks',
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 600_000,
    env: { NODE_ENV: 'test', SEED_DEMO_DATA: 'false', NEXT_TELEMETRY_DISABLED: '1', JOBS_AUTORUN: 'false' },
  },
})
