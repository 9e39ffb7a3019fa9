'use client'

import { useActionState } from 'react'

import { Checkbox, ErrorSummary, Field } from '../ui/Field'
import { thirdPartyRegistration, type FormState } from './actions'

/** `invitedEmail`: the address a learner shared documents with, from the invitation's link. */
export function ThirdPartyRegistrationForm({ privacyHref, invitedEmail }: { privacyHref: string; invitedEmail?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(thirdPartyRegistration, { values: invitedEmail ? { email: invitedEmail } : {} })
  const v = state.values
  const e = state.errors ?? {}
  return (
    <form action={action} className="form" noValidate>
      <h1>Register as an employer, university or auditor</h1>
      <p>Register as an employer, university or auditor. To check a document now you need no account: use <a href="/verify">Check a document</a>. Learners register on <a href="/register">their own page</a>.</p>
      <ErrorSummary errors={state.errors} />
      <Field name="firstName" label="First name" required defaultValue={v.firstName} error={e.firstName} autoComplete="given-name" />
      <Field name="lastName" label="Last name" required defaultValue={v.lastName} error={e.lastName} autoComplete="family-name" />
      <Field name="companyName" label="Company or organisation" required defaultValue={v.companyName} error={e.companyName} autoComplete="organization" />
      <Field name="jobTitle" label="Job title" required defaultValue={v.jobTitle} error={e.jobTitle} autoComplete="organization-title" />
      <Field name="email" label="Work email address" type="email" required defaultValue={v.email} error={e.email} autoComplete="email" />
      <Field name="password" label="Password" type="password" required error={e.password} autoComplete="new-password" hint="At least 12 characters. Three random words make a strong password." />
      <Field name="confirmPassword" label="Confirm password" type="password" required error={e.confirmPassword} autoComplete="new-password" />
      <Checkbox name="consent" defaultChecked={v.consent === 'on'} error={e.consent} label={<>I have read the <a href={privacyHref}>privacy policy</a>.</>} />
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          Register
        </button>
      </div>
    </form>
  )
}
