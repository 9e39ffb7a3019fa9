import type { ServerProps } from 'payload'

import { DELIVERY_STATUSES } from '../fields'
import { countByStatus, listOf } from './statusCounts'

/** Above the outbox list: each state with its count, as a filtered view. Search the list by address for "did you send it?". */
export async function OutboxStatusLinks({ payload, user }: ServerProps) {
  const counts = await countByStatus(payload, user)
  return (
    <nav aria-label="Messages by status" style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 20px', margin: '0 0 16px' }}>
      {DELIVERY_STATUSES.filter(({ value }) => counts[value] > 0 || value === 'failed').map(({ value, label }) => (
        <a key={value} href={listOf(value)} style={value === 'failed' && counts.failed ? { color: 'var(--theme-error-600)', fontWeight: 600 } : undefined}>
          {label}: {counts[value].toLocaleString('en-GB')}
        </a>
      ))}
      <a href="/admin/collections/email-outbox?sort=-createdAt">All messages</a>
    </nav>
  )
}
