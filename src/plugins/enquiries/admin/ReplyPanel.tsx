'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'

/** The support inbox's reply box: the reporter is emailed each reply and each status change. */
export function ReplyPanel() {
  const { id } = useDocumentInfo()
  const current = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const [message, setMessage] = useState('')
  const [status, setStatus] = useState('')
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return null

  async function send() {
    setBusy(true)
    setResult(null)
    const response = await fetch(`/api/enquiries/${id}/reply`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message, status: status && status !== current ? status : '' }),
    })
    const body = await response.json().catch(() => ({}))
    setBusy(false)
    if (!response.ok) return setResult({ ok: false, text: body.error ?? 'That did not work. Try again.' })
    setResult({ ok: true, text: 'Sent: the reporter has been emailed.' })
    setTimeout(() => window.location.reload(), 800)
  }

  return (
    <section aria-labelledby="reply-heading" style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 4, padding: 20, marginBottom: 24 }}>
      <h3 id="reply-heading" style={{ marginTop: 0 }}>
        Reply to the reporter
      </h3>
      <label htmlFor="reply-message" style={{ display: 'block', fontWeight: 600 }}>
        Your reply
      </label>
      <textarea id="reply-message" value={message} onChange={(e) => setMessage(e.target.value)} rows={5} maxLength={5000} style={{ width: '100%', marginBottom: 12 }} />
      <label htmlFor="reply-status" style={{ display: 'block', fontWeight: 600 }}>
        Status
      </label>
      <select id="reply-status" value={status || current || 'open'} onChange={(e) => setStatus(e.target.value)} style={{ marginBottom: 12 }}>
        <option value="open">Open</option>
        <option value="in-progress">In progress</option>
        <option value="resolved">Resolved</option>
      </select>
      <div>
        <button type="button" className="btn btn--style-primary" disabled={busy} onClick={send}>
          Send reply
        </button>
      </div>
      {result ? (
        <p role="status" style={{ color: result.ok ? 'var(--theme-success-600)' : 'var(--theme-error-600)', fontWeight: 600 }}>
          {result.text}
        </p>
      ) : null}
    </section>
  )
}
