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

/** An action that cannot be undone, waiting for staff to confirm what it will do. */
type Confirming = { question: string; yes: string; body: Record<string, unknown>; done: string }

/**
 * Support staff's actions on an order (hold, release, cancel, refund, correct the tracking
 * number), offered as the order's state machine allows them now; the server decides
 * (src/plugins/store/staff.ts). Cancelling and refunding say what will happen and ask once.
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
    orderNumber: fields.orderNumber?.value as string | undefined,
    refundPendingPence: Number(fields.refundPendingPence?.value ?? 0),
  }))
  const [holdReason, setHoldReason] = useState('')
  const [cancelReason, setCancelReason] = useState('')
  const [pounds, setPounds] = useState('')
  const [tracking, setTracking] = useState('')
  const [confirming, setConfirming] = useState<Confirming | null>(null)
  const { result, setResult, busy, post } = usePanelAction()
  if (!id || !field.status || !['administrator', 'support'].includes(user?.role ?? '')) return null

  const state: OrderState = { status: field.status, totalPence: field.totalPence, paid: Boolean(field.paidAt), refundedPence: field.refundedPence, heldFrom: field.heldFrom }
  const can = (action: OrderAction) => applyOrderAction(state, action, 'staff').ok
  const left = field.totalPence - field.refundedPence
  const offers = {
    hold: can({ type: 'hold', reason: 'x' }),
    release: can({ type: 'release' }),
    cancel: can({ type: 'cancel' }),
    refund: left > 0 && !field.refundPendingPence && can({ type: 'refund', refundedPence: field.refundedPence + 1 }),
    correctTracking: Boolean(field.trackingNumber) && field.status !== 'cancelled',
  }
  const order = field.orderNumber ?? 'this order'

  async function act(body: Record<string, unknown>, done: string) {
    setConfirming(null)
    const answer = await post(`/api/orders/${id}/act`, body, { done: () => done })
    if (answer) {
      setHoldReason('')
      setCancelReason('')
      setPounds('')
      setTracking('')
      router.refresh()
    }
  }
  function askToRefund(amountPence: number | null) {
    setResult(null)
    if (amountPence === null || amountPence <= 0) return setResult({ ok: false, text: 'Type the amount to refund in pounds, for example 12.50.' })
    if (amountPence > left) return setResult({ ok: false, text: `At most ${formatPence(left)} is left to refund.` })
    const whole = amountPence === left && field.refundedPence === 0
    setConfirming({
      question: `Refund ${formatPence(amountPence)} of ${order} to the learner’s card${whole ? ' (the whole order)' : ''}? The money goes back at once and this cannot be undone; the learner is emailed.`,
      yes: `Yes, refund ${formatPence(amountPence)}`,
      body: { action: 'refund', amountPence },
      done: `Refunded ${formatPence(amountPence)}: the learner has been emailed.`,
    })
  }
  function askToCancel() {
    setResult(null)
    setConfirming({
      question: `Cancel ${order}? It will not be printed or posted, and the learner is emailed${cancelReason.trim() ? ` the reason: “${cancelReason.trim()}”` : ''}. ${
        field.paidAt ? 'Cancelling does not refund: refund the payment as well.' : 'Nothing was paid.'
      } A cancelled order cannot be taken back.`,
      yes: 'Yes, cancel the order',
      body: { action: 'cancel', reason: cancelReason },
      done: 'Cancelled: the learner has been emailed.',
    })
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

      {confirming ? (
        <div role="alertdialog" aria-labelledby="order-confirm-question" style={{ border: '2px solid var(--theme-warning-500)', borderRadius: 4, padding: 16, marginBottom: 20 }}>
          <p id="order-confirm-question" style={{ marginTop: 0 }}>
            {confirming.question}
          </p>
          <div style={{ ...row, marginBottom: 0 }}>
            <button type="button" className="btn btn--style-primary btn--size-medium" style={flat} disabled={busy} onClick={() => act(confirming.body, confirming.done)}>
              {confirming.yes}
            </button>
            <button type="button" className={button} style={flat} disabled={busy} onClick={() => setConfirming(null)}>
              No, go back
            </button>
          </div>
        </div>
      ) : null}
      {field.refundPendingPence ? (
        <p role="alert">A refund to {formatPence(field.refundPendingPence)} in all was made with Stripe and is being recorded: the payment check records it within minutes.</p>
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
            <button type="button" className={button} style={flat} disabled={busy || !pounds.trim()} onClick={() => askToRefund(penceFromPounds(pounds))}>
              Refund…
            </button>
            <button type="button" className={button} style={flat} disabled={busy} onClick={() => askToRefund(left)}>
              Refund in full ({formatPence(left)})…
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
            <button type="button" className={button} style={flat} disabled={busy} onClick={askToCancel}>
              Cancel the order…
            </button>
          </div>
        </>
      ) : null}
      {offers.correctTracking ? (
        <>
          <label htmlFor="tracking-correction" className="field-label" style={labelStyle}>
            Correct the tracking number (the learner is emailed the right one)
          </label>
          <div style={row}>
            <div className="field-type text" style={{ flex: '1 1 220px' }}>
              <input id="tracking-correction" type="text" maxLength={60} value={tracking} placeholder={field.trackingNumber} onChange={(e) => setTracking(e.target.value)} />
            </div>
            <button type="button" className={button} style={flat} disabled={busy || !tracking.trim()} onClick={() => act({ action: 'correct-tracking', trackingNumber: tracking }, 'Corrected: the learner has been emailed the right tracking number.')}>
              Correct the tracking number
            </button>
          </div>
        </>
      ) : null}
      {!offers.hold && !offers.release && !offers.refund && !offers.cancel && !offers.correctTracking ? <p>Nothing more can be done to this order.</p> : null}
    </ActionPanel>
  )
}
