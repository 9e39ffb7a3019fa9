'use client'

import { useActionState } from 'react'

import { ErrorSummary, Field } from '../ui/Field'
import { SelectField } from '../ui/SelectField'
import { changePasswordAction, deleteAccountAction, saveAddressAction, saveDetailsAction, type ProfileFormState } from './actions'

/** A checkbox with an optional hint, both read out with it. */
function TickBox({ name, label, hint, defaultChecked }: { name: string; label: string; hint?: string; defaultChecked?: boolean }) {
  return (
    <div className="field checkbox">
      <input type="checkbox" id={name} name={name} defaultChecked={defaultChecked} aria-describedby={hint ? `${name}-hint` : undefined} />
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p className="hint checkbox-hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  )
}

export function DetailsForm({ kind, initial }: { kind: 'learner' | 'third-party'; initial: Record<string, string> }) {
  const [state, action, pending] = useActionState<ProfileFormState, FormData>(saveDetailsAction, { values: initial })
  const v = state.values
  const e = state.errors ?? {}
  return (
    <form action={action} className="form" noValidate>
      <ErrorSummary errors={state.errors} />
      {kind === 'third-party' ? (
        <>
          <Field name="firstName" label="First Name" required defaultValue={v.firstName} error={e.firstName} autoComplete="given-name" />
          <Field name="lastName" label="Last Name" required defaultValue={v.lastName} error={e.lastName} autoComplete="family-name" />
          <Field name="companyName" label="Company Name" required defaultValue={v.companyName} error={e.companyName} autoComplete="organization" />
          <Field name="jobTitle" label="Job Title" required defaultValue={v.jobTitle} error={e.jobTitle} autoComplete="organization-title" />
        </>
      ) : null}
      <Field
        name="phone"
        label="Telephone number"
        type="tel"
        defaultValue={v.phone}
        error={e.phone}
        autoComplete="tel"
        hint="Optional. For example 07700 900982; a number outside the UK with its country code, like +33 1 23 45 67 89."
      />
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          Save details
        </button>
      </div>
    </form>
  )
}

export function AddressForm({
  id,
  initial,
  isDefault,
  countries,
}: {
  id?: string
  initial: Record<string, string>
  isDefault: { billing: boolean; delivery: boolean }
  /** From the server: the browser's own country names may differ, and the page must match. */
  countries: ReadonlyArray<{ value: string; label: string }>
}) {
  const [state, action, pending] = useActionState<ProfileFormState, FormData>(saveAddressAction, { values: initial })
  const v = state.values
  const e = state.errors ?? {}
  return (
    <form action={action} className="form" noValidate>
      <ErrorSummary errors={state.errors} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <Field name="label" label="Name for this address" defaultValue={v.label} error={e.label} hint="Optional. For example Home or Work." autoComplete="off" />
      <Field name="fullName" label="Full name" required defaultValue={v.fullName} error={e.fullName} autoComplete="name" hint="Of the person at this address." />
      <Field name="line1" label="Address line 1" required defaultValue={v.line1} error={e.line1} autoComplete="address-line1" />
      <Field name="line2" label="Address line 2" defaultValue={v.line2} error={e.line2} autoComplete="address-line2" hint="Optional." />
      <Field name="town" label="Town or city" required defaultValue={v.town} error={e.town} autoComplete="address-level2" />
      <Field name="county" label="County or region" defaultValue={v.county} error={e.county} autoComplete="address-level1" hint="Optional." />
      <Field name="postcode" label="Postcode" defaultValue={v.postcode} error={e.postcode} autoComplete="postal-code" hint="Needed for a UK address." className="input-short" />
      <SelectField name="country" label="Country" required defaultValue={v.country || 'GB'} error={e.country} autoComplete="country" placeholder="Select country" options={countries} />
      {isDefault.billing ? (
        <p className="tag-line">This is your default billing address.</p>
      ) : (
        <TickBox name="defaultBilling" label="Use as my default billing address" defaultChecked={v.defaultBilling === 'on'} />
      )}
      {isDefault.delivery ? (
        <p className="tag-line">This is your default delivery address.</p>
      ) : (
        <TickBox name="defaultDelivery" label="Use as my default delivery address" defaultChecked={v.defaultDelivery === 'on'} />
      )}
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          {id ? 'Save address' : 'Add address'}
        </button>
        <a className="button secondary" href="/profile/addresses">
          Cancel
        </a>
      </div>
    </form>
  )
}

export function PasswordForm() {
  const [state, action, pending] = useActionState<ProfileFormState, FormData>(changePasswordAction, { values: {} })
  const e = state.errors ?? {}
  return (
    <form action={action} className="form" noValidate>
      <ErrorSummary errors={state.errors} />
      <Field name="currentPassword" label="Current password" type="password" required error={e.currentPassword} autoComplete="current-password" />
      <Field
        name="password"
        label="New password"
        type="password"
        required
        error={e.password}
        autoComplete="new-password"
        hint="At least 12 characters. Three random words make a strong password."
      />
      <Field name="confirmPassword" label="Confirm new password" type="password" required error={e.confirmPassword} autoComplete="new-password" />
      <TickBox
        name="signOutOthers"
        label="Sign out of all other devices"
        hint="For example if you signed in on a shared computer or lost a phone. You stay signed in here."
        defaultChecked={state.values.signOutOthers === 'on'}
      />
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          Save new password
        </button>
      </div>
    </form>
  )
}

export function DeleteAccountForm() {
  const [state, action, pending] = useActionState<ProfileFormState, FormData>(deleteAccountAction, { values: {} })
  return (
    <form action={action} className="form" noValidate>
      <ErrorSummary errors={state.errors} />
      <Field
        name="password"
        label="Your password"
        type="password"
        required
        error={state.errors?.password}
        autoComplete="current-password"
        hint="To confirm that it is you. Deleting your account cannot be undone."
      />
      <div className="actions">
        <button className="button danger" type="submit" disabled={pending}>
          Delete my account
        </button>
      </div>
    </form>
  )
}
