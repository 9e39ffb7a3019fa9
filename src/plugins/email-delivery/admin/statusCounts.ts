import type { Payload, TypedUser } from 'payload'

import { DELIVERY_STATUSES, type DeliveryStatus } from '../fields'

/** How many messages are in each state, read as the staff member (nothing for a role that may not read the outbox). */
export async function countByStatus(payload: Payload, user: TypedUser | null | undefined, statuses: readonly DeliveryStatus[] = DELIVERY_STATUSES.map((s) => s.value)) {
  const counts = await Promise.all(
    statuses.map(async (status) => {
      const { totalDocs } = await payload.count({ collection: 'email-outbox', where: { status: { equals: status } }, overrideAccess: false, user }).catch(() => ({ totalDocs: 0 }))
      return [status, totalDocs] as const
    }),
  )
  return Object.fromEntries(counts) as Record<DeliveryStatus, number>
}

export const listOf = (status: DeliveryStatus) => `/admin/collections/email-outbox?where[status][equals]=${status}&sort=-createdAt`
