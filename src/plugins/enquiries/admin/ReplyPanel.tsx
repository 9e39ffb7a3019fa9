'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { ActionPanel, labelStyle, usePanelAction } from '../../../admin/ActionPanel'

type Message = { id?: string; from: 'reporter' | 'support'; author?: string | null; body: string; sentAt: string }
type Thread = { messages?: Message[]; reporter?: { firstName?: string; lastName?: string; email?: string } | number | null }

/** dd/mm/yyyy HH:mm in UK time, whatever the reader's browser is set to: the admin's one date format. */
const sentAtFormat = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' })
const sentAt = (iso: string) => sentAtFormat.format(new Date(iso)).replace(',', '')

function reporterName(reporter: Thread['reporter']): string {
  if (!reporter || typeof reporter !== 'object') return 'The reporter'
  const name = [reporter.firstName, reporter.lastName].filter(Boolean).join(' ')
  return name ? `${name} (reporter)` : (reporter.email ?? 'The reporter')
}

/** The report's conversation, oldest first, and below it the reply box: the reporter is emailed each reply and each status change. */
export function ReplyPanel() {
  const { id } = useDocumentInfo()
  const current = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const [message, setMessage] = useState('')
  const [status, setStatus] = useState('')
  const [thread, setThread] = useState<Thread | null>(null)
  const { result, busy, post } = usePanelAction()

  useEffect(() => {
    if (!id) return
    fetch(`/api/enquiries/${id}?depth=1`, { credentials: 'include' })
      .then((response) => (response.ok ? (response.json() as Promise<Thread>) : { messages: [] }))
      .then(setThread, () => setThread({ messages: [] }))
  }, [id])
  if (!id) return null

  async function send() {
    const sent = await post(`/api/enquiries/${id}/reply`, { message, status: status && status !== current ? status : '' }, { done: () => 'Sent: the reporter has been emailed.' })
    if (sent) setTimeout(() => window.location.reload(), 800)
  }

  const messages = [...(thread?.messages ?? [])].sort((a, b) => a.sentAt.localeCompare(b.sentAt))
  return (
    <>
      <section aria-labelledby="conversation-heading" style={{ marginBottom: 24 }}>
        <h3 id="conversation-heading">Conversation</h3>
        {thread === null ? <p>Loading the conversation…</p> : null}
        <ol className="enquiry-conversation" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }}>
          {messages.map((m, at) => (
            <li
              key={m.id ?? at}
              style={{
                border: '1px solid var(--theme-elevation-150)',
                borderRadius: 4,
                padding: '12px 16px',
                background: m.from === 'support' ? 'var(--theme-elevation-50)' : 'transparent',
                marginLeft: m.from === 'support' ? 32 : 0,
                marginRight: m.from === 'support' ? 0 : 32,
              }}
            >
              <p style={{ margin: '0 0 6px', fontWeight: 600 }}>
                {m.from === 'support' ? `${m.author || 'Support team'} (support team)` : reporterName(thread?.reporter)} · <time dateTime={m.sentAt}>{sentAt(m.sentAt)}</time>
              </p>
              <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{m.body}</p>
            </li>
          ))}
        </ol>
      </section>
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
    </>
  )
}
