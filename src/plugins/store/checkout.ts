import { sql } from '@payloadcms/db-postgres'
import { randomInt } from 'node:crypto'
import { createLocalReq, type Payload } from 'payload'

import { AS_SYSTEM, asUser } from '../../access/system'
import { isActiveLearner, type SignedInUser } from '../../access/users'
import { queryInTransaction } from '../../collections/sql'
import { inTransaction } from '../../collections/transaction'
import { checkAddress, type AddressInput, type BookEntry } from '../../lib/addresses'
import { priceOrder, servesCountry, type Region, type Totals } from '../../lib/pricing'
import type { DeliveryOption } from '../../payload-types'
import { basketOf, type BasketLine } from './basket'
import * as mail from './emails'
import { emailLearner, recordOrderEvent } from './record'

export type FieldErrors = Record<string, string>
type Form = Record<string, string | undefined>

/** What the learner chose in checkout's steps so far (carried between steps; checked again at the end). */
export type CheckoutDraft = { billing?: AddressInput; delivery?: AddressInput; deliveryOption?: number }

/** An address step: one from the address book (by id) or one typed. */
export function addressFromStep(form: Form, book: readonly BookEntry[]): { ok: true; address: AddressInput; save: boolean } | { ok: false; errors: FieldErrors } {
  const chosen = form.addressId && form.addressId !== 'new' ? book.find((entry) => entry.id === form.addressId) : null
  if (form.addressId && form.addressId !== 'new' && !chosen) return { ok: false, errors: { addressId: 'That address is no longer in your address book: choose another or type one.' } }
  const source = chosen ? (Object.fromEntries(Object.entries(chosen).map(([k, v]) => [k, v == null ? '' : String(v)])) as Form) : form
  const { errors, values } = checkAddress(source)
  if (Object.keys(errors).length) return { ok: false, errors }
  return { ok: true, address: values, save: !chosen && (form.saveAddress === 'on' || form.saveAddress === 'true') }
}

/** The delivery options that serve a country, cheapest first as staff ordered them. */
export async function deliveryOptionsFor(payload: Payload, user: SignedInUser, country: string): Promise<DeliveryOption[]> {
  const { docs } = await payload.find({ collection: 'delivery-options', where: { active: { equals: true } }, sort: 'sortOrder', limit: 100, ...asUser(user) })
  return docs.filter((option) => servesCountry({ region: option.region as Region, countries: option.countries, active: option.active }, country))
}

/** The priced order; `basketItems` is every item in the basket when it was priced, the unorderable ones (left out, kept in the basket) included. */
export type Quote = Totals<BasketLine> & { deliveryOption: DeliveryOption; billing: AddressInput; delivery: AddressInput; basketItems: number[] }

/** An address carried in the draft (the learner's browser holds it), checked and tidied again; null if it does not pass. */
function checkedAddress(carried: unknown): AddressInput | null {
  if (!carried || typeof carried !== 'object') return null
  const form = Object.fromEntries(Object.entries(carried as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : '']))
  const { errors, values } = checkAddress(form)
  return Object.keys(errors).length ? null : values
}
export type QuoteResult = { ok: true; quote: Quote } | { ok: false; error: string; step: 'basket' | 'billing' | 'delivery' | 'delivery-option' }

/** Prices the learner's basket today, for the draft's delivery: every penny from the catalogue, nothing from the browser. */
export async function quoteCheckout(payload: Payload, user: SignedInUser | null, draft: CheckoutDraft): Promise<QuoteResult> {
  if (!user || !isActiveLearner(user)) return { ok: false, error: 'Sign in as a learner to check out.', step: 'basket' }
  const { lines, unorderable } = await basketOf(payload, user)
  if (!lines.length) return { ok: false, error: unorderable.length ? 'Nothing in your basket can be ordered now.' : 'Your basket is empty.', step: 'basket' }
  const billing = checkedAddress(draft.billing)
  const delivery = checkedAddress(draft.delivery)
  if (!billing) return { ok: false, error: 'Give your billing address.', step: 'billing' }
  if (!delivery) return { ok: false, error: 'Give the delivery address.', step: 'delivery' }
  const options = await deliveryOptionsFor(payload, user, delivery.country)
  const deliveryOption = options.find((option) => option.id === Number(draft.deliveryOption))
  if (!deliveryOption) return { ok: false, error: 'Choose a delivery option for that country.', step: 'delivery-option' }
  const basketItems = [...lines, ...unorderable].map((item) => item.id).sort((a, b) => a - b)
  return { ok: true, quote: { ...priceOrder(lines, deliveryOption.pricePence), deliveryOption, billing, delivery, basketItems } }
}

const ORDER_NUMBER_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const newOrderNumber = () => `ORD-${Array.from({ length: 8 }, (_, i) => (i === 4 ? '-' : '') + ORDER_NUMBER_ALPHABET[randomInt(0, ORDER_NUMBER_ALPHABET.length)]).join('')}`

export type PlaceResult = { ok: true; orderId: number } | { ok: false; error: string; step: 'basket' | 'billing' | 'delivery' | 'delivery-option' | 'confirm' }

/**
 * System task: turns the learner's basket into an order awaiting payment. Its own check: an
 * approved, verified learner, pricing their own basket (read as them) today. `confirmedTotalPence`
 * is what the confirm page showed: if the price has changed since, nothing is placed and the
 * learner sees the new total. The basket's rows are locked, so two clicks make one order. Items
 * that cannot be ordered are left out and stay in the basket.
 */
export async function placeOrder(payload: Payload, user: SignedInUser | null, draft: CheckoutDraft, confirmedTotalPence: number): Promise<PlaceResult> {
  const quoted = await quoteCheckout(payload, user, draft)
  if (!quoted.ok) return quoted
  const learner = user as SignedInUser & { id: number }
  const req = await createLocalReq({ user: learner as never, context: { skipAudit: true } }, payload)
  return inTransaction(req, async () => {
    const { rows } = await queryInTransaction<{ id: number }>(req, sql`select id from basket_items where account_id = ${learner.id} order by id for update`)
    const { quote } = quoted
    if (rows.map((row) => row.id).join() !== quote.basketItems.join())
      return { ok: false, error: 'Your basket changed while you were checking out: check it again.', step: 'basket' }
    if (quote.totalPence !== confirmedTotalPence) return { ok: false, error: 'The total has changed since you confirmed: check the new total and confirm again.', step: 'confirm' }
    const order = await payload.create({
      collection: 'orders',
      data: {
        orderNumber: newOrderNumber(),
        account: learner.id,
        status: 'awaiting-payment',
        items: quote.lines.map((line) => ({
          product: line.product.id,
          achievement: line.achievementId,
          reason: line.reason as never,
          description: `${line.product.name}: ${line.achievement}`,
          unitPricePence: line.unitPricePence,
          vatPence: line.vatPence,
        })),
        billingAddress: addressFields(quote.billing),
        deliveryAddress: addressFields(quote.delivery),
        deliveryOption: quote.deliveryOption.id,
        subtotalPence: quote.subtotalPence,
        deliveryPence: quote.deliveryPence,
        vatPence: quote.vatPence,
        totalPence: quote.totalPence,
      } as never,
      ...AS_SYSTEM,
      req,
    })
    await payload.delete({ collection: 'basket-items', where: { account: { equals: learner.id }, id: { in: quote.lines.map((line) => line.id) } }, ...AS_SYSTEM, req })
    await recordOrderEvent(req, order, 'placed', 'learner', `${quote.lines.length} item${quote.lines.length === 1 ? '' : 's'}`)
    await emailLearner(req, order, mail.orderPlacedMessage, {})
    return { ok: true, orderId: order.id }
  })
}

const addressFields = (a: AddressInput) => ({ fullName: a.fullName, line1: a.line1, line2: a.line2, town: a.town, county: a.county, postcode: a.postcode, country: a.country })
