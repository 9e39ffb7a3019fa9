'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { ActionPanel, labelStyle, usePanelAction } from '../../../admin/ActionPanel'
import type { ComparedDetail, DetailResult } from '../../../lib/matching'
import type { CandidateSuggestion as Suggestion } from '../closestCandidates'

const ukDate = (iso: string) => (iso ? new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC' }).format(new Date(iso)) : '')
const REVIEWABLE = ['awaiting-review', 'information-requested', 'rejected']

/** Each result in words, with a sign and a colour besides: never the colour alone. */
const RESULT: Record<DetailResult, { text: string; sign: string; colour: string; background: string }> = {
  match: { text: 'Match', sign: '✓', colour: 'var(--theme-success-800)', background: 'var(--theme-success-100)' },
  differs: { text: 'Differs', sign: '✗', colour: 'var(--theme-error-800)', background: 'var(--theme-error-100)' },
  missing: { text: 'Missing', sign: '–', colour: 'var(--theme-elevation-800)', background: 'var(--theme-elevation-100)' },
}

const shown = ({ detail, given, onRecord }: ComparedDetail) =>
  detail === 'dateOfBirth' ? { given: ukDate(given), onRecord: ukDate(onRecord) } : { given, onRecord }

const cell = { padding: '4px 6px', textAlign: 'left', verticalAlign: 'top', overflowWrap: 'anywhere' } as const

/** One record beside the registration, detail by detail. */
function Comparison({ candidate }: { candidate: Suggestion }) {
  const name = [candidate.firstName, candidate.middleNames, candidate.surname].filter(Boolean).join(' ')
  return (
    <div style={{ overflowX: 'auto' }}>
    <table style={{ width: '100%', borderCollapse: 'collapse', margin: '8px 0 0' }}>
      <caption style={{ textAlign: 'left', position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        The registration compared with the record of {name}, {candidate.candidateNumber}
      </caption>
      <thead>
        <tr>
          <th scope="col" style={cell}>Detail</th>
          <th scope="col" style={cell}>Typed</th>
          <th scope="col" style={cell}>On the record</th>
          <th scope="col" style={cell}>Result</th>
        </tr>
      </thead>
      <tbody>
        {candidate.comparison.map((compared) => {
          const values = shown(compared)
          const result = RESULT[compared.result]
          return (
            <tr key={compared.detail} style={{ borderTop: '1px solid var(--theme-elevation-100)' }} data-detail={compared.detail}>
              <th scope="row" style={cell}>{compared.label}</th>
              <td style={cell}>{values.given || <em>Not given</em>}</td>
              <td style={cell}>{values.onRecord || <em>None on the record</em>}</td>
              <td style={{ ...cell, overflowWrap: 'normal' }}>
                <span style={{ color: result.colour, background: result.background, fontWeight: 600, padding: '1px 6px', borderRadius: 10, whiteSpace: 'nowrap' }}>
                  <span aria-hidden="true">{result.sign} </span>
                  {result.text}
                </span>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
    </div>
  )
}

/**
 * The review queue's work surface, first on the account's page: the registration beside the
 * closest records, detail by detail, and the three decisions (the only way to set the
 * account's status and record while it is in review).
 */
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
      <p>
        Choose the candidate record this person is, or ask them for more information, or reject the registration. Each decision emails them and is written to the
        audit log. The status and the linked record change only here.
      </p>
      <h4>Closest candidate records</h4>
      {candidates === null ? <p>Looking for records…</p> : null}
      {candidates?.length === 0 ? <p>No record shares the number, date of birth or surname. Ask for more information.</p> : null}
      {candidates?.length ? (
        <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 16px' }} aria-label="Closest candidate records">
          {candidates.map((c) => {
            const name = [c.firstName, c.middleNames, c.surname].filter(Boolean).join(' ')
            return (
              <li key={c.id} className="review-candidate" style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 4, padding: 8, marginBottom: 12 }}>
                <label style={{ display: 'flex', gap: 8, alignItems: 'baseline', fontWeight: 600 }}>
                  <input
                    type="radio"
                    name="review-candidate"
                    value={String(c.id)}
                    disabled={c.linkedAccount}
                    checked={chosen === String(c.id)}
                    onChange={() => setChosen(String(c.id))}
                  />
                  <span>
                    {name}, {c.candidateNumber}
                    {c.centre ? `, ${c.centre}` : ''}
                    {c.linkedAccount ? ' (already linked to an account: cannot be chosen)' : ''}
                  </span>
                </label>
                <Comparison candidate={c} />
              </li>
            )
          })}
        </ul>
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
