'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'

/** Revoke or reissue from the document's page in the admin; both are immediate and audited. */
export function IssuingPanel() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const [reason, setReason] = useState('')
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id || status !== 'valid') return null

  async function act(action: 'revoke' | 'reissue') {
    if (action === 'revoke' && !reason.trim()) return setResult({ ok: false, text: 'Give the reason the document is revoked.' })
    setBusy(true)
    setResult(null)
    const response = await fetch(`/api/documents/${id}/${action}`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason }),
    })
    const body = await response.json().catch(() => ({}))
    setBusy(false)
    if (!response.ok) return setResult({ ok: false, text: body.error ?? 'That did not work. Try again.' })
    if (action === 'reissue') window.location.assign(`/admin/collections/documents/${body.id}`)
    else window.location.reload()
  }

  return (
    <section aria-labelledby="issuing-heading" style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 4, padding: 20, marginBottom: 24 }}>
      <h3 id="issuing-heading" style={{ marginTop: 0 }}>
        Revoke or reissue
      </h3>
      <p>Revoking shows the document as revoked, with today’s date, on the verification page and in the portal at once. Reissuing makes a new document with a new reference and code, and marks this one as superseded by it.</p>
      <label htmlFor="issuing-reason" style={{ display: 'block', fontWeight: 600 }}>
        Reason (required to revoke; recorded in the audit log)
      </label>
      <textarea id="issuing-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={1000} style={{ width: '100%', marginBottom: 12 }} />
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <button type="button" className="btn btn--style-secondary" disabled={busy} onClick={() => act('reissue')}>
          Reissue
        </button>
        <button type="button" className="btn btn--style-primary" disabled={busy} onClick={() => act('revoke')}>
          Revoke
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
