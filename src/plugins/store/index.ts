import type { CollectionConfig, Config, GlobalConfig, Plugin } from 'payload'

import { BasketItems } from './collections/BasketItems'
import { DeliveryOptions } from './collections/DeliveryOptions'
import { OrderEvents } from './collections/OrderEvents'
import { Orders } from './collections/Orders'
import { PaymentEvents } from './collections/PaymentEvents'
import { PrintBatches } from './collections/PrintBatches'
import { Products } from './collections/Products'
import { reconcilePaymentsTask, STORE_QUEUE } from './reconcile'
import { sellerFields } from './siteSettings'
import { stripeWebhookEndpoint } from './webhook'

export { achievementsOf, achievementTitle, activeProducts, addToBasket, basketHasItems, basketOf, basketSummary, changeBasketReason, removeFromBasket, REASON_LABELS, type BasketLine } from './basket'
export { addressFromStep, deliveryOptionsFor, placeOrder, quoteCheckout, type CheckoutDraft, type Quote } from './checkout'
export { ORDER_EVENT_LABELS, ORDER_PARTY_LABELS } from './collections/OrderEvents'
export { finishTestPayment, startPayment } from './pay'
export { settlePayment, type PaymentFact } from './payments'
export { reconcilePayments } from './reconcile'
export { actOnOrder, trackingUrlOf, type StaffAction } from './staff'
export { paymentMode } from './stripe'
export { handleStripeWebhook } from './webhook'

/** The store's collections, each defined whole (access included) in its own file under ./collections. */
const STORE_COLLECTIONS: CollectionConfig[] = [Orders, PrintBatches, Products, DeliveryOptions, PaymentEvents, BasketItems, OrderEvents]

/** Placed before the content collections, so the admin's Store group keeps its place in the menu. */
function withStoreCollections(collections: CollectionConfig[]): CollectionConfig[] {
  const at = collections.findIndex((collection) => collection.slug === 'enquiries' || collection.slug === 'pages')
  return at < 0 ? [...collections, ...STORE_COLLECTIONS] : [...collections.slice(0, at), ...STORE_COLLECTIONS, ...collections.slice(at)]
}

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
    collections: withStoreCollections(config.collections ?? []),
    globals: (config.globals ?? []).map((global): GlobalConfig => (global.slug === 'site-settings' ? { ...global, fields: [...global.fields, ...sellerFields] } : global)),
    endpoints: [...(config.endpoints ?? []), stripeWebhookEndpoint],
    jobs: {
      ...config.jobs,
      tasks: [...(config.jobs?.tasks ?? []), reconcilePaymentsTask as never],
      autoRun: [...((config.jobs?.autoRun as never[]) ?? []), { cron: '*/30 * * * * *', queue: STORE_QUEUE, limit: 5, silent: { info: true } }],
    },
  })
