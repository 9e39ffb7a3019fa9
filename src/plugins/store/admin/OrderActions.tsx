'use client'

import { useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { ActionPanel, labelStyle, usePanelAction } from '../../../admin/ActionPanel'
import { formatUkDateTime } from '../../../lib/dates'
import { formatPence } from '../../../lib/money'
import { applyOrderAction, ORDER_STATUS_LABELS, type OrderAction, type OrderState, type OrderStatus } from '../../../lib/orders'

/** "12", "12.5", "£12.50" as pence, or null when it is not an amount of money. */
export function penceFromPounds(typed: string): number | null {
  const match = /^£?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(typed.trim())
  if (!match) return null
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

const button = 'btn btn--style-secondary btn--size-medium'
const flat = { margin: 0 } as const
const row = { display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginBottom: 20 } as const
const factsStyle = { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 16, rowGap: 4, margin: '0 0 16px' } as const

/**
 * Support staff's actions on an order (hold, release, cancel, refund), offered as the order's
 * state machine allows them now; the server decides (src/plugins/store/staff.ts).
 */
export function OrderActions() {
  const { id } = useDocumentInfo()
  const { user } = useAuth<{ role?: string }>()
  const router = useRouter()
  const field = useFormFields(([fields]) => ({
    status: fields.status?.value as OrderStatus | undefined,
    totalPence: Number(fields.totalPence?.value ?? 0),
    refundedPence: Number(fields.refundedPence?.value ?? 0),
    paidAt: fields.paidAt?.value as string | undefined,
    heldFrom: (fields.heldFrom?.value as OrderStatus | undefined) ?? null,
    holdReason: fields.holdReason?.value as string | undefined,
    paymentProblem: fields.paymentProblem?.value as string | undefined,
    trackingNumber: fields.trackingNumber?.value as string | undefined,
  }))
  const [holdReason, setHoldReason] = useState('')
  const [cancelReason, setCancelReason] = useState('')
  const [pounds, setPounds] = useState('')
  const { result, setResult, busy, post } = usePanelAction()
  if (!id || !field.status || !['administrator', 'support'].includes(user?.role ?? '')) return null

  const state: OrderState = { status: field.status, totalPence: field.totalPence, paid: Boolean(field.paidAt), refundedPence: field.refundedPence, heldFrom: field.heldFrom }
  const can = (action: OrderAction) => applyOrderAction(state, action, 'staff').ok
  const left = field.totalPence - field.refundedPence
  const offers = {
    hold: can({ type: 'hold', reason: 'x' }),
    release: can({ type: 'release' }),
    cancel: can({ type: 'cancel' }),
    refund: left > 0 && can({ type: 'refund', refundedPence: field.refundedPence + 1 }),
  }

  async function act(body: Record<string, unknown>, done: string) {
    const answer = await post(`/api/orders/${id}/act`, body, { done: () => done })
    if (answer) {
      setHoldReason('')
      setCancelReason('')
      setPounds('')
      router.refresh()
    }
  }
  function refund() {
    const amountPence = penceFromPounds(pounds)
    if (amountPence === null || amountPence <= 0) return setResult({ ok: false, text: 'Type the amount to refund in pounds, for example 12.50.' })
    if (amountPence > left) return setResult({ ok: false, text: `At most ${formatPence(left)} is left to refund.` })
    return act({ action: 'refund', amountPence }, `Refunded ${formatPence(amountPence)}: the learner has been emailed.`)
  }

  return (
    <ActionPanel id="order-actions-heading" title="Support: this order" result={result}>
      <dl style={factsStyle}>
        <dt>Status</dt>
        <dd style={{ margin: 0, fontWeight: 600 }}>{ORDER_STATUS_LABELS[field.status]}</dd>
        <dt>Paid</dt>
        <dd style={{ margin: 0 }}>{field.paidAt ? formatUkDateTime(field.paidAt) : 'Not paid'}</dd>
        <dt>Total</dt>
        <dd style={{ margin: 0 }}>{formatPence(field.totalPence)}</dd>
        <dt>Refunded so far</dt>
        <dd style={{ margin: 0 }}>{formatPence(field.refundedPence)}</dd>
        {field.trackingNumber ? (
          <>
            <dt>Tracking number</dt>
            <dd style={{ margin: 0 }}>{field.trackingNumber}</dd>
          </>
        ) : null}
        {field.status === 'on-hold' && field.holdReason ? (
          <>
            <dt>On hold because</dt>
            <dd style={{ margin: 0 }}>{field.holdReason}</dd>
          </>
        ) : null}
      </dl>
      {field.paymentProblem ? (
        <p role="alert" style={{ border: '1px solid var(--theme-error-500)', background: 'var(--theme-error-50)', padding: '8px 12px', borderRadius: 4 }}>
          <strong>Payment needs checking:</strong> {field.paymentProblem}
        </p>
      ) : null}

      {offers.hold ? (
        <>
          <label htmlFor="hold-reason" className="field-label" style={labelStyle}>
            Why it is on hold (the learner sees this)
          </label>
          <div style={row}>
            <div className="field-type text" style={{ flex: '1 1 280px' }}>
              <input id="hold-reason" type="text" maxLength={500} value={holdReason} onChange={(e) => setHoldReason(e.target.value)} />
            </div>
            <button type="button" className={button} style={flat} disabled={busy || !holdReason.trim()} onClick={() => act({ action: 'hold', reason: holdReason }, 'On hold: the learner has been emailed the reason.')}>
              Put on hold
            </button>
          </div>
        </>
      ) : null}
      {offers.release ? (
        <div style={row}>
          <button type="button" className={button} style={flat} disabled={busy} onClick={() => act({ action: 'release' }, 'Released: the order is no longer on hold.')}>
            Release the hold
          </button>
        </div>
      ) : null}
      {offers.refund ? (
        <>
          <label htmlFor="refund-amount" className="field-label" style={labelStyle}>
            Amount to refund in pounds (at most {formatPence(left)})
          </label>
          <div style={row}>
            <div className="field-type text" style={{ width: 160 }}>
              <input id="refund-amount" type="text" inputMode="decimal" value={pounds} placeholder={(left / 100).toFixed(2)} onChange={(e) => setPounds(e.target.value)} />
            </div>
            <button type="button" className={button} style={flat} disabled={busy || !pounds.trim()} onClick={refund}>
              Refund
            </button>
            <button type="button" className={button} style={flat} disabled={busy} onClick={() => act({ action: 'refund', amountPence: left }, `Refunded ${formatPence(left)}: the learner has been emailed.`)}>
              Refund in full ({formatPence(left)})
            </button>
          </div>
        </>
      ) : null}
      {offers.cancel ? (
        <>
          <label htmlFor="cancel-reason" className="field-label" style={labelStyle}>
            Why it is cancelled (emailed to the learner; optional)
          </label>
          <div style={row}>
            <div className="field-type text" style={{ flex: '1 1 280px' }}>
              <input id="cancel-reason" type="text" maxLength={500} value={cancelReason} onChange={(e) => setCancelReason(e.target.value)} />
            </div>
            <button type="button" className={button} style={flat} disabled={busy} onClick={() => act({ action: 'cancel', reason: cancelReason }, 'Cancelled: the learner has been emailed.')}>
              Cancel the order
            </button>
          </div>
        </>
      ) : null}
      {!offers.hold && !offers.release && !offers.refund && !offers.cancel ? <p>Nothing more can be done to this order.</p> : null}
    </ActionPanel>
  )
}
