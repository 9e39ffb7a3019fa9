import { isProduction } from '../src/lib/env'
import { bootPayload } from '../src/runtime/boot'
import { seedDemoData } from '../src/seed'

if (isProduction()) {
  console.error('npm run seed adds demo accounts with published passwords: it never runs with NODE_ENV=production.')
  process.exit(1)
}
const { payload, shutdown } = await bootPayload()
try {
  await seedDemoData(payload)
} finally {
  await shutdown()
}
process.exit(0)
