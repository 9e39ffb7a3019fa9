'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { ActionPanel, labelStyle, usePanelAction } from '../../../admin/ActionPanel'
import type { CandidateSuggestion as Suggestion } from '../closestCandidates'


const ukDate = (iso: string) => (iso ? new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' }).format(new Date(iso)) : '')
const REVIEWABLE = ['awaiting-review', 'information-requested', 'rejected']

/** The review queue's work surface: the registration beside the closest records, and the three decisions. */
export function ReviewPanel() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const kind = useFormFields(([fields]) => fields.kind?.value as string | undefined)
  const [candidates, setCandidates] = useState<Suggestion[] | null>(null)
  const [chosen, setChosen] = useState<string>('')
  const [message, setMessage] = useState('')
  const { result, busy, post } = usePanelAction()
  const open = kind === 'learner' && status && REVIEWABLE.includes(status)

  useEffect(() => {
    if (!open || !id) return
    fetch(`/api/accounts/${id}/review-candidates`, { credentials: 'include' })
      .then((r) => r.json())
      .then((body) => setCandidates(body.candidates ?? []))
      .catch(() => setCandidates([]))
  }, [id, open])

  if (!open) return null

  async function decide(action: 'approve' | 'request-information' | 'reject') {
    const done = await post(
      `/api/accounts/${id}/review`,
      { action, candidate: chosen, message },
      { done: () => (action === 'approve' ? 'Approved: the learner has been emailed.' : 'Done: the registrant has been emailed.') },
    )
    if (done) setTimeout(() => window.location.reload(), 800)
  }

  return (
    <ActionPanel id="review-heading" title="Review this registration" result={result}>
      <p>Choose the candidate record this person is, or ask them for more information, or reject the registration. Each decision emails them and is written to the audit log.</p>
      <h4>Closest candidate records</h4>
      {candidates === null ? <p>Looking for records…</p> : null}
      {candidates?.length === 0 ? <p>No record shares the number, date of birth or surname. Ask for more information.</p> : null}
      {candidates?.length ? (
        <table style={{ width: '100%', borderCollapse: 'collapse', marginBottom: 16 }}>
          <thead>
            <tr>
              <th scope="col">Choose</th>
              <th scope="col">Number</th>
              <th scope="col">Name</th>
              <th scope="col">Date of birth</th>
              <th scope="col">Centre</th>
              <th scope="col">In common</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <tr key={c.id} style={{ borderTop: '1px solid var(--theme-elevation-100)' }}>
                <td>
                  <input
                    type="radio"
                    name="review-candidate"
                    value={String(c.id)}
                    aria-label={`Choose ${c.firstName} ${c.surname}, ${c.candidateNumber}`}
                    disabled={c.linkedAccount}
                    checked={chosen === String(c.id)}
                    onChange={() => setChosen(String(c.id))}
                  />
                </td>
                <td>{c.candidateNumber}</td>
                <td>
                  {[c.firstName, c.middleNames, c.surname].filter(Boolean).join(' ')}
                  {c.linkedAccount ? ' (already linked to an account)' : ''}
                </td>
                <td>{ukDate(c.dateOfBirth)}</td>
                <td>{c.centre}</td>
                <td>{c.closeness >= 9 ? 'everything' : c.closeness >= 4 ? 'number' : c.closeness >= 3 ? 'date of birth' : 'name'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <button type="button" className="btn btn--style-primary btn--size-medium" disabled={busy || !chosen} onClick={() => decide('approve')}>
        Approve with the chosen record
      </button>
      <div style={{ marginTop: 16 }}>
        <label htmlFor="review-message" style={labelStyle}>
          Message to the registrant (for more information or rejection)
        </label>
        <textarea id="review-message" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} style={{ width: '100%' }} />
      </div>
      <button type="button" className="btn btn--style-secondary btn--size-medium" disabled={busy} onClick={() => decide('request-information')}>
        Ask for more information
      </button>{' '}
      <button type="button" className="btn btn--style-secondary btn--size-medium" disabled={busy} onClick={() => decide('reject')}>
        Reject
      </button>
    </ActionPanel>
  )
}
