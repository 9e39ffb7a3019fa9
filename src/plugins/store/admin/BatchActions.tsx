'use client'

import { useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

import { ActionPanel, labelStyle, usePanelAction, type PanelResult } from '../../../admin/ActionPanel'
import { formatUkDateTime } from '../../../lib/dates'

const button = 'btn btn--style-secondary btn--size-medium'
const linkButton = { textDecoration: 'none', marginRight: 12 }

/** "ORD-…, " for each of the batch's orders, for staff to type the tracking numbers after. */
function useTrackingTemplate(orderIds: number[], wanted: boolean): string {
  const [template, setTemplate] = useState('')
  const key = orderIds.join(',')
  useEffect(() => {
    if (!wanted || !key) return
    const query = new URLSearchParams({ 'where[id][in]': key, 'select[orderNumber]': 'true', 'select[status]': 'true', sort: 'orderNumber', limit: '1000', depth: '0' })
    fetch(`/api/orders?${query}`, { credentials: 'include' })
      .then((response) => (response.ok ? response.json() : { docs: [] }))
      .then(({ docs }: { docs: Array<{ orderNumber: string; status: string }> }) =>
        setTemplate(
          docs
            .filter((o) => o.status === 'printed')
            .map((o) => `${o.orderNumber}, `)
            .join('\n'),
        ),
      )
      .catch(() => setTemplate(''))
  }, [key, wanted])
  return template
}

/**
 * A saved print batch's steps: the printer's CSV and the delivery labels, then "printed", then
 * dispatched with a tracking number per order, typed or uploaded (src/plugins/store/batches.ts).
 */
export function BatchActions() {
  const { id } = useDocumentInfo()
  const { user } = useAuth<{ role?: string }>()
  const router = useRouter()
  const { status, printedAt, dispatchedAt, orderIds } = useFormFields(([fields]) => ({
    status: fields.status?.value as string | undefined,
    printedAt: fields.printedAt?.value as string | undefined,
    dispatchedAt: fields.dispatchedAt?.value as string | undefined,
    orderIds: ((fields.orders?.value as Array<number | { id: number }> | undefined) ?? []).map((o) => (typeof o === 'object' ? o.id : o)),
  }))
  const template = useTrackingTemplate(orderIds, status === 'printed')
  const [tracking, setTracking] = useState<string | null>(null)
  const [file, setFile] = useState<File | null>(null)
  const { result, setResult, busy, post } = usePanelAction()
  const [sending, setSending] = useState(false)
  if (!['administrator', 'support'].includes(user?.role ?? '')) return null
  if (!id)
    return (
      <ActionPanel id="batch-actions-heading" title="Print batch" result={null}>
        <p style={{ margin: 0 }}>Choose the paid orders to print together and save: the batch gets its number, and its printer’s CSV and labels are made here.</p>
      </ActionPanel>
    )

  async function markPrinted() {
    const answer = await post(`/api/print-batches/${id}/printed`, {}, { done: (a) => `Marked printed: ${String(a.orders)} order${a.orders === 1 ? '' : 's'}.` })
    if (answer) router.refresh()
  }

  async function dispatch() {
    setSending(true)
    setResult(null)
    const body = file ? new FormData() : JSON.stringify({ tracking: tracking ?? template })
    if (body instanceof FormData) body.append('file', file!)
    const response = await fetch(`/api/print-batches/${id}/dispatch`, { method: 'POST', credentials: 'include', body, headers: file ? undefined : { 'Content-Type': 'application/json' } })
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>
    setSending(false)
    const outcome: PanelResult = response.ok
      ? { ok: true, text: `Dispatched: ${String(answer.orders)} learner${answer.orders === 1 ? ' has' : 's have'} been emailed their tracking number.` }
      : { ok: false, text: String(answer.error ?? 'That did not work. Try again.') }
    setResult(outcome)
    if (response.ok) router.refresh()
  }

  return (
    <ActionPanel id="batch-actions-heading" title="Print batch" result={result}>
      <p>
        <a className={button} style={linkButton} href={`/api/print-batches/${id}/printer.csv`} download>
          Printer’s CSV
        </a>
        <a className={button} style={linkButton} href={`/api/print-batches/${id}/labels.pdf`} target="_blank" rel="noreferrer">
          Delivery labels (PDF)
        </a>
      </p>
      {status === 'open' ? (
        <>
          <p>Once the documents and labels are printed, mark the batch printed: each order’s timeline says so.</p>
          <button type="button" className={button} style={{ margin: 0 }} disabled={busy} onClick={markPrinted}>
            Mark printed
          </button>
        </>
      ) : null}
      {status === 'printed' ? (
        <>
          <p>Printed {printedAt ? formatUkDateTime(printedAt) : ''}. Give each order’s tracking number: each learner is emailed theirs.</p>
          <label htmlFor="tracking-numbers" className="field-label" style={labelStyle}>
            Tracking numbers: “order number, tracking number”, one order a line
          </label>
          <div className="field-type textarea" style={{ marginBottom: 16 }}>
            <textarea id="tracking-numbers" rows={Math.min(12, Math.max(3, orderIds.length + 1))} value={tracking ?? template} onChange={(e) => setTracking(e.target.value)} disabled={Boolean(file)} style={{ fontFamily: 'var(--font-mono)' }} />
          </div>
          <label htmlFor="tracking-file" className="field-label" style={labelStyle}>
            Or upload them as a CSV file
          </label>
          <input id="tracking-file" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} style={{ display: 'block', margin: '4px 0 16px' }} />
          <button type="button" className={button} style={{ margin: 0 }} disabled={sending || (!file && !(tracking ?? template).trim())} onClick={dispatch}>
            Mark dispatched
          </button>
        </>
      ) : null}
      {status === 'dispatched' ? <p style={{ margin: 0 }}>Dispatched {dispatchedAt ? formatUkDateTime(dispatchedAt) : ''}: each learner has been emailed their tracking number.</p> : null}
    </ActionPanel>
  )
}
