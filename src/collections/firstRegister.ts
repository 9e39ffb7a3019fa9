import type { Endpoint } from 'payload'

/**
 * Payload's POST /api/<auth collection>/first-register creates the first account of an empty
 * collection, whatever the collection's access rules say. Nobody may: an empty table (a new
 * production database) must not be anyone's to claim.
 */
export const firstRegisterRefused = (message: string): Endpoint => ({
  path: '/first-register',
  method: 'post',
  handler: () => Response.json({ errors: [{ message }] }, { status: 403 }),
})
