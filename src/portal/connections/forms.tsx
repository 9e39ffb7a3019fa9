'use client'

import { useActionState, type ReactNode } from 'react'

import { ErrorSummary, Field, FieldFrame } from '../ui/Field'
import { askForExtension, askLearner, changeAccessDate, chooseDocuments, connectionButton, shareDocuments, type FormState } from './actions'
import type { ShareableGroup } from './data'

const without = (errors: FormState['errors']) => (errors ? Object.fromEntries(Object.entries(errors).filter(([, v]) => v)) : undefined) as Record<string, string> | undefined

function FormError({ state }: { state: FormState }) {
  return state.errors?.form ? (
    <p className="notice notice-error" role="alert">
      {state.errors.form}
    </p>
  ) : null
}

/** The documents to share, with checkboxes grouped by achievement (the seed's "Share documents" screen). */
function DocumentChoice({ groups, checked, error }: { groups: ShareableGroup[]; checked: number[]; error?: string }) {
  return (
    <fieldset id="documents" className={`field document-choice${error ? ' field-error' : ''}`} tabIndex={-1} aria-describedby={error ? 'documents-error' : undefined}>
      <legend>Documents to share</legend>
      <p className="hint">Choose the documents the third party may see. Revoked and replaced documents cannot be shared.</p>
      {error ? (
        <p className="error-message" id="documents-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {groups.length === 0 ? <p>You have no valid documents to share yet.</p> : null}
      {groups.map((group, index) => (
        <div key={group.heading + index} className="document-group">
          <h3>{group.heading}</h3>
          {group.documents.map((d) => (
            <div key={d.id} className="checkbox">
              <input type="checkbox" id={`document-${d.id}`} name="documents" value={d.id} defaultChecked={checked.includes(d.id)} />
              <label htmlFor={`document-${d.id}`}>{d.label}</label>
            </div>
          ))}
        </div>
      ))}
    </fieldset>
  )
}

function DateField({ label, hint, error, value, min, max }: { label: string; hint: string; error?: string; value?: string; min: string; max: string }) {
  return <Field name="accessUntil" label={label} hint={hint} type="date" min={min} max={max} defaultValue={value} error={error} />
}

export type DateLimits = { min: string; max: string; defaultDay: string }

export function ShareForm({ groups, limits }: { groups: ShareableGroup[]; limits: DateLimits }) {
  const [state, action, pending] = useActionState<FormState, FormData>(shareDocuments, {})
  const v = state.values ?? {}
  const e = state.errors ?? {}
  return (
    <form action={action} className="form form-wide" noValidate>
      <ErrorSummary errors={without(e)} />
      <Field name="name" label="Third party’s name" hint="The person or organisation, as they will recognise it." required defaultValue={v.name} error={e.name} autoComplete="off" />
      <Field name="email" label="Their email address" type="email" required defaultValue={v.email} error={e.email} autoComplete="off" />
      <Field name="company" label="Company (optional)" defaultValue={v.company} error={e.company} autoComplete="off" />
      <DateField
        label="Access until (optional)"
        hint={`The last day they can see the documents. Leave it empty for one month: ${limits.defaultDay}. At most two years ahead.`}
        value={v.accessUntil}
        error={e.accessUntil}
        min={limits.min}
        max={limits.max}
      />
      <DocumentChoice groups={groups} checked={state.checked ?? []} error={e.documents} />
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          Share documents
        </button>
        <a href="/connections">Cancel</a>
      </div>
    </form>
  )
}

export function RequestForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(askLearner, {})
  const v = state.values ?? {}
  const e = state.errors ?? {}
  return (
    <form action={action} className="form" noValidate>
      <ErrorSummary errors={without(e)} />
      <Field name="email" label="The learner’s email address" hint="The address they use for their account." type="email" required defaultValue={v.email} error={e.email} autoComplete="off" />
      <FieldFrame name="message" label="Message (optional)" hint="Say who you are and why you ask, so the learner knows whether to accept." error={e.message}>
        {(control) => <textarea {...control} rows={4} maxLength={1000} defaultValue={v.message} />}
      </FieldFrame>
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          Send the request
        </button>
        <a href="/connections">Cancel</a>
      </div>
    </form>
  )
}

export function DocumentsForm({ connection, groups, checked, accepting }: { connection: number; groups: ShareableGroup[]; checked: number[]; accepting: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(chooseDocuments, { checked })
  const e = state.errors ?? {}
  return (
    <form action={action} className="form form-wide" noValidate>
      <ErrorSummary errors={without(e)} />
      <input type="hidden" name="connection" value={connection} />
      <input type="hidden" name="accepting" value={accepting ? 'yes' : 'no'} />
      <DocumentChoice groups={groups} checked={state.checked ?? checked} error={e.documents} />
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          {accepting ? 'Accept and share these documents' : 'Share documents'}
        </button>
        <a href={`/connections/${connection}`}>Cancel</a>
      </div>
    </form>
  )
}

/** The learner moves the access date; `renewing`: of an expired connection, which is active again until the new date. */
export function AccessDateForm({ connection, current, limits, renewing = false }: { connection: number; current: string; limits: DateLimits; renewing?: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changeAccessDate, {})
  const hint = renewing ? 'The last day the third party can see the documents again. They are emailed.' : 'Later to extend, earlier to shorten. The third party is emailed.'
  return (
    <form action={action} className="form" noValidate id="access-date">
      <input type="hidden" name="connection" value={connection} />
      <DateField label="New access date" hint={hint} value={state.values?.accessUntil ?? current} error={state.errors?.accessUntil} min={limits.min} max={limits.max} />
      <button className="button button-secondary" type="submit" disabled={pending}>
        {renewing ? 'Extend the connection' : 'Save the access date'}
      </button>
    </form>
  )
}

export function ExtensionForm({ connection, limits }: { connection: number; limits: DateLimits }) {
  const [state, action, pending] = useActionState<FormState, FormData>(askForExtension, {})
  const e = state.errors ?? {}
  return (
    <form action={action} className="form" noValidate id="extension">
      <input type="hidden" name="connection" value={connection} />
      <DateField label="Access until" hint="The date you would like to see the documents until. The learner approves or declines." value={state.values?.accessUntil} error={e.accessUntil} min={limits.min} max={limits.max} />
      <FieldFrame name="message" label="Message (optional)" error={e.message}>
        {(control) => <textarea {...control} rows={3} maxLength={1000} defaultValue={state.values?.message} />}
      </FieldFrame>
      <button className="button button-secondary" type="submit" disabled={pending}>
        Ask for an extension
      </button>
    </form>
  )
}

/** What a delete or cancel will do, asked once: the question and the button that does it. */
export type Confirmation = { question: string; yes: string }

/**
 * An action on a connection: a small form with one button, its error said beside it. With
 * `confirm`, the first press asks the question (a round trip, so it works without JavaScript)
 * and only the second, "yes" button acts; "No" goes back to the page as it was.
 */
export function ActionButton({ connection, action, children, secondary = false, confirm }: { connection: number; action: string; children: ReactNode; secondary?: boolean; confirm?: Confirmation }) {
  const [state, submit, pending] = useActionState<FormState, FormData>(connectionButton, {})
  const asking = Boolean(confirm && state.confirming)
  return (
    <form action={submit} className={asking ? 'confirm-action' : 'inline-action'}>
      <input type="hidden" name="connection" value={connection} />
      <input type="hidden" name="action" value={action} />
      {asking ? (
        <>
          <p className="confirm-question" role="alert">
            {confirm!.question}
          </p>
          <input type="hidden" name="confirmed" value="yes" />
          <div className="actions">
            <button className="button danger" type="submit" disabled={pending}>
              {confirm!.yes}
            </button>
            <a href={`/connections/${connection}`}>No, go back</a>
          </div>
        </>
      ) : (
        <button className={`button${secondary ? ' button-secondary' : ''}`} type="submit" disabled={pending}>
          {children}
        </button>
      )}
      <FormError state={state} />
    </form>
  )
}
