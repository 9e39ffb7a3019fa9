'use client'

import { useActionState } from 'react'

import { Checkbox, ErrorSummary, Field } from '../ui/Field'
import { SelectField } from '../ui/SelectField'
import { learnerRegistrationStep, type FormState } from './actions'

const STEP_FIELDS: Record<number, string[]> = {
  1: ['candidateNumber', 'dontKnowNumber', 'firstName', 'surname', 'dateOfBirth', 'consent'],
  2: ['addressLine1', 'addressLine2', 'town', 'country', 'postcode', 'phoneCountry', 'phoneNumber'],
  3: ['email'],
}

/** Carries the answers of the other steps, so each step can be checked on the server alone. */
function Carried({ values, step }: { values: Record<string, string>; step: number }) {
  const carried = Object.entries(STEP_FIELDS)
    .filter(([s]) => Number(s) !== step)
    .flatMap(([, fields]) => fields)
    .filter((field) => values[field] !== undefined)
  return (
    <>
      {carried.map((field) => (
        <input key={field} type="hidden" name={field} value={values[field]} />
      ))}
    </>
  )
}

type Options = ReadonlyArray<{ value: string; label: string }>

/** `countries` and `phoneCountries` come from the server, so the lists are the server's (and not sent as code). */
export function LearnerRegistrationForm({ privacyHref, countries, phoneCountries }: { privacyHref: string; countries: Options; phoneCountries: Options }) {
  const [state, action, pending] = useActionState<FormState, FormData>(learnerRegistrationStep, { step: 1, values: {} })
  const step = state.step ?? 1
  const v = state.values
  const e = state.errors ?? {}
  const headings = ['', "First, let's check you are eligible to register", 'Your address and telephone number', 'Finally, your email and password']
  return (
    <form action={action} className="form" noValidate>
      <p className="steps">Step {step} of 3</p>
      <h1>{headings[step]}</h1>
      <ErrorSummary errors={state.errors} />
      <input type="hidden" name="step" value={step} />
      <Carried values={v} step={step} />
      {step === 1 ? (
        <>
          <p>Only people who hold our qualifications or membership can register. Enter your details exactly as they appear on your certificate.</p>
          <Field name="candidateNumber" label="Candidate or Membership Number" defaultValue={v.candidateNumber} error={e.candidateNumber} autoComplete="off" hint="Printed on your certificate or membership card." />
          <Checkbox name="dontKnowNumber" label="I don't know my candidate or membership number" defaultChecked={v.dontKnowNumber === 'on'} />
          <Field name="firstName" label="First Name" required defaultValue={v.firstName} error={e.firstName} autoComplete="given-name" />
          <Field name="surname" label="Surname" required defaultValue={v.surname} error={e.surname} autoComplete="family-name" />
          <Field name="dateOfBirth" label="Date Of Birth" required defaultValue={v.dateOfBirth} error={e.dateOfBirth} hint="Type it as day/month/year, for example 27/03/1990." inputMode="numeric" autoComplete="bday" placeholder="dd/mm/yyyy" />
          <Checkbox
            name="consent"
            defaultChecked={v.consent === 'on'}
            error={e.consent}
            label={
              <>
                I confirm that the information provided is correct and relates to me, I acknowledge the <a href={privacyHref}>privacy policy</a> and agree to my details being used to register me.
              </>
            }
          />
        </>
      ) : null}
      {step === 2 ? (
        <>
          <p>These are optional. If you give them, we use them as your billing and delivery address when you order printed documents.</p>
          <Field name="addressLine1" label="Address line 1" defaultValue={v.addressLine1} error={e.addressLine1} autoComplete="address-line1" />
          <Field name="addressLine2" label="Address line 2" defaultValue={v.addressLine2} error={e.addressLine2} autoComplete="address-line2" />
          <Field name="town" label="City" defaultValue={v.town} error={e.town} autoComplete="address-level2" />
          <SelectField name="country" label="Country" defaultValue={v.country ?? 'GB'} error={e.country} autoComplete="country" placeholder="Select country" options={countries} />
          <Field name="postcode" label="Postcode" defaultValue={v.postcode} error={e.postcode} autoComplete="postal-code" />
          <div className="phone-fields">
            <SelectField name="phoneCountry" label="Country code" defaultValue={v.phoneCountry || 'GB'} error={e.phoneCountry} autoComplete="tel-country-code" options={phoneCountries} />
            <Field name="phoneNumber" label="Phone number" type="tel" defaultValue={v.phoneNumber} error={e.phoneNumber} autoComplete="tel-national" inputMode="tel" hint="For example 07700 900982." />
          </div>
        </>
      ) : null}
      {step === 3 ? (
        <>
          <Field name="email" label="Email" type="email" required defaultValue={v.email} error={e.email} autoComplete="email" />
          <Field name="password" label="Password" type="password" required error={e.password} autoComplete="new-password" hint="At least 12 characters. Three random words make a strong password." />
          <Field name="confirmPassword" label="Confirm password" type="password" required error={e.confirmPassword} autoComplete="new-password" />
        </>
      ) : null}
      <div className="actions">
        <button className="button" type="submit" name="intent" value="next" disabled={pending}>
          {step === 1 ? 'Agree and continue' : step === 2 ? 'Continue' : 'Save details and register'}
        </button>
        {step > 1 ? (
          <button className="button secondary" type="submit" name="intent" value="back" formNoValidate disabled={pending}>
            Back
          </button>
        ) : null}
      </div>
    </form>
  )
}
