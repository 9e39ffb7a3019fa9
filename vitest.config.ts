import path from 'node:path'

import { defineConfig } from 'vitest/config'

import { assertNode24 } from './src/lib/nodeVersion'
import { PagesLastSequencer } from './tests/helpers/sequencer'

assertNode24()

// Every test process and every server it starts loads the same modules: V8's compiled code is kept
// on disk once (Node's compile cache) instead of compiled again by each of them.
process.env.NODE_COMPILE_CACHE ??= path.resolve(import.meta.dirname, '.data/node-compile-cache')

export default defineConfig({
  resolve: { alias: { '@payload-config': path.resolve(import.meta.dirname, 'payload.config.ts') } },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    reporters: ['default', './tests/helpers/slowestFiles.ts'],
    sequence: { sequencer: PagesLastSequencer },
    setupFiles: ['tests/helpers/fileIsolation.ts'],
    pool: 'forks',
    // A worker process runs file after file: Payload and the portal's modules load once per worker.
    isolate: false,
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 600_000,
    env: { NODE_ENV: 'test', SEED_DEMO_DATA: 'false', NEXT_TELEMETRY_DISABLED: '1', JOBS_AUTORUN: 'false' },
  },
})
