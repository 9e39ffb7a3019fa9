import { addDataAndFileToRequest, headersWithCors, type Endpoint, type PayloadRequest } from 'payload'
import { generateExpiredPayloadCookie, generatePayloadCookie } from 'payload/shared'

import { closestCandidates } from './closestCandidates'
import { requestPasswordReset, resetPassword } from './passwordReset'
import { decideRegistration, ReviewError, type ReviewDecision } from './review'
import type { PasswordCollection } from './session'
import { signInAccount } from './signIn'
import { signOutAccount } from './signOut'

const field = (req: PayloadRequest, name: string) => String((req.data as Record<string, unknown> | undefined)?.[name] ?? '')

/**
 * POST /api/accounts/login and /api/staff/login (the admin's login form) replace Payload's own,
 * so REST sign-in gets the page's rules: throttling that cannot lock the owner out, one answer
 * for every failure, and the same time for an unknown email. The answer is Payload's, without
 * the token (it is in the HttpOnly cookie): `user` and `exp` are what the admin needs.
 */
export const loginEndpoint = (collection: PasswordCollection): Endpoint => ({
  path: '/login',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const ip = req.headers.get('x-portal-client-ip') ?? 'unknown'
    const outcome = await signInAccount(req.payload, { collection, ip, email: field(req, 'email'), password: field(req, 'password') })
    if (outcome.ok) {
      const collectionAuthConfig = req.payload.collections[collection].config.auth
      const cookie = generatePayloadCookie({ collectionAuthConfig, cookiePrefix: req.payload.config.cookiePrefix, token: outcome.token })
      const self = { ...outcome.user, collection }
      // Read as the person themselves, so the answer holds what they may see and nothing more.
      const user = await req.payload.findByID({ collection, id: outcome.user.id, depth: 0, overrideAccess: false, user: self })
      return Response.json({ message: 'Signed in.', user: { ...user, collection }, exp: outcome.exp }, { headers: headersWithCors({ headers: new Headers({ 'Set-Cookie': cookie }), req }) })
    }
    if (outcome.reason === 'throttled')
      return Response.json(
        { errors: [{ message: 'Too many attempts. Wait before trying again.' }] },
        { status: 429, headers: { 'Retry-After': String(outcome.waitSeconds) } },
      )
    if (outcome.reason === 'unverified') return Response.json({ errors: [{ message: 'Confirm your email address first.' }] }, { status: 403 })
    return Response.json({ errors: [{ message: 'The email address or password is not right.' }] }, { status: 401 })
  },
})

/** POST /api/accounts/logout replaces Payload's own, which writes the whole account back (see `addSession`). */
export const logoutEndpoint: Endpoint = {
  path: '/logout',
  method: 'post',
  handler: async (req) => {
    const signedOut = await signOutAccount(req.payload, req.user, { allSessions: req.searchParams.get('allSessions') === 'true' })
    if (!signedOut) return Response.json({ errors: [{ message: 'You are not signed in.' }] }, { status: 400, headers: headersWithCors({ headers: new Headers(), req }) })
    const { payload } = req
    const cookie = generateExpiredPayloadCookie({ collectionAuthConfig: payload.collections.accounts.config.auth, config: payload.config, cookiePrefix: payload.config.cookiePrefix })
    return Response.json({ message: 'Signed out.' }, { headers: headersWithCors({ headers: new Headers({ 'Set-Cookie': cookie }), req }) })
  },
}

/** POST /api/accounts/forgot-password and /api/staff/forgot-password: the same answer, in the same time, for every email. */
export const forgotPasswordEndpoint = (collection: PasswordCollection): Endpoint => ({
  path: '/forgot-password',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    await requestPasswordReset(req.payload, field(req, 'email'), { afterAnswer: true, collection })
    return Response.json({ message: 'If an account uses this email address, we have sent it a link to choose a new password.' })
  },
})

/**
 * POST /api/accounts/reset-password and /api/staff/reset-password (the admin's reset form)
 * { token, password }: the reset link's form, under the password rule (Payload's own skips it,
 * and would not find the hashed token).
 */
export const resetPasswordEndpoint = (collection: PasswordCollection): Endpoint => ({
  path: '/reset-password',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const password = field(req, 'password')
    const result = await resetPassword(req.payload, { collection, token: field(req, 'token'), password, confirmPassword: password })
    if (result.ok) return Response.json({ message: 'Your password has been changed. Sign in with it.' })
    return Response.json({ errors: Object.entries(result.errors).map(([path, message]) => ({ path, message })) }, { status: 400 })
  },
})

/** POST /api/accounts/:id/review { action, candidate?, message? }: support staff decide a registration. */
export const reviewEndpoint: Endpoint = {
  path: '/:id/review',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const body = (req.data ?? {}) as Partial<ReviewDecision> & { candidate?: number | string; message?: string }
    if (!['approve', 'request-information', 'reject'].includes(String(body.action)))
      return Response.json({ error: 'Choose approve, request-information or reject.' }, { status: 400 })
    try {
      await decideRegistration(req, String(req.routeParams?.id), {
        action: body.action,
        candidate: body.candidate ?? '',
        message: body.message ?? '',
      } as ReviewDecision)
      return Response.json({ ok: true })
    } catch (error) {
      if (error instanceof ReviewError) return Response.json({ error: error.message }, { status: error.status })
      throw error
    }
  },
}

/** GET /api/accounts/:id/review-candidates: the records most like this registration, closest first. */
export const closestCandidatesEndpoint: Endpoint = {
  path: '/:id/review-candidates',
  method: 'get',
  handler: async (req) => {
    try {
      return Response.json({ candidates: await closestCandidates(req, String(req.routeParams?.id)) })
    } catch (error) {
      if (error instanceof ReviewError) return Response.json({ error: error.message }, { status: error.status })
      throw error
    }
  },
}
