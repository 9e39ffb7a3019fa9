import type { Payload, PayloadRequest } from 'payload'

import { recordAudit } from '../../collections/AuditLog/auditTrail'
import { inTransaction } from '../../collections/transaction'
import { queueEmail } from '../../email/queue'
import { settle } from '../../lib/background'
import { serverURL } from '../../lib/env'
import { spendPasswordCheckTime } from '../../lib/passwords'
import { ACCOUNT_EXISTS_NOTICE } from '../../lib/throttle'
import { checkContactDetails, checkEligibility, checkLoginDetails, checkThirdPartyDetails, type FieldErrors } from '../../lib/registration'
import { newLinkToken } from '../../lib/tokens'
import { alreadyRegisteredMessage, verifyEmailMessage } from './emails'
import { recordAttempt } from './signInThrottle'
import { systemRequest } from './system'

type Form = Record<string, string | undefined>
export type RegistrationResult = { ok: true } | { ok: false; errors: FieldErrors }
/** `afterAnswer`: answer once the form is checked and create the account after, so a known email takes no longer. */
type Options = { now?: Date; afterAnswer?: boolean }

/** Makes a new verification link for the account (the old one stops working) and emails it, in the request's transaction. */
export async function sendVerificationLink(req: PayloadRequest, account: { id: number | string; email: string; firstName: string }, now: Date): Promise<void> {
  const { token, hash } = newLinkToken()
  await req.payload.update({
    collection: 'accounts',
    id: account.id,
    data: { emailVerification: { tokenHash: hash, sentAt: now.toISOString() } } as never,
    overrideAccess: true, // system task: the verification fields are closed to every role
    context: { skipAudit: true },
    req,
  })
  const link = `${serverURL()}/register/verify?token=${token}`
  await queueEmail(req, { template: verifyEmailMessage, to: account.email, data: { firstName: account.firstName, link } })
}

/**
 * Creates a Pending account and sends its verification link. If the email already has an
 * account, its owner is told by email instead, and the registrant sees the same answer.
 */
async function createPendingAccount(payload: Payload, data: Record<string, unknown> & { email: string; firstName: string }, now: Date): Promise<void> {
  const { docs } = await payload.find({ collection: 'accounts', where: { email: { equals: data.email } }, limit: 1, depth: 0, overrideAccess: true })
  if (docs[0]) {
    // As much work as creating the account (its password hash), so no later answer is slower either.
    await spendPasswordCheckTime(String(data.password ?? ''))
    await tellOwnerOnce(payload, { email: data.email, firstName: docs[0].firstName }, now)
    return
  }
  const req = await systemRequest(payload)
  // The account, its audit entry and its verification email: committed together or not at all.
  await inTransaction(req, async () => {
    const account = await payload.create({
      collection: 'accounts',
      data: { ...data, status: 'pending' } as never,
      disableVerificationEmail: true,
      overrideAccess: true, // system task: anonymous registration creates the account
      context: { skipAudit: true },
      req,
    })
    // Payload's own verification token never expires and is stored in clear: ours replaces it.
    await payload.db.updateOne({ collection: 'accounts', id: account.id, data: { _verificationToken: null }, req })
    await recordAudit(req, { action: 'registration.submitted', entity: 'accounts', entityId: account.id, summary: `${data.kind} registration` })
    await sendVerificationLink(req, { id: account.id, email: data.email, firstName: data.firstName }, now)
  })
}

/** Emails the owner that someone registered with their address, at most once every 15 minutes. */
async function tellOwnerOnce(payload: Payload, owner: { email: string; firstName: string }, now: Date): Promise<void> {
  const key = `notice:account-exists:${owner.email}`
  // Counted first, in one statement: of registrations at the same moment, only the first in the window sends.
  if ((await recordAttempt(payload, key, ACCOUNT_EXISTS_NOTICE, now)) > 1) return
  await queueEmail(await systemRequest(payload), { template: alreadyRegisteredMessage, to: owner.email, data: { firstName: owner.firstName } })
}

async function privacyConsent(payload: Payload, now: Date) {
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true })
  return { agreedAt: now.toISOString(), policyVersion: settings.privacyPolicyVersion }
}

/** Learner registration: the three steps' answers, checked again here as a whole. */
export async function registerLearner(payload: Payload, form: Form, { now = new Date(), afterAnswer = false }: Options = {}): Promise<RegistrationResult> {
  const eligibility = checkEligibility(form, now)
  const contact = checkContactDetails(form)
  const login = checkLoginDetails(form)
  const errors = { ...eligibility.errors, ...contact.errors, ...login.errors }
  if (Object.keys(errors).length) return { ok: false, errors }
  const { values: who } = eligibility
  const { values: where } = contact
  const hasAddress = where.addressLine1 || where.postcode
  const consent = await privacyConsent(payload, now)
  const creation = () =>
    createPendingAccount(
      payload,
      {
        kind: 'learner',
        email: login.values.email,
        password: login.values.password,
        firstName: who.firstName,
        lastName: who.surname,
        phone: where.phone || undefined,
        registration: { candidateNumber: who.candidateNumber || null, dontKnowNumber: who.dontKnowNumber, dateOfBirth: who.dateOfBirth },
        privacyConsent: consent,
        addresses: hasAddress
          ? [
              {
                label: 'Home',
                line1: where.addressLine1,
                line2: where.addressLine2,
                town: where.town,
                postcode: where.postcode,
                country: where.country || 'GB',
                fullName: `${who.firstName} ${who.surname}`,
                defaultBilling: true,
                defaultDelivery: true,
              },
            ]
          : [],
      },
      now,
    )
  await settle(payload, 'Registration', creation, afterAnswer)
  return { ok: true }
}

/** Third-party registration: no record to match, approved once the email is confirmed. */
export async function registerThirdParty(payload: Payload, form: Form, { now = new Date(), afterAnswer = false }: Options = {}): Promise<RegistrationResult> {
  const details = checkThirdPartyDetails(form)
  const login = checkLoginDetails(form)
  const errors = { ...details.errors, ...login.errors }
  if (Object.keys(errors).length) return { ok: false, errors }
  const consent = await privacyConsent(payload, now)
  const creation = () =>
    createPendingAccount(
      payload,
      { kind: 'third-party', email: login.values.email, password: login.values.password, ...details.values, privacyConsent: consent },
      now,
    )
  await settle(payload, 'Registration', creation, afterAnswer)
  return { ok: true }
}
