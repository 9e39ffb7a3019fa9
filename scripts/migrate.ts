import { bootPayload } from '../src/runtime/boot'

// Booting applies the committed migrations (development and production alike).
const { payload, shutdown } = await bootPayload()
const { docs } = await payload.find({ collection: 'payload-migrations', sort: 'name', pagination: false, overrideAccess: true })
console.log(`Migrations applied: ${docs.map((doc) => doc.name).join(', ') || 'none'}`)
await shutdown()
process.exit(0)
