import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { relationId } from '../../access/users'
import { AS_SYSTEM } from '../../access/system'
import { recordAudit } from '../../collections/AuditLog/auditTrail'
import { queryInTransaction } from '../../collections/sql'
import { queueEmail } from '../../email/queue'
import type { EmailTemplate } from '../../email/template'
import { formatPence } from '../../lib/money'
import type { OrderActor, OrderState, OrderStatus } from '../../lib/orders'
import type { Account, Order, OrderEvent } from '../../payload-types'
import type { OrderMail } from './emails'

export type OrderEventName = OrderEvent['event']

export const orderStateOf = (order: Order): OrderState => ({
  status: order.status as OrderStatus,
  totalPence: order.totalPence,
  paid: Boolean(order.paidAt),
  refundedPence: order.refundedPence ?? 0,
  heldFrom: (order.heldFrom as OrderStatus | null | undefined) ?? null,
})

/** Locks the order's row for the rest of the transaction and reads it as it is now. */
export async function lockedOrder(req: PayloadRequest, id: number): Promise<Order | null> {
  if (!Number.isInteger(id) || id <= 0) return null
  const { rowCount } = await queryInTransaction(req, sql`select id from orders where id = ${id} for update`)
  return rowCount ? ((await req.payload.findByID({ collection: 'orders', id, ...AS_SYSTEM, joins: false, req, disableErrors: true })) as Order | null) : null
}

const PARTY_OF: Record<OrderActor | 'learner', 'learner' | 'payment' | 'staff' | 'system'> = { learner: 'learner', payment: 'payment', staff: 'staff', system: 'system' }

/** One line of the order's timeline and its audit entry, in the caller's transaction. */
export async function recordOrderEvent(req: PayloadRequest, order: Pick<Order, 'id' | 'orderNumber'>, event: OrderEventName, by: OrderActor | 'learner', note?: string, at = new Date()) {
  await req.payload.create({ collection: 'order-events', data: { order: order.id, event, party: PARTY_OF[by], at: at.toISOString(), note: note?.slice(0, 1000) }, ...AS_SYSTEM, req })
  await recordAudit(req, { action: `orders.${event}`, entity: 'orders', entityId: order.id, summary: [`Order ${order.orderNumber}`, note].filter(Boolean).join(': ') })
}

/** Emails the learner who placed the order (none once they have deleted their account). */
export async function emailLearner<Extra>(req: PayloadRequest, order: Order, template: EmailTemplate<OrderMail & Extra>, extra: Extra) {
  const accountId = relationId(order.account)
  if (accountId === null) return
  const account = (await req.payload.findByID({ collection: 'accounts', id: accountId, ...AS_SYSTEM, req, disableErrors: true })) as Account | null
  if (!account) return
  await queueEmail(req, {
    template,
    to: account.email,
    data: { firstName: account.firstName, orderNumber: order.orderNumber, order: order.id, total: formatPence(order.totalPence), ...extra },
  })
}

/** Writes the order's new state (and any other fields given) in the caller's transaction. */
export async function saveOrder(req: PayloadRequest, order: Order, state: OrderState, fields: Partial<Order> = {}): Promise<Order> {
  return (await req.payload.update({
    collection: 'orders',
    id: order.id,
    data: { status: state.status, refundedPence: state.refundedPence, heldFrom: state.heldFrom, ...fields } as never,
    ...AS_SYSTEM,
    req,
    context: { ...req.context, skipAudit: true },
  })) as Order
}
