import type { Request, Response } from 'express'
import type { Pool } from 'pg'

const TIMEOUT_MS = 2000

/** 200 with the database round trip in milliseconds; 503 when the database does not answer. */
export function healthHandler(pool: Pool) {
  return async (_req: Request, res: Response) => {
    const started = performance.now()
    res.setHeader('Cache-Control', 'no-store')
    try {
      await Promise.race([
        pool.query('select 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS).unref()),
      ])
      res.status(200).json({ status: 'ok', database: { status: 'up', roundTripMs: Math.round((performance.now() - started) * 100) / 100 } })
    } catch (error) {
      res.status(503).json({ status: 'unavailable', database: { status: 'down', error: (error as Error).message } })
    }
  }
}
