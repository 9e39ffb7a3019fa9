'use client'

import { useEffect, useId, useRef, type InputHTMLAttributes, type MouseEvent, type ReactNode } from 'react'

type FrameProps = { name: string; label: string; hint?: string; error?: string; required?: boolean }
/** What a control needs to be tied to its label, hint and error for screen readers. */
export type ControlProps = { id: string; name: string; required?: boolean; 'aria-invalid'?: true; 'aria-describedby'?: string }

/** A labelled control with its hint and error: the frame every form field shares. */
export function FieldFrame({ name, label, hint, error, required, children }: FrameProps & { children: (control: ControlProps) => ReactNode }) {
  const hintId = hint ? `${name}-hint` : undefined
  const errorId = error ? `${name}-error` : undefined
  const control: ControlProps = {
    id: name,
    name,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
  }
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={name}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {children(control)}
    </div>
  )
}

type Props = InputHTMLAttributes<HTMLInputElement> & FrameProps

/** A labelled input with its hint and error tied to it for screen readers. */
export function Field({ name, label, hint, error, required, ...input }: Props) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} required={required}>
      {(control) => <input {...control} {...input} />}
    </FieldFrame>
  )
}

export function Checkbox({ name, label, error, defaultChecked }: { name: string; label: React.ReactNode; error?: string; defaultChecked?: boolean }) {
  return (
    <div className={`field checkbox${error ? ' field-error' : ''}`}>
      {error ? (
        <p className="error-message" id={`${name}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <input type="checkbox" id={name} name={name} defaultChecked={defaultChecked} aria-describedby={error ? `${name}-error` : undefined} />
      <label htmlFor={name}>{label}</label>
    </div>
  )
}

/** A summary link takes the person to the field itself, not just near it (the browser only scrolls). */
function focusField(event: MouseEvent<HTMLAnchorElement>, field: string) {
  const control = document.getElementById(field)
  if (!control) return
  event.preventDefault()
  control.closest('.field')?.scrollIntoView({ block: 'start' })
  control.focus({ preventScroll: true })
}

/**
 * The list of problems at the top of a form, each linking to its field (the GOV.UK pattern).
 * It takes the focus when it appears, so after a refused submission a screen reader reads it
 * and the keyboard starts there: `autoFocus` for a page served whole (without JavaScript the
 * browser does it), an effect for a form answered in place.
 */
export function ErrorSummary({ errors }: { errors?: Record<string, string> }) {
  const entries = Object.entries(errors ?? {})
  const summary = useRef<HTMLDivElement>(null)
  const headingId = useId()
  useEffect(() => {
    if (entries.length) summary.current?.focus()
    // A new set of errors (each refused submission) moves the focus again.
  }, [errors])
  if (!entries.length) return null
  return (
    <div className="error-summary" ref={summary} tabIndex={-1} aria-labelledby={headingId} autoFocus>
      <div role="alert">
        <h2 id={headingId}>There is a problem</h2>
        <ul>
          {entries.map(([field, message]) => (
            <li key={field}>
              <a href={`#${field}`} onClick={(event) => focusField(event, field)}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
