import type { Payload } from 'payload'
import { cache } from 'react'

import { asUser } from '../../access/system'
import { isActiveLearner, type SignedInUser } from '../../access/users'
import type { BookEntry } from '../../lib/addresses'
import { recordId } from '../../lib/ids'
import { productAppliesTo } from '../../lib/pricing'
import type { DeliveryOption, Order, OrderEvent, Product } from '../../payload-types'
import { achievementsOf, achievementTitle, activeProducts, basketOf } from '../../plugins/store'

/** The signed-in learner's basket, read once per request: the header and the page both show it. */
export const myBasket = cache((payload: Payload, user: SignedInUser) => basketOf(payload, user))

export async function addressBookOf(payload: Payload, user: SignedInUser): Promise<BookEntry[]> {
  const account = await payload.findByID({ collection: 'accounts', id: user.id, ...asUser(user), disableErrors: true })
  return (account?.addresses ?? []) as BookEntry[]
}

export type StoreEntry = { achievementId: number; title: string; detail: string; products: Product[] }

/** The store: for each of the learner's achievements, the active products that apply to it. */
export async function storeCatalogue(payload: Payload, user: SignedInUser, onlyAchievement?: number): Promise<StoreEntry[]> {
  if (!isActiveLearner(user)) return []
  const [achievements, products] = await Promise.all([achievementsOf(payload, user, onlyAchievement ? [onlyAchievement] : undefined), activeProducts(payload, user)])
  return achievements.map((entry) => ({
    achievementId: entry.achievement.id,
    title: achievementTitle(entry),
    detail: [entry.qualification?.qualificationNumber, entry.achievement.grade].filter(Boolean).join(' · '),
    products: products.filter((p) => productAppliesTo(p, entry.qualification?.type)),
  }))
}

/** The learner's orders, newest first (their own only: the orders' rule says so); none before the account is approved. */
export async function myOrders(payload: Payload, user: SignedInUser, page = 1) {
  if (!isActiveLearner(user)) return null
  return payload.find({ collection: 'orders', sort: '-createdAt', limit: 20, page, joins: { timeline: false }, ...asUser(user) })
}

export type OrderView = { order: Order; timeline: OrderEvent[]; deliveryOption: DeliveryOption | null }

/** One of the learner's orders with its timeline and delivery option, read as them; null when it is not theirs. */
export async function myOrder(payload: Payload, user: SignedInUser, id: string): Promise<OrderView | null> {
  const orderId = recordId(id)
  if (orderId === null || !isActiveLearner(user)) return null
  const order = await payload.findByID({ collection: 'orders', id: orderId, joins: { timeline: false }, ...asUser(user), disableErrors: true })
  if (!order) return null
  const [timeline, deliveryOption] = await Promise.all([
    payload.find({ collection: 'order-events', where: { order: { equals: orderId } }, sort: 'at', limit: 200, ...asUser(user) }),
    order.deliveryOption ? payload.findByID({ collection: 'delivery-options', id: Number(order.deliveryOption), ...asUser(user), disableErrors: true }) : null,
  ])
  return { order, timeline: timeline.docs, deliveryOption }
}
