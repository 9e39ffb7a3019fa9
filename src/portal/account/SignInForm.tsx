'use client'

import { useActionState } from 'react'

import { Field } from '../ui/Field'
import { signIn, type FormState } from './actions'

export function SignInForm({ notice, returnTo }: { notice?: string; returnTo?: string | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signIn, { values: {} })
  return (
    <form action={action} className="form" noValidate>
      <h1>Sign in</h1>
      <p>For learners, employers, universities and auditors.</p>
      {returnTo && !state.message ? (
        <p className="notice" role="status">
          Sign in to see that page. If you were signed in before, your session has ended. You will go back to it once you have signed in.
        </p>
      ) : null}
      {notice === 'reset' && !state.message ? (
        <p className="notice" role="status">
          Your password has been changed. Sign in with your new password.
        </p>
      ) : null}
      {state.message === 'failed' ? (
        <div className="error-summary" role="alert">
          <h2>We could not sign you in</h2>
          <p>The email address or password is not right. Check them and try again, or <a href="/forgot-password">reset your password</a>.</p>
          <p>Registered recently? Confirm your email address first using the link we sent you. <a href="/register/check-email">Send the link again</a>.</p>
        </div>
      ) : null}
      {state.message === 'throttled' ? (
        <div className="error-summary" role="alert">
          <h2>Too many attempts</h2>
          <p>To keep accounts safe, please wait {state.errors?.wait} minute{state.errors?.wait === '1' ? '' : 's'} before trying again, or <a href="/forgot-password">reset your password</a>.</p>
        </div>
      ) : null}
      {state.message === 'unverified' ? (
        <div className="notice" role="alert">
          <h2>Confirm your email address first</h2>
          <p>We sent you a link when you registered. <a href={`/register/check-email?email=${encodeURIComponent(state.values.email ?? '')}`}>Send the link again</a>.</p>
        </div>
      ) : null}
      {returnTo ? <input type="hidden" name="next" value={returnTo} /> : null}
      <Field name="email" label="Email address" type="email" required defaultValue={state.values.email} autoComplete="username" />
      <Field name="password" label="Password" type="password" required autoComplete="current-password" />
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          Sign in
        </button>
      </div>
      <p>
        <a href="/forgot-password">Forgot my password</a>
      </p>
      <p>
        New here? <a href="/register">Register as a learner</a> or <a href="/register/third-party">register as an employer or university</a>.
      </p>
    </form>
  )
}
