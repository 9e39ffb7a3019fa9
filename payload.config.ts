import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'

import { closePayloadInternals } from './src/access/payloadInternals'
import { administrators, nobody } from './src/access/rules'
import { staffHasRole } from './src/access/users'
import { collections } from './src/collections'
import { answerBadRequestsAsSuch } from './src/collections/badRequests'
import { ADMIN_GROUPS } from './src/collections/fields'
import { timestampsSetBySystem } from './src/collections/timestamps'
import { unknownIdsAreUnknown } from './src/collections/unknownIds'
import { portalEmailAdapter } from './src/email/adapter'
import { SiteSettings } from './src/globals/SiteSettings'
import { payloadSecret, serverURL } from './src/lib/env'
import { migrations } from './src/migrations'
import { plugins } from './src/plugins'
import { ukDateFormats } from './src/collections/ukDates'

const onlyAdministrators = ({ req }: { req: { user?: unknown } }) => staffHasRole(req.user as never, ['administrator'])
const dirname = path.dirname(fileURLToPath(import.meta.url))

/**
 * The portal's Payload config as the environment says now (database, mail, server URL). Payload
 * reads it once per process; the tests build one per test file, as each file has its own database.
 */
export const buildPortalConfig = () =>
  // Payload's own collections are added while the config is built: their access is closed after.
  buildConfig({
    serverURL: serverURL(),
    secret: payloadSecret(),
    admin: {
      user: 'staff',
      avatar: 'default', // the Gravatar default would call out to the internet
      importMap: { baseDir: path.resolve(dirname, 'src') },
      meta: { titleSuffix: ' · Achievement Portal admin' },
      dateFormat: 'dd/MM/yyyy HH:mm',
      // While there are no staff, the admin opens this view: it says to run `npm run create-admin`.
      components: { views: { createFirstUser: { Component: '/admin/CreateFirstAdministrator#CreateFirstAdministrator' } } },
    },
    collections,
    globals: [SiteSettings],
    editor: lexicalEditor(),
    db: postgresAdapter({
      pool: { connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE || 10) },
      // The schema only ever changes through committed migrations, in development too.
      push: false,
      migrationDir: path.resolve(dirname, 'src/migrations'),
      prodMigrations: migrations,
    }),
    email: portalEmailAdapter(),
    graphQL: { disable: true },
    csrf: [serverURL()],
    cors: [serverURL()],
    defaultDepth: 1,
    maxDepth: 3,
    telemetry: false,
    plugins: [...plugins, timestampsSetBySystem, ukDateFormats, unknownIdsAreUnknown],
    hooks: { afterError: [answerBadRequestsAsSuch] },
    jobs: {
      // The queue lives in PostgreSQL: every app process works it (unless JOBS_AUTORUN=false), or a
      // separate worker does with `npx payload jobs:run`.
      autoRun: [{ cron: '*/10 * * * * *', queue: 'default', limit: 100 }],
      shouldAutoRun: () => process.env.JOBS_AUTORUN !== 'false',
      deleteJobOnComplete: true,
      access: { run: onlyAdministrators, queue: onlyAdministrators, cancel: onlyAdministrators },
      jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
        ...defaultJobsCollection,
        access: { ...defaultJobsCollection.access, read: administrators, create: nobody, update: nobody, delete: administrators },
        admin: { ...defaultJobsCollection.admin, group: ADMIN_GROUPS.system, hidden: false },
      }),
    },
    // Types are written by `npm run generate:types` only: Payload's own run at every start is a child process
    // that outlives the server stopping (and rewrites the file under every test).
    typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts'), autoGenerate: false },
  }).then(closePayloadInternals)

export default buildPortalConfig()
