'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'

import { ActionPanel, usePanelAction } from '../../../admin/ActionPanel'

const SAYS: Record<string, string> = {
  queued: 'Waiting to be sent. It goes out within a minute, or at its next attempt after a failure.',
  sending: 'Being sent now.',
  sent: 'Accepted by the mail server.',
  kept: 'Kept here, not sent: no mail server is configured (SMTP_URL).',
  failed: 'Not delivered: the mail server refused it or could not be reached at every attempt.',
}

/** On an outbox message: where it is, and "Send again" for a failed or sent one. */
export function DeliveryPanel() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const carriesSignInLink = useFormFields(([fields]) => fields.carriesSignInLink?.value === true)
  const attempts = useFormFields(([fields]) => Number(fields.attempts?.value ?? 0))
  const lastError = useFormFields(([fields]) => fields.lastError?.value as string | undefined)
  const { result, busy, post } = usePanelAction()
  if (!id || !status) return null
  const canSendAgain = status === 'failed' || (status === 'sent' && !carriesSignInLink)

  async function sendAgain() {
    const done = await post(`/api/email-outbox/${id}/send-again`, {}, { done: () => 'Queued to be sent again.' })
    if (done && String(done.id) !== String(id)) window.location.assign(`/admin/collections/email-outbox/${done.id}`)
    else if (done) window.location.reload()
  }

  return (
    <ActionPanel id="delivery-heading" title="Delivery" result={result}>
      <p>
        {SAYS[status] ?? status}
        {attempts > 0 ? ` ${attempts === 1 ? '1 attempt' : `${attempts} attempts`} so far.` : ''}
      </p>
      {lastError && status !== 'sent' ? (
        <p>
          The mail server’s last answer: <code>{lastError}</code>
        </p>
      ) : null}
      {status === 'sent' && carriesSignInLink ? <p>Its sign-in link was removed from this copy once delivered. If the person needs it again, they ask for a new link.</p> : null}
      {canSendAgain ? (
        <button type="button" className="btn btn--style-secondary" disabled={busy} onClick={sendAgain}>
          Send again
        </button>
      ) : null}
    </ActionPanel>
  )
}
