'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'

import { ActionPanel, labelStyle, usePanelAction } from '../../../admin/ActionPanel'

/** Revoke or reissue from the document's page in the admin; both are immediate and audited. */
export function IssuingPanel() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const [reason, setReason] = useState('')
  const { result, setResult, busy, post } = usePanelAction()
  if (!id || status !== 'valid') return null

  async function act(action: 'revoke' | 'reissue') {
    if (action === 'revoke' && !reason.trim()) return setResult({ ok: false, text: 'Give the reason the document is revoked.' })
    const done = await post(`/api/documents/${id}/${action}`, { reason }, { done: () => (action === 'revoke' ? 'Revoked.' : 'Reissued: opening the new document.') })
    if (!done) return
    if (action === 'reissue') window.location.assign(`/admin/collections/documents/${done.id}`)
    else window.location.reload()
  }

  return (
    <ActionPanel id="issuing-heading" title="Revoke or reissue" result={result}>
      <p>Revoking shows the document as revoked, with today’s date, on the verification page and in the portal at once. Reissuing makes a new document with a new reference and code, and marks this one as superseded by it.</p>
      <label htmlFor="issuing-reason" style={labelStyle}>
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
    </ActionPanel>
  )
}
