import { createLocalReq, type EmailAdapter } from 'payload'

import { emailFrom, emailTransport, isProduction } from '../lib/env'
import { outgoingFromPayload, queueMessage } from './queue'

/**
 * Payload's email adapter. Every message goes through the email outbox: the portal's own
 * are queued with `queueEmail` in the transaction of their change, and anything Payload
 * sends itself is queued here. The delivery job sends them (SMTP_URL) or they are kept.
 */
export function portalEmailAdapter(): EmailAdapter {
  if (emailTransport().kind === 'outbox' && isProduction())
    console.warn('[portal] EMAIL_OUTBOX_IN_PRODUCTION=true: no email is delivered; every message is kept in the admin\'s email outbox, sign-in links withheld.')
  return ({ payload }) => ({
    name: 'outbox-queue',
    defaultFromAddress: emailFrom().address,
    defaultFromName: emailFrom().name,
    sendEmail: async (message) => {
      const outgoing = outgoingFromPayload(message)
      await queueMessage(await createLocalReq({}, payload), outgoing)
      return { accepted: [outgoing.to] }
    },
  })
}
