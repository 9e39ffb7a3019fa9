import type { CollectionBeforeChangeHook, CollectionConfig, Config, Field, GlobalConfig, Plugin } from 'payload'

import { nobody } from '../../access/rules'
import { auditTrail } from '../../collections/AuditLog/auditTrail'
import { BasketItems, deliveryOptionFields, orderFields, OrderEvents, PaymentEvents, PrintBatches, productFields, sellerFields } from './fields'
import { batchEndpoints, checkNewBatch, claimBatchOrders } from './batches'
import { reconcilePaymentsTask, STORE_QUEUE } from './reconcile'
import { orderActionEndpoint } from './staff'
import { stripeWebhookEndpoint } from './webhook'

export { achievementsOf, achievementTitle, activeProducts, addToBasket, basketOf, basketSummary, changeBasketReason, removeFromBasket, REASON_LABELS, type BasketLine } from './basket'
export { addressFromStep, deliveryOptionsFor, placeOrder, quoteCheckout, type CheckoutDraft, type Quote } from './checkout'
export { ORDER_EVENT_LABELS, ORDER_PARTY_LABELS } from './fields'
export { finishTestPayment, startPayment } from './pay'
export { settlePayment, type PaymentFact } from './payments'
export { reconcilePayments } from './reconcile'
export { actOnOrder, trackingUrlOf, type StaffAction } from './staff'
export { paymentMode } from './stripe'
export { handleStripeWebhook } from './webhook'

/** What only the store's system tasks change on an order: never through the API, staff included (they use the order's actions). */
const ORDER_STATE_FIELDS = new Set([
  'orderNumber', 'account', 'status', 'items', 'deliveryOption', 'subtotalPence', 'deliveryPence', 'vatPence', 'totalPence', 'paymentReference', 'paidAt',
  'trackingNumber', 'dispatchedAt', 'paymentMode', 'stripeSessionId', 'paymentAttempts', 'lastPaymentStartedAt', 'refundedPence', 'holdReason', 'heldFrom',
  'paymentProblem', 'printBatch',
])

function lockStateFields(fields: Field[]): Field[] {
  return fields.map((field) => {
    if (field.type === 'row' && 'fields' in field) return { ...field, fields: lockStateFields(field.fields) }
    if (!('name' in field) || !ORDER_STATE_FIELDS.has(field.name) || field.type === 'ui') return field
    const { access, admin } = field as { access?: object; admin?: object }
    return { ...field, access: { ...access, update: nobody }, admin: { ...admin, readOnly: true } } as Field
  })
}

const isPanel = (field: Field) => field.type === 'ui'

const withFields = (collection: CollectionConfig, fields: Field[]): CollectionConfig => ({ ...collection, fields: [...collection.fields, ...fields] })

const withBatchHooks = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  endpoints: [...(collection.endpoints || []), ...batchEndpoints],
  hooks: {
    ...collection.hooks,
    beforeChange: [...(collection.hooks?.beforeChange ?? []), checkNewBatch as CollectionBeforeChangeHook],
    // Audited first: claiming the orders marks the request's context to skip their own audit entries.
    afterChange: [...(collection.hooks?.afterChange ?? []), ...auditTrail('print-batches').afterChange, claimBatchOrders],
  },
})

/**
 * The store: products per achievement, a basket kept in PostgreSQL, checkout priced on the
 * server, payment by Stripe (or the test payment outside production) settled by the signed
 * webhook, orders with their timeline, print batches and refunds. State machine:
 * `src/lib/orders.ts`; money: `src/lib/pricing.ts`.
 */
export const storePlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    admin: {
      ...config.admin,
      components: { ...config.admin?.components, afterNavLinks: [...(config.admin?.components?.afterNavLinks ?? []), '/plugins/store/admin/FulfilmentLinks#FulfilmentLinks'] },
    },
    collections: [...(config.collections ?? []), BasketItems, OrderEvents, PaymentEvents, withBatchHooks(PrintBatches)].map((collection) => {
      if (collection.slug === 'orders')
        return {
          ...collection,
          access: { ...collection.access, create: nobody },
          admin: { ...collection.admin, defaultColumns: ['orderNumber', 'account', 'status', 'paidAt', 'totalPence', 'printBatch', 'createdAt'] },
          // Support staff's panel first, above the order it acts on.
          fields: lockStateFields([...orderFields.filter(isPanel), ...collection.fields, ...orderFields.filter((field) => !isPanel(field))]),
          endpoints: [...(collection.endpoints || []), orderActionEndpoint],
        }
      if (collection.slug === 'products') return withFields(collection, productFields)
      if (collection.slug === 'delivery-options') return withFields(collection, deliveryOptionFields)
      return collection
    }),
    globals: (config.globals ?? []).map((global): GlobalConfig => (global.slug === 'site-settings' ? { ...global, fields: [...global.fields, ...sellerFields] } : global)),
    endpoints: [...(config.endpoints ?? []), stripeWebhookEndpoint],
    jobs: {
      ...config.jobs,
      tasks: [...(config.jobs?.tasks ?? []), reconcilePaymentsTask as never],
      autoRun: [...((config.jobs?.autoRun as never[]) ?? []), { cron: '*/30 * * * * *', queue: STORE_QUEUE, limit: 5, silent: { info: true } }],
    },
  })
