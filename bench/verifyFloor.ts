import http from 'node:http'

import pg from 'pg'

import { answerJson, answerOf, NOT_FOUND_JSON } from '../src/endpoints/verify/answer'
import { LOOKUP_SQL, type LookupRow } from '../src/endpoints/verify/lookup'

/**
 * The floor for the verify benchmark (bench/verify.ts starts it as its own process): a bare
 * Node `http` server doing the same single prepared query as the app's fast path with `pg`,
 * and answering the same JSON. No framework, no throttle logic, no HTML: nothing a real
 * answer could do without.
 *
 *   DATABASE_URL=… PORT=… BASE_URL=… POOL_SIZE=10 node --import tsx bench/verifyFloor.ts
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE || 10) })
pool.on('error', () => {})
const baseUrl = process.env.BASE_URL ?? ''
const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }

const server = http.createServer(async (req, res) => {
  try {
    const code = req.url!.slice('/verify/'.length)
    const { rows } = await pool.query<LookupRow>({ name: 'floor-lookup', text: LOOKUP_SQL, values: [code, 'verify:ip:127.0.0.1'] })
    const row = rows[0]!
    const body = row.found ? answerJson(answerOf(row), code, baseUrl) : NOT_FOUND_JSON
    res.writeHead(row.found ? 200 : 404, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) })
    res.end(body)
  } catch {
    res.writeHead(500).end()
  }
})
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor ready'))
process.on('SIGTERM', () => {
  server.close()
  server.closeAllConnections()
  void pool.end().then(() => process.exit(0))
})
