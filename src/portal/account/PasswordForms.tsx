'use client'

import { useActionState } from 'react'

import { ErrorSummary, Field } from '../ui/Field'
import { chooseNewPassword, forgotPassword, type FormState } from './actions'

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(forgotPassword, { values: {} })
  return (
    <form action={action} className="form" noValidate>
      <h1>Forgot your password?</h1>
      <p>Enter the email address of your account and we will send you a link to choose a new password. If your account came from our old system and has no password yet, this is how you set one.</p>
      {state.message === 'sent' ? (
        <p className="notice" role="status">
          If <strong>{state.values.email}</strong> has an account, we have sent it a link. The link works once, for 60 minutes.
        </p>
      ) : null}
      <ErrorSummary errors={state.errors} />
      <Field name="email" label="Email address" type="email" required defaultValue={state.values.email} error={state.errors?.email} autoComplete="email" />
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          Send me a link
        </button>
      </div>
      <p>
        <a href="/sign-in">Back to sign in</a>
      </p>
    </form>
  )
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(chooseNewPassword, { values: { token } })
  return (
    <form action={action} className="form" noValidate>
      <h1>Choose a new password</h1>
      <ErrorSummary errors={state.errors} />
      {state.errors?.token ? (
        <p>
          <a href="/forgot-password">Ask for a new link</a>
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <Field name="password" label="New password" type="password" required error={state.errors?.password} autoComplete="new-password" hint="At least 12 characters. Three random words make a strong password." />
      <Field name="confirmPassword" label="Confirm new password" type="password" required error={state.errors?.confirmPassword} autoComplete="new-password" />
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          Save my new password
        </button>
      </div>
    </form>
  )
}
