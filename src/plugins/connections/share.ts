import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type TaskConfig } from 'payload'

import { AS_SYSTEM } from '../../access/system'
import { isActiveLearner, isActivePortalAccount, type SignedInUser } from '../../access/users'
import { queryInTransaction } from '../../collections/sql'
import { inTransaction } from '../../collections/transaction'
import { queueEmail } from '../../email/queue'
import { checkAccessDate, endsAt } from '../../lib/connections'
import { endOfLondonDay, formatAccessUntil, oneMonthFrom } from '../../lib/dates'
import { checkOptionalEmail } from '../../lib/formats'
import { CONNECTION_REQUESTS, type ThrottlePolicy } from '../../lib/throttle'
import type { Account, Connection } from '../../payload-types'
import { recordAttempt } from '../registration/signInThrottle'
import { lockedConnection, shareableDocuments } from './actions'
import { CONNECTIONS_QUEUE } from './expire'
import { connectionCreatedMessage, connectionInvitationMessage, connectionRequestedMessage } from './emails'
import { fullName, recordEvent, thirdPartyLabel } from './record'

export type FieldErrors = Partial<Record<'name' | 'email' | 'company' | 'accessUntil' | 'documents' | 'message' | 'form', string>>
export type ShareResult = { ok: true; id: number } | { ok: false; errors: FieldErrors }

export type ShareForm = { name?: string; email?: string; company?: string; accessUntil?: string; documents: number[] }

const clean = (value: string | undefined) => (value ?? '').trim()

const HOUR = 60 * 60 * 1000
/** Invitations from one learner to addresses with no account: 10 an hour. */
export const INVITATIONS_FROM_LEARNER: ThrottlePolicy = { windowMs: HOUR, freeFailures: 10, baseDelayMs: HOUR, maxDelayMs: HOUR }
/** Invitations to one address, from anyone: 3 a day. */
export const INVITATIONS_TO_ADDRESS: ThrottlePolicy = { windowMs: 24 * HOUR, freeFailures: 3, baseDelayMs: 24 * HOUR, maxDelayMs: 24 * HOUR }
/** Third parties' requests to one address, from anyone: 3 a day (each emails the learner with the third party's message). */
export const REQUESTS_TO_ADDRESS: ThrottlePolicy = { windowMs: 24 * HOUR, freeFailures: 3, baseDelayMs: 24 * HOUR, maxDelayMs: 24 * HOUR }

/** The access date typed (yyyy-mm-dd, to the end of that London day), or a month from now when left empty. */
export function accessDateFrom(typed: string | undefined, now: Date): { until: Date } | { error: string } {
  const day = clean(typed)
  if (!day) return { until: oneMonthFrom(now) }
  const until = endOfLondonDay(day)
  if (!until) return { error: 'Enter the access date as a real date, for example 31/01/2027.' }
  const problem = checkAccessDate(until, now)
  return problem ? { error: problem === 'The access date must be in the future.' ? 'The access date cannot be in the past.' : problem } : { until }
}

async function accountWithEmail(payload: Payload, email: string, kind: 'learner' | 'third-party') {
  const { docs } = await payload.find({ collection: 'accounts', where: { email: { equals: email.toLowerCase() }, kind: { equals: kind } }, limit: 1, ...AS_SYSTEM })
  return (docs[0] as Account | undefined) ?? null
}

/**
 * System task: the learner shares chosen documents with a third party. Its own check: an
 * approved, verified learner sharing their own valid documents. The third party is emailed:
 * at its account when it has a confirmed one (and the connection is its at once), otherwise
 * an invitation to register, and the connection waits for that address to be confirmed.
 */
export async function shareWithThirdParty(payload: Payload, learner: SignedInUser | null, form: ShareForm, now = new Date()): Promise<ShareResult> {
  if (!isActiveLearner(learner)) return { ok: false, errors: { form: 'Only an approved learner account can share documents.' } }
  const errors: FieldErrors = {}
  const name = clean(form.name)
  const email = clean(form.email).toLowerCase()
  const company = clean(form.company)
  if (!name) errors.name = 'Enter the name of the person or organisation you are sharing with.'
  else if (name.length > 200) errors.name = 'Keep the name to 200 characters.'
  if (!email) errors.email = 'Enter their email address.'
  else if (checkOptionalEmail(email) !== true) errors.email = 'Enter an email address in the correct format, like name@example.com.'
  else if (email === String((learner as { email?: string }).email ?? '').toLowerCase()) errors.email = 'Enter the third party’s email address, not your own.'
  if (company.length > 200) errors.company = 'Keep the company name to 200 characters.'
  const date = accessDateFrom(form.accessUntil, now)
  if ('error' in date) errors.accessUntil = date.error
  const documents = form.documents.length ? await shareableDocuments(payload, learner, form.documents) : null
  if (!form.documents.length) errors.documents = 'Choose at least one document to share.'
  else if (!documents) errors.documents = 'Choose documents of yours that are still valid.'
  if (Object.keys(errors).length || 'error' in date || !documents) return { ok: false, errors }

  const thirdParty = await accountWithEmail(payload, email, 'third-party')
  const attached = thirdParty && isActivePortalAccount({ ...thirdParty, collection: 'accounts' }) ? thirdParty : null
  if (!attached) {
    // An invitation goes to an address nobody has confirmed: a few an hour from one learner, a few a day to one address, counted in the database for every process.
    const fromLearner = await recordAttempt(payload, `connection-invitations-from:${learner.id}`, INVITATIONS_FROM_LEARNER, now)
    const toAddress = await recordAttempt(payload, `connection-invitations-to:${email}`, INVITATIONS_TO_ADDRESS, now)
    if (fromLearner > INVITATIONS_FROM_LEARNER.freeFailures)
      return { ok: false, errors: { form: `You have invited ${INVITATIONS_FROM_LEARNER.freeFailures} people without an account in the last hour, the most we send. Please try again in an hour.` } }
    if (toAddress > INVITATIONS_TO_ADDRESS.freeFailures)
      return { ok: false, errors: { email: 'This address has been sent several invitations today. Please try again tomorrow, or ask them to register first.' } }
  }
  const req = await createLocalReq({ user: learner as never, context: { skipAudit: true } }, payload)
  const id = await inTransaction(req, async () => {
    const c = (await payload.create({
      collection: 'connections',
      data: { learner: learner.id as number, thirdParty: attached?.id ?? null, thirdPartyName: name, thirdPartyEmail: email, thirdPartyCompany: company || null, initiatedBy: 'learner', status: 'pending', accessUntil: date.until.toISOString(), documents },
      ...AS_SYSTEM,
      req,
    })) as Connection
    const sharer = fullName(learner as unknown as Account)
    const answerBy = formatAccessUntil(endsAt({ status: 'pending', accessUntil: date.until, madeAt: new Date(c.createdAt) }))
    const data = { firstName: attached?.firstName ?? '', other: sharer, connection: c.id, accessUntil: formatAccessUntil(c.accessUntil), documents: documents.length, answerBy }
    if (attached) await queueEmail(req, { template: connectionCreatedMessage, to: attached.email, data })
    else await queueEmail(req, { template: connectionInvitationMessage, to: email, data: { ...data, email } })
    await recordEvent(req, c, 'created', 'learner', now, `${documents.length} document${documents.length === 1 ? '' : 's'} shared with ${thirdPartyLabel(c)}`)
    return c.id
  })
  return { ok: true, id }
}

export type RequestResult = { ok: true } | { ok: false; errors: FieldErrors }

export const MATCH_REQUEST_TASK = 'match-connection-request'

/**
 * System task: a third party asks a learner, by email address, to share documents. Its own
 * check: an approved, verified third party, within its hourly allowance. The request writes
 * the same row and queues the same job whatever the address, so the answer and its time say
 * nothing about who has an account; the job finds the learner, if any, and emails only them.
 */
export async function requestConnection(payload: Payload, thirdParty: SignedInUser | null, form: { email?: string; message?: string }, now = new Date()): Promise<RequestResult> {
  if (!isActivePortalAccount(thirdParty) || thirdParty.kind !== 'third-party') return { ok: false, errors: { form: 'Only an approved third-party account can ask learners to connect.' } }
  const email = clean(form.email).toLowerCase()
  const message = clean(form.message)
  const errors: FieldErrors = {}
  if (!email) errors.email = 'Enter the learner’s email address.'
  else if (checkOptionalEmail(email) !== true) errors.email = 'Enter an email address in the correct format, like name@example.com.'
  if (message.length > 1000) errors.message = 'Keep your message to 1,000 characters.'
  if (Object.keys(errors).length) return { ok: false, errors }
  if ((await recordAttempt(payload, `connection-request:${thirdParty.id}`, CONNECTION_REQUESTS, now)) > CONNECTION_REQUESTS.freeFailures)
    return { ok: false, errors: { form: 'You have asked many learners to connect in the last hour. Please try again later.' } }
  // Counted whether or not the address is a learner's, so the answer says nothing of it.
  if ((await recordAttempt(payload, `connection-requests-to:${email}`, REQUESTS_TO_ADDRESS, now)) > REQUESTS_TO_ADDRESS.freeFailures)
    return { ok: false, errors: { email: 'This address has been asked several times today. Please try again tomorrow.' } }

  const me = thirdParty as unknown as Account
  const req = await createLocalReq({ user: thirdParty as never, context: { skipAudit: true } }, payload)
  await inTransaction(req, async () => {
    const c = (await payload.create({
      collection: 'connections',
      data: {
        learner: null,
        learnerEmail: email,
        thirdParty: me.id,
        thirdPartyName: fullName(me),
        thirdPartyEmail: me.email,
        thirdPartyCompany: me.companyName || null,
        requestMessage: message || null,
        initiatedBy: 'third-party',
        status: 'pending',
        accessUntil: oneMonthFrom(now).toISOString(),
        documents: [],
      },
      ...AS_SYSTEM,
      req,
    })) as Connection
    await recordEvent(req, c, 'requested', 'third-party', now, message || undefined)
    await payload.jobs.queue({ task: MATCH_REQUEST_TASK, queue: CONNECTIONS_QUEUE, input: { connection: c.id }, req } as never)
  })
  return { ok: true }
}

/**
 * The request's job: the approved learner with the address asked for, if there is one, gets the
 * request (the row becomes theirs to read and answer) and an email. Safe to run twice or at
 * once: the row is locked and matched only while it has no learner, so one run emails.
 */
export async function matchConnectionRequest(payload: Payload, connectionId: number): Promise<boolean> {
  const req = await createLocalReq({ context: { skipAudit: true } }, payload)
  return inTransaction(req, async () => {
    const c = await lockedConnection(req, connectionId)
    if (!c || c.initiatedBy !== 'third-party' || c.status !== 'pending' || c.learner || !c.learnerEmail) return false
    const learner = await accountWithEmail(payload, c.learnerEmail, 'learner')
    if (!learner || !isActiveLearner({ ...learner, collection: 'accounts' })) return false
    // The learner only, not its time of change: the request must read the same to the third party whether or not the address was a learner's.
    await queryInTransaction(req, sql`update connections set learner_id = ${learner.id} where id = ${c.id} and learner_id is null`)
    await queueEmail(req, {
      template: connectionRequestedMessage,
      to: learner.email,
      data: {
        firstName: learner.firstName,
        other: thirdPartyLabel(c),
        connection: c.id,
        accessUntil: formatAccessUntil(c.accessUntil),
        note: c.requestMessage ?? '',
        answerBy: formatAccessUntil(endsAt({ status: 'pending', accessUntil: new Date(c.accessUntil), madeAt: new Date(c.createdAt) })),
      },
    })
    return true
  })
}

export const matchConnectionRequestTask: TaskConfig<{ input: { connection: number }; output: { matched: boolean } }> = {
  slug: MATCH_REQUEST_TASK,
  label: 'Match a third party’s request to a learner',
  inputSchema: [{ name: 'connection', type: 'number', required: true }],
  outputSchema: [{ name: 'matched', type: 'checkbox' }],
  retries: 5,
  handler: async ({ input, req }) => ({ output: { matched: await matchConnectionRequest(req.payload, input.connection) } }),
}
