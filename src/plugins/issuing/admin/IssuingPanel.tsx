'use client'

import { ConfirmationModal, useDocumentInfo, useFormFields, useModal } from '@payloadcms/ui'
import { useState } from 'react'

import { ActionPanel, labelStyle, usePanelAction } from '../../../admin/ActionPanel'

const REVOKE_STYLE = { color: 'var(--theme-error-600)', boxShadow: '0 0 0 1px var(--theme-error-600) inset' } as const

/** Revoke or reissue from the document's page in the admin; both are immediate and audited. A revocation is confirmed first. */
export function IssuingPanel() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const reference = useFormFields(([fields]) => fields.reference?.value as string | undefined)
  const [reason, setReason] = useState('')
  const { result, setResult, busy, post } = usePanelAction()
  const { openModal } = useModal()
  const confirmSlug = `confirm-revoke-${id}`
  if (!id || status !== 'valid') return null

  async function act(action: 'revoke' | 'reissue') {
    const done = await post(`/api/documents/${id}/${action}`, { reason }, { done: () => (action === 'revoke' ? 'Revoked.' : 'Reissued: opening the new document.') })
    if (!done) return
    if (action === 'reissue') window.location.assign(`/admin/collections/documents/${done.id}`)
    else window.location.reload()
  }

  function askToRevoke() {
    if (!reason.trim()) return setResult({ ok: false, text: 'Give the reason the document is revoked: it is recorded and emailed to the learner.' })
    setResult(null)
    openModal(confirmSlug)
  }

  return (
    <ActionPanel id="issuing-heading" title="Revoke or reissue" result={result}>
      <p>
        Revoking shows the document as revoked, with today’s date, on the verification page and in the portal at once, and emails the learner the reason. Reissuing makes a new document with a new reference and
        code, and marks this one as superseded by it.
      </p>
      <label htmlFor="issuing-reason" style={labelStyle}>
        Reason (required to revoke; recorded in the audit log and, for a revocation, emailed to the learner)
      </label>
      <textarea id="issuing-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={1000} style={{ width: '100%', marginBottom: 12 }} />
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <button type="button" className="btn btn--style-secondary" disabled={busy} onClick={() => act('reissue')}>
          Reissue
        </button>
        <button type="button" className="btn btn--style-secondary" style={REVOKE_STYLE} disabled={busy} onClick={askToRevoke}>
          Revoke…
        </button>
      </div>
      <ConfirmationModal
        modalSlug={confirmSlug}
        heading={`Revoke ${reference ?? 'this document'}?`}
        body={
          <>
            <p>From now on the verification page and the portal will show this document as revoked, with today’s date. This cannot be undone.</p>
            <p>If the learner has an approved account, they will be emailed this reason:</p>
            <blockquote style={{ whiteSpace: 'pre-wrap', margin: '0 0 12px', paddingLeft: 12, borderLeft: '3px solid var(--theme-elevation-300)' }}>{reason.trim()}</blockquote>
          </>
        }
        confirmLabel="Revoke the document"
        cancelLabel="Keep it valid"
        onConfirm={() => act('revoke')}
      />
    </ActionPanel>
  )
}
