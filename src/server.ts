import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import express from 'express'
import next from 'next'

import { healthHandler } from './endpoints/health'
import { isVerifyPath, verifyHandler } from './endpoints/verify'
import { appPort, isProduction, serverURL, servesPrebuiltPages, shouldSeedDemoData, trustProxySetting } from './lib/env'
import { assertNode24 } from './lib/nodeVersion'
import { portalSessionsStayOutOfAdmin } from './runtime/adminGate'
import { bootPayload } from './runtime/boot'
import { onlyKnownMethods } from './runtime/methods'
import { payloadPool } from './runtime/pool'
import { requestLog } from './runtime/requestLog'
import { countStatements } from './runtime/statements'
import { securityHeaders, securityHeaderValues } from './runtime/securityHeaders'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const say = (message: string) => console.log(`[portal] ${message}`)

async function main(): Promise<void> {
  assertNode24()
  process.env.NEXT_TELEMETRY_DISABLED ??= '1'
  const dev = !servesPrebuiltPages()
  const port = appPort()
  const { payload, shutdown } = await bootPayload(say)
  countStatements(payloadPool(payload))

  if (shouldSeedDemoData()) {
    const { seedDemoDataIfEmpty } = await import('./seed')
    await seedDemoDataIfEmpty(payload, say)
  }

  const nextApp = next({ dev, dir: projectRoot, port, hostname: 'localhost' })
  await nextApp.prepare()
  const handle = nextApp.getRequestHandler()

  const app = express()
  app.disable('x-powered-by')
  const trustProxy = trustProxySetting()
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy)
  app.use(securityHeaders)
  app.use(requestLog(payload.logger))
  app.use(onlyKnownMethods)
  app.use((req, _res, next) => {
    // The client's address as this server sees it (through TRUST_PROXY), for sign-in throttling.
    req.headers['x-portal-client-ip'] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    next()
  })
  app.get('/healthz', healthHandler(payloadPool(payload)))
  app.use(portalSessionsStayOutOfAdmin)
  app.use((req, res) => handle(req, res))

  // Public verification answers before express and Next: one prepared query each (src/endpoints/verify).
  const verify = verifyHandler({
    payload,
    pool: payloadPool(payload),
    trust: app.get('trust proxy fn'),
    // Its pages have no scripts.
    headers: securityHeaderValues({ scriptNonce: null }),
    baseUrl: serverURL(),
  })
  const server = http.createServer((req, res) => (isVerifyPath(req.url) ? void verify(req, res) : app(req, res)))
  server.listen(port)
  server.on('upgrade', nextApp.getUpgradeHandler())
  server.on('error', async (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `[portal] Port ${port} is already in use. Stop the other server or set PORT to a free port.`
        : `[portal] The server could not start: ${error.message}`,
    )
    await shutdown()
    process.exit(1)
  })
  server.on('listening', () => say(`Ready on ${serverURL()} (${dev ? 'development' : isProduction() ? 'production' : 'prebuilt pages, NEXT_PREBUILT'}): portal at /, admin at /admin`))

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    say(`${signal} received: shutting down`)
    server.close()
    server.closeAllConnections()
    await nextApp.close().catch(() => {})
    await shutdown()
    say('Stopped')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: Error) => {
  console.error(`[portal] Could not start: ${error.message}`)
  process.exit(1)
})
