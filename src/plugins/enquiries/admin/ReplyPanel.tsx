'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'

import { ActionPanel, labelStyle, usePanelAction } from '../../../admin/ActionPanel'

/** The support inbox's reply box: the reporter is emailed each reply and each status change. */
export function ReplyPanel() {
  const { id } = useDocumentInfo()
  const current = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const [message, setMessage] = useState('')
  const [status, setStatus] = useState('')
  const { result, busy, post } = usePanelAction()
  if (!id) return null

  async function send() {
    const sent = await post(`/api/enquiries/${id}/reply`, { message, status: status && status !== current ? status : '' }, { done: () => 'Sent: the reporter has been emailed.' })
    if (sent) setTimeout(() => window.location.reload(), 800)
  }

  return (
    <ActionPanel id="reply-heading" title="Reply to the reporter" result={result}>
      <label htmlFor="reply-message" style={labelStyle}>
        Your reply
      </label>
      <textarea id="reply-message" value={message} onChange={(e) => setMessage(e.target.value)} rows={5} maxLength={5000} style={{ width: '100%', marginBottom: 12 }} />
      <label htmlFor="reply-status" style={labelStyle}>
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
    </ActionPanel>
  )
}
