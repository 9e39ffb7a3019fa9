'use client'

import { useActionState, useMemo } from 'react'

import { ErrorSummary } from '../ui/Field'
import { reportProblem, type ReportState } from './actions'

export function ReportForm({ documentId, back }: { documentId: number; back: { href: string; label: string } }) {
  const [state, action, pending] = useActionState<ReportState, FormData>(reportProblem, {})
  const errors = useMemo(() => (state.error ? { message: state.error } : undefined), [state])
  return (
    <form action={action} className="form" noValidate>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="document" value={documentId} />
      <div className={`field${state.error ? ' field-error' : ''}`}>
        <label htmlFor="message">What is wrong with this document?</label>
        <p className="hint" id="message-hint">
          For example a misspelt name or a wrong date. Say what it should be. Do not include passwords or card numbers.
        </p>
        {state.error ? (
          <p className="error-message" id="message-error">
            {state.error}
          </p>
        ) : null}
        <textarea id="message" name="message" rows={6} maxLength={5000} defaultValue={state.message} aria-describedby={`message-hint${state.error ? ' message-error' : ''}`} />
      </div>
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          Send the report
        </button>
        <a href={back.href}>{back.label}</a>
      </div>
    </form>
  )
}
