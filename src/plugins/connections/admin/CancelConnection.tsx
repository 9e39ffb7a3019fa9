'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'

import { ActionPanel, labelStyle, usePanelAction } from '../../../admin/ActionPanel'

/**
 * Support staff cancel an open connection on the learner's request; both sides are emailed and
 * the history says why. It cannot be undone, so the first press says what will happen and
 * asks once; only "Yes, cancel it" acts.
 */
export function CancelConnection() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const [note, setNote] = useState('')
  const [asking, setAsking] = useState(false)
  const { result, busy, post } = usePanelAction()
  if (!id || (status !== 'pending' && status !== 'active')) return null
  async function cancel() {
    const done = await post(`/api/connections/${id}/cancel`, { note }, { done: () => 'Cancelled: both sides have been emailed.' })
    setAsking(false)
    if (done) setTimeout(() => window.location.reload(), 800)
  }
  return (
    <ActionPanel id="cancel-connection-heading" title="Cancel this connection" result={result}>
      <p>On the learner’s request only. The third party loses access at once; both sides are emailed.</p>
      <label htmlFor="cancel-note" style={labelStyle}>
        Why (kept in the connection’s history)
      </label>
      <textarea id="cancel-note" rows={2} value={note} disabled={asking} onChange={(event) => setNote(event.target.value)} style={{ width: '100%', marginBottom: 12 }} />
      {asking ? (
        <div role="alert">
          <p style={{ fontWeight: 600 }}>
            Cancel this connection now? The third party can no longer see the shared documents, and the learner and the third party are both emailed. This cannot be undone.
          </p>
          <button type="button" className="btn btn--style-primary btn--size-medium" disabled={busy} onClick={cancel} style={{ marginRight: 12 }}>
            Yes, cancel it
          </button>
          <button type="button" className="btn btn--style-secondary btn--size-medium" disabled={busy} onClick={() => setAsking(false)}>
            No, keep it
          </button>
        </div>
      ) : (
        <button type="button" className="btn btn--style-secondary btn--size-medium" disabled={busy || !note.trim()} onClick={() => setAsking(true)}>
          Cancel the connection
        </button>
      )}
    </ActionPanel>
  )
}
