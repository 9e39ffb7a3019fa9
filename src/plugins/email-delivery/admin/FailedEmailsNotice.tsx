import type { ServerProps } from 'payload'

import { countByStatus, listOf } from './statusCounts'

/** On the admin dashboard, for staff who can read the outbox: messages the mail server never took. */
export async function FailedEmailsNotice({ payload, user }: ServerProps) {
  const { failed } = await countByStatus(payload, user, ['failed'])
  if (!failed) return null
  return (
    <div role="alert" style={{ border: '1px solid var(--theme-error-500)', background: 'var(--theme-error-50)', borderRadius: 4, padding: '12px 16px', marginBottom: 24 }}>
      <strong>{failed === 1 ? '1 email could not be delivered' : `${failed.toLocaleString('en-GB')} emails could not be delivered`}</strong> after every retry.{' '}
      <a href={listOf('failed')}>See them and send them again</a>
    </div>
  )
}
