import type { Payload, TaskConfig } from 'payload'

import { payloadPool } from '../../collections/sql'
import { DELIVER_EMAIL_TASK, EMAIL_QUEUE } from '../../email/queue'
import { afterFailedAttempt } from '../../lib/emailRetry'
import { emailTransport } from '../../lib/env'
import { smtpTransport, type MailTransport } from './transport'

/** A claim older than this belongs to a worker that died mid-send: the message is tried again. */
const CLAIM_LEASE_MS = 10 * 60_000
const BATCH = 25

type Claimed = { id: number; to: string; from: string; subject: string; text: string | null; html: string | null; template: string | null; carries_sign_in_link: boolean; attempts: number }
export type DeliveryRun = { sent: number; retrying: number; failed: number }
type Options = { clock?: () => Date; transport?: MailTransport; timeBudgetMs?: number }

/**
 * Claims due messages in one statement, so each is sent by one worker however many work the
 * queue: queued ones whose next attempt has come, and ones whose sender died mid-send.
 */
async function claimDue(payload: Payload, now: Date): Promise<Claimed[]> {
  const { rows } = await payloadPool(payload).query<Claimed>(
    `update email_outbox m set status = 'sending', attempts = m.attempts + 1, claimed_at = $1, updated_at = $1
     from (
       select id from email_outbox
       where (status = 'queued' and next_attempt_at <= $1) or (status = 'sending' and claimed_at < $2)
       order by next_attempt_at, id
       limit $3
       for update skip locked
     ) due
     where m.id = due.id
     returning m.id, m."to", m."from", m.subject, coalesce(m.deliverable_text, m.text) as text, coalesce(m.deliverable_html, m.html) as html, m.template, m.carries_sign_in_link, m.attempts::int as attempts`,
    [now, new Date(now.getTime() - CLAIM_LEASE_MS), BATCH],
  )
  return rows
}

const describeError = (error: unknown) => {
  const e = error as { response?: string; code?: string; message?: string }
  return String(e.response || [e.code, e.message].filter(Boolean).join(': ') || error).slice(0, 1000)
}

/** Sends one claimed message and records the outcome, unless a later claim has taken it over. */
async function deliverOne(payload: Payload, transport: MailTransport, message: Claimed, clock: () => Date): Promise<keyof DeliveryRun> {
  const pool = payloadPool(payload)
  const mine = 'id = $1 and status = \'sending\' and attempts = $2'
  try {
    const delivered = await transport.send({ ...message, text: message.text ?? '', html: message.html ?? undefined, template: message.template ?? undefined, carriesSignInLink: message.carries_sign_in_link })
    // Once delivered, a sign-in link is of no use to anyone but an intruder: its copy goes.
    await pool.query(
      `update email_outbox set status = 'sent', sent_at = $3, updated_at = $3, message_id = $4, server_response = $5, last_error = null, claimed_at = null, next_attempt_at = null, deliverable_text = null, deliverable_html = null where ${mine}`,
      [message.id, message.attempts, clock(), delivered.messageId.slice(0, 500), delivered.response.slice(0, 1000)],
    )
    return 'sent'
  } catch (error) {
    const now = clock()
    const next = afterFailedAttempt(message.attempts, now)
    await pool.query(`update email_outbox set status = $3, next_attempt_at = $4, last_error = $5, claimed_at = null, updated_at = $6 where ${mine}`, [
      message.id,
      message.attempts,
      next.status,
      next.status === 'queued' ? next.nextAttemptAt : null,
      describeError(error),
      now,
    ])
    if (next.status === 'failed') payload.logger.error({ msg: `Email ${message.id} to ${message.to} failed after ${message.attempts} attempts`, error: describeError(error) })
    return next.status === 'failed' ? 'failed' : 'retrying'
  }
}

/**
 * System task: delivers every message that is due, batch by batch, until none is left or the
 * time budget is spent. Safe to run twice and at once: each message is claimed by one run.
 */
export async function deliverDueEmails(payload: Payload, { clock = () => new Date(), transport, timeBudgetMs = 50_000 }: Options = {}): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0 }
  const configured = emailTransport()
  const mail = transport ?? (configured.kind === 'smtp' ? smtpTransport(configured.url) : null)
  if (!mail) return run // no mail server: messages are kept as they are queued
  const started = Date.now()
  for (;;) {
    const claimed = await claimDue(payload, clock())
    for (const outcome of await Promise.all(claimed.map((message) => deliverOne(payload, mail, message, clock)))) run[outcome] += 1
    if (claimed.length < BATCH || Date.now() - started > timeBudgetMs) return run
  }
}

/** Payload 3 never frees a job whose worker died mid-run; a stuck scheduled run would block every later one. */
async function freeStuckDeliveryJobs(payload: Payload): Promise<void> {
  await payloadPool(payload).query(
    `update payload_jobs set processing = false where task_slug = $1 and processing and updated_at < now() - interval '15 minutes'`,
    [DELIVER_EMAIL_TASK],
  )
}

export const deliverEmailTask: TaskConfig<{ input: Record<string, never>; output: DeliveryRun }> = {
  slug: DELIVER_EMAIL_TASK,
  label: 'Deliver queued email',
  outputSchema: [
    { name: 'sent', type: 'number' },
    { name: 'retrying', type: 'number' },
    { name: 'failed', type: 'number' },
  ],
  // Each message keeps its own attempts and backoff; the job itself is not retried.
  retries: 0,
  // Each queued message brings a job of its own; this sweep picks up retries whose time has come.
  schedule: [{ cron: '0 * * * * *', queue: EMAIL_QUEUE }],
  handler: async ({ req }) => {
    await freeStuckDeliveryJobs(req.payload)
    return { output: await deliverDueEmails(req.payload) }
  },
}
