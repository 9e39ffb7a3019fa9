import { ValidationError, type Payload } from 'payload'

import { asUser } from '../../access/system'
import { payloadPool } from '../../collections/sql'
import { isActiveLearner, relationId, type SignedInUser } from '../../access/users'
import { ORDER_REASONS } from './collections/Orders'
import { recordId } from '../../lib/ids'
import { priceOrder, productAppliesTo } from '../../lib/pricing'
import type { Achievement, Candidate, Product, Qualification } from '../../payload-types'

export type Reason = (typeof ORDER_REASONS)[number]['value']
export const REASONS = new Set<string>(ORDER_REASONS.map((r) => r.value))
export const REASON_LABELS: Record<string, string> = Object.fromEntries(ORDER_REASONS.map((r) => [r.value, r.label]))

type Result = { ok: true } | { ok: false; error: string }

/** The learner's achievements (as they may read them) with their qualifications. */
export async function achievementsOf(payload: Payload, user: SignedInUser, ids?: readonly number[]): Promise<Array<{ achievement: Achievement; qualification: Qualification | null }>> {
  if (!isActiveLearner(user)) return []
  const { docs } = await payload.find({
    collection: 'achievements',
    ...(ids ? { where: { id: { in: [...ids] } } } : {}),
    sort: '-issueDate',
    limit: 500,
    pagination: false,
    joins: { documents: false },
    ...asUser(user),
    depth: 1,
  })
  return docs.map((achievement) => ({ achievement, qualification: typeof achievement.qualification === 'object' ? (achievement.qualification as Qualification) : null }))
}

/** The active products, as the learner may read them. */
export async function activeProducts(payload: Payload, user: SignedInUser, ids?: readonly number[]): Promise<Product[]> {
  const where = { active: { equals: true }, ...(ids ? { id: { in: [...ids] } } : {}) }
  return (await payload.find({ collection: 'products', where, sort: 'name', limit: 200, pagination: false, ...asUser(user) })).docs
}

export const achievementTitle = ({ achievement, qualification }: { achievement: Achievement; qualification: Qualification | null }) =>
  qualification ? qualification.title : `Achievement ${achievement.id}`

/**
 * System task: puts a product for one of the learner's achievements in their basket. Its own
 * check: an approved, verified learner; the achievement is theirs (read as them); the product
 * is active and applies to it; a reason from the list. At most one per product and achievement.
 */
export async function addToBasket(payload: Payload, user: SignedInUser | null, input: { product: unknown; achievement: unknown; reason: unknown }): Promise<Result> {
  if (!user || !isActiveLearner(user)) return { ok: false, error: 'Sign in as a learner to order printed documents.' }
  const productId = recordId(input.product)
  const achievementId = recordId(input.achievement)
  const reason = String(input.reason ?? '')
  if (!REASONS.has(reason)) return { ok: false, error: 'Choose why you need it: lost, damaged, name change or other.' }
  if (productId === null || achievementId === null) return { ok: false, error: 'We could not find that product for that achievement.' }
  const [[mine], [product]] = await Promise.all([achievementsOf(payload, user, [achievementId]), activeProducts(payload, user, [productId])])
  if (!mine || !product || !productAppliesTo(product, mine.qualification?.type)) return { ok: false, error: 'We could not find that product for that achievement.' }
  const already = await payload.count({ collection: 'basket-items', where: { product: { equals: productId }, achievement: { equals: achievementId } }, ...asUser(user) })
  if (already.totalDocs) return { ok: false, error: `${product.name} for ${achievementTitle(mine)} is already in your basket: you can order one of each.` }
  try {
    await payload.create({
      collection: 'basket-items',
      data: { account: user.id as number, product: productId, achievement: achievementId, reason: reason as Reason, pricePenceWhenAdded: product.pricePence },
      overrideAccess: true, // system task: checked above, for this learner's own basket
      depth: 0,
    })
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: `${product.name} for ${achievementTitle(mine)} is already in your basket: you can order one of each.` }
    throw error
  }
  return { ok: true }
}

/** The basket's unique index refusing a second row: Payload's adapter reports PostgreSQL's 23505 as a ValidationError "Value must be unique". */
const isUniqueViolation = (error: unknown): boolean =>
  error instanceof ValidationError ? error.data.errors.some((e) => /unique/i.test(e.message)) : (error as { cause?: { code?: string } })?.cause?.code === '23505'

/** Takes an item out of the learner's basket (their own only: the collection's rule says so). */
export async function removeFromBasket(payload: Payload, user: SignedInUser | null, itemId: unknown): Promise<Result> {
  const id = recordId(itemId)
  if (!user || id === null) return { ok: false, error: 'That item is no longer in your basket.' }
  const { docs } = await payload.delete({ collection: 'basket-items', where: { id: { equals: id } }, ...asUser(user) })
  return docs.length ? { ok: true } : { ok: false, error: 'That item is no longer in your basket.' }
}

/** System task: changes the reason of an item in the learner's own basket (found as them first). */
export async function changeBasketReason(payload: Payload, user: SignedInUser | null, itemId: unknown, reason: unknown): Promise<Result> {
  const id = recordId(itemId)
  if (!REASONS.has(String(reason))) return { ok: false, error: 'Choose why you need it: lost, damaged, name change or other.' }
  if (!user || id === null) return { ok: false, error: 'That item is no longer in your basket.' }
  const { totalDocs } = await payload.count({ collection: 'basket-items', where: { id: { equals: id } }, ...asUser(user) })
  if (!totalDocs) return { ok: false, error: 'That item is no longer in your basket.' }
  await payload.update({ collection: 'basket-items', id, data: { reason: String(reason) as Reason }, overrideAccess: true, depth: 0 })
  return { ok: true }
}

export type BasketLine = {
  id: number
  product: Product
  achievementId: number
  achievement: string
  reason: string
  unitPricePence: number
  vatRatePercent: number
  /** The price when it was added, where it has changed since. */
  earlierPricePence: number | null
  /** What is printed: the reference of the document reprinted (the achievement's, for other products) and the name on it. */
  documentReference: string
  printedName: string
}

/** An item still in the basket that cannot be ordered now: the learner sees why and can remove it. */
export type UnorderableItem = { id: number; title: string; why: string }

/** Each document type's newest reference among the learner's documents of these achievements, read as them. */
async function documentReferences(payload: Payload, user: SignedInUser, achievementIds: readonly number[]): Promise<Map<string, string>> {
  if (!achievementIds.length) return new Map()
  const { docs } = await payload.find({ collection: 'documents', where: { achievement: { in: [...achievementIds] }, status: { equals: 'valid' } }, sort: 'createdAt', limit: 500, pagination: false, ...asUser(user) })
  return new Map(docs.filter((d) => d.reference).map((d) => [`${relationId(d.achievement)}:${d.type}`, d.reference!]))
}

const fullNameOf = (candidate: Candidate | number | null | undefined) =>
  candidate && typeof candidate === 'object' ? [candidate.firstName, candidate.middleNames, candidate.surname].filter(Boolean).join(' ') : ''

/**
 * The learner's basket at today's catalogue prices. An item whose product is withdrawn or no
 * longer applies, or whose achievement they can no longer read, stays in the basket as
 * unorderable, with why: it is not ordered or charged, and the learner can remove it.
 */
export async function basketOf(payload: Payload, user: SignedInUser | null): Promise<{ lines: BasketLine[]; unorderable: UnorderableItem[] }> {
  if (!user || !isActiveLearner(user)) return { lines: [], unorderable: [] }
  const { docs: items } = await payload.find({ collection: 'basket-items', sort: 'createdAt', limit: 100, pagination: false, ...asUser(user) })
  if (!items.length) return { lines: [], unorderable: [] }
  const achievementIds = [...new Set(items.map((i) => Number(relationId(i.achievement))))]
  const productIds = [...new Set(items.map((i) => Number(relationId(i.product))))]
  const [achievements, { docs: products }, references] = await Promise.all([
    achievementsOf(payload, user, achievementIds),
    payload.find({ collection: 'products', where: { id: { in: productIds } }, limit: 200, pagination: false, ...asUser(user) }),
    documentReferences(payload, user, achievementIds),
  ])
  const lines: BasketLine[] = []
  const unorderable: UnorderableItem[] = []
  for (const item of items) {
    const mine = achievements.find((a) => a.achievement.id === Number(relationId(item.achievement)))
    const product = products.find((p) => p.id === Number(relationId(item.product)))
    const title = `${product?.name ?? 'A product no longer sold'}${mine ? ` for ${achievementTitle(mine)}` : ''}`
    if (!product || !product.active) unorderable.push({ id: item.id, title, why: 'This product is no longer sold.' })
    else if (!mine) unorderable.push({ id: item.id, title, why: 'The achievement it was for is no longer among your records.' })
    else if (!productAppliesTo(product, mine.qualification?.type)) unorderable.push({ id: item.id, title, why: 'This product is no longer offered for this achievement.' })
    else
      lines.push({
        id: item.id,
        product,
        achievementId: mine.achievement.id,
        achievement: achievementTitle(mine),
        reason: item.reason,
        unitPricePence: product.pricePence,
        vatRatePercent: product.vatRatePercent,
        earlierPricePence: item.pricePenceWhenAdded == null || item.pricePenceWhenAdded === product.pricePence ? null : item.pricePenceWhenAdded,
        documentReference: references.get(`${mine.achievement.id}:${product.documentType}`) ?? mine.achievement.reference ?? '',
        printedName: fullNameOf(mine.achievement.candidate),
      })
  }
  return { lines, unorderable }
}

/** What the header shows: items and their total with VAT, before delivery. */
export function basketSummary(lines: readonly BasketLine[]): { count: number; totalPence: number } {
  const { subtotalPence, vatPence } = priceOrder(lines, 0)
  return { count: lines.length, totalPence: subtotalPence + vatPence }
}

/**
 * Whether the learner's basket holds anything, for the portal header on every page. System
 * read with its own check: only rows of this learner's own account, and only for an active
 * learner (whom the basket rule lets read them); one indexed statement instead of the Local API's
 * find, so an empty basket (most learners, most of the time) costs a page almost nothing. A basket
 * with items is then read and priced as the learner reads it (`basketOf`).
 */
export async function basketHasItems(payload: Payload, user: SignedInUser): Promise<boolean> {
  if (!isActiveLearner(user)) return false
  const { rows } = await payloadPool(payload).query<{ found: boolean }>('select exists (select 1 from basket_items where account_id = $1) as found', [user.id])
  return rows[0]?.found === true
}
