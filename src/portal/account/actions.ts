'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'

import { checkContactDetails, checkEligibility, emailProblem, type FieldErrors } from '../../lib/registration'
import { safeReturnPath } from '../../lib/returnPath'
import {
  registerLearner,
  registerThirdParty,
  requestPasswordReset,
  resendVerificationLink,
  resetPassword,
  sessionUser,
  signInAccount,
  signOutAccount,
  verifyEmail,
} from '../../plugins/registration'
import { portalPayload } from '../payload'

export type FormState = { step?: number; values: Record<string, string>; errors?: FieldErrors; message?: string }

const formValues = (data: FormData): Record<string, string> => {
  const values: Record<string, string> = {}
  for (const [key, value] of data.entries()) if (typeof value === 'string' && !key.startsWith('$')) values[key] = value
  return values
}
/** What goes back to the page: never the passwords. */
const withoutSecrets = ({ password: _p, confirmPassword: _c, ...rest }: Record<string, string>) => rest

/** Learner registration, one step at a time; each step is checked here before the next is shown. */
export async function learnerRegistrationStep(_previous: FormState, data: FormData): Promise<FormState> {
  const values = formValues(data)
  const step = Number(values.step) || 1
  const back = values.intent === 'back'
  if (back) return { step: Math.max(1, step - 1), values: withoutSecrets(values) }
  if (step === 1) {
    const { errors } = checkEligibility(values, new Date())
    return Object.keys(errors).length ? { step: 1, values: withoutSecrets(values), errors } : { step: 2, values: withoutSecrets(values) }
  }
  if (step === 2) {
    const { errors } = checkContactDetails(values)
    return Object.keys(errors).length ? { step: 2, values: withoutSecrets(values), errors } : { step: 3, values: withoutSecrets(values) }
  }
  const result = await registerLearner(await portalPayload(), values, { afterAnswer: true })
  if (!result.ok) {
    const firstStep = ['candidateNumber', 'firstName', 'surname', 'dateOfBirth', 'consent'].some((f) => f in result.errors) ? 1 : 3
    return { step: firstStep, values: withoutSecrets(values), errors: result.errors }
  }
  redirect(`/register/check-email?email=${encodeURIComponent(values.email ?? '')}`)
}

export async function thirdPartyRegistration(_previous: FormState, data: FormData): Promise<FormState> {
  const values = formValues(data)
  const result = await registerThirdParty(await portalPayload(), values, { afterAnswer: true })
  if (!result.ok) return { values: withoutSecrets(values), errors: result.errors }
  redirect(`/register/check-email?email=${encodeURIComponent(values.email ?? '')}`)
}

export async function confirmEmail(_previous: FormState, data: FormData): Promise<FormState> {
  const result = await verifyEmail(await portalPayload(), String(data.get('token') ?? ''))
  if (!result.ok) return { values: {}, message: result.reason }
  redirect(`/register/confirmed?outcome=${result.outcome}`)
}

/** A new confirmation link, once an address is given: what it says it sent, it sent (if the account exists). */
export async function sendLinkAgain(_previous: FormState, data: FormData): Promise<FormState> {
  const email = String(data.get('email') ?? '').trim()
  const problem = emailProblem(email)
  if (problem) return { values: { email }, errors: { email: problem } }
  await resendVerificationLink(await portalPayload(), email)
  return { values: { email }, message: 'sent' }
}

/** One sign-in for learners and third parties; every failure gets the same answer. Success goes back to `next`, a path on this site. */
export async function signIn(_previous: FormState, data: FormData): Promise<FormState> {
  const email = String(data.get('email') ?? '').trim().toLowerCase()
  const payload = await portalPayload()
  const outcome = await signInAccount(payload, { ip: await clientIp(), email, password: String(data.get('password') ?? '') })
  if (!outcome.ok) {
    const wait = outcome.reason === 'throttled' ? { wait: String(Math.ceil(outcome.waitSeconds / 60)) } : undefined
    return { values: { email }, message: outcome.reason, errors: wait }
  }
  ;(await cookies()).set(`${payload.config.cookiePrefix}-token`, outcome.token, {
    httpOnly: true,
    secure: Boolean(payload.collections.accounts.config.auth.cookies?.secure),
    sameSite: 'lax',
    path: '/',
    expires: outcome.exp ? new Date(outcome.exp * 1000) : undefined,
  })
  redirect(safeReturnPath(data.get('next')) ?? '/dashboard')
}

/** Set by our express server from the connection (never taken from the client). */
const clientIp = async () => (await headers()).get('x-portal-client-ip') ?? 'unknown'

export async function signOut(): Promise<void> {
  const payload = await portalPayload()
  const jar = await cookies()
  const user = await sessionUser(payload, await headers())
  await signOutAccount(payload, user)
  jar.delete(`${payload.config.cookiePrefix}-token`)
  redirect('/')
}

export async function forgotPassword(_previous: FormState, data: FormData): Promise<FormState> {
  const email = String(data.get('email') ?? '')
  if (!email.trim()) return { values: {}, errors: { email: 'Enter your email address.' } }
  await requestPasswordReset(await portalPayload(), email, { afterAnswer: true })
  return { values: { email }, message: 'sent' }
}

export async function chooseNewPassword(_previous: FormState, data: FormData): Promise<FormState> {
  const token = String(data.get('token') ?? '')
  const result = await resetPassword(await portalPayload(), {
    token,
    password: String(data.get('password') ?? ''),
    confirmPassword: String(data.get('confirmPassword') ?? ''),
  })
  if (!result.ok) return { values: { token }, errors: result.errors }
  redirect('/sign-in?reset=done')
}
