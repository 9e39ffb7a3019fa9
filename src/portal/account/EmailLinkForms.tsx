'use client'

import { useActionState } from 'react'

import { ErrorSummary, Field } from '../ui/Field'
import { confirmEmail, sendLinkAgain, type FormState } from './actions'

/** A button, not the link itself, confirms: mail scanners that open links must not use up the one-time link. */
export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(confirmEmail, { values: {} })
  return (
    <form action={action} className="form">
      <h1>Confirm your email address</h1>
      {state.message === 'expired' ? (
        <div className="error-summary" role="alert">
          <h2>This link has expired</h2>
          <p>Links work for 24 hours. Enter your email address below and we will send you a new one.</p>
        </div>
      ) : null}
      {state.message === 'invalid' ? (
        <div className="error-summary" role="alert">
          <h2>This link does not work</h2>
          <p>It may have been used already, or replaced by a newer link. Try signing in, or ask for a new link below.</p>
        </div>
      ) : null}
      <input type="hidden" name="token" value={token} />
      {state.message ? null : (
        <div className="actions">
          <button className="button" type="submit" disabled={pending}>
            Confirm my email address
          </button>
        </div>
      )}
    </form>
  )
}

export function SendLinkAgainForm({ email, heading = true }: { email?: string; heading?: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(sendLinkAgain, { values: { email: email ?? '' } })
  return (
    <form action={action} className="form" noValidate>
      {heading ? <h2>Send the link again</h2> : null}
      <ErrorSummary errors={state.errors} />
      {state.message === 'sent' ? (
        <p className="notice" role="status">
          If <strong>{state.values.email}</strong> has an account waiting to be confirmed, we have sent it a new link. The old link no longer works.
        </p>
      ) : null}
      <Field name="email" label="Email address" type="email" required defaultValue={state.values.email} error={state.errors?.email} autoComplete="email" />
      <button className="button secondary" type="submit" disabled={pending}>
        Send the link again
      </button>
    </form>
  )
}
