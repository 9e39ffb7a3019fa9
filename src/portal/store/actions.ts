'use server'

import { revalidatePath } from 'next/cache'
import { notFound, redirect } from 'next/navigation'

import type { SignedInUser } from '../../access/users'
import { recordId } from '../../lib/ids'
import { signInPath } from '../../lib/returnPath'
import { addressFromStep, addToBasket, changeBasketReason, deliveryOptionsFor, finishTestPayment, placeOrder, removeFromBasket, startPayment } from '../../plugins/store'
import { portalPayload, signedInUser } from '../payload'
import type { SignedInAccount } from '../profile/account'
import { saveAddress } from '../profile/addresses'
import { addressBookOf } from './data'
import { clearDraft, readDraft, writeDraft } from './draft'

export type StoreFormState = { errors?: Record<string, string>; values?: Record<string, string> }

async function learner(returnTo: string): Promise<SignedInUser> {
  const user = await signedInUser()
  if (!user || user.collection !== 'accounts') redirect(signInPath(returnTo))
  return user as SignedInUser
}

const text = (data: FormData, name: string) => String(data.get(name) ?? '')
const formOf = (data: FormData) => Object.fromEntries([...data.entries()].filter(([k]) => !k.startsWith('$')).map(([k, v]) => [k, String(v)]))

/** "Add to basket" on the store: a product for one achievement, with the reason. */
export async function addToBasketAction(_previous: StoreFormState, data: FormData): Promise<StoreFormState> {
  const user = await learner('/store')
  const result = await addToBasket(await portalPayload(), user, { product: text(data, 'product'), achievement: text(data, 'achievement'), reason: text(data, 'reason') })
  if (!result.ok) return { errors: { reason: result.error }, values: { reason: text(data, 'reason') } }
  revalidatePath('/', 'layout')
  redirect('/basket?notice=added')
}

export async function removeItemAction(data: FormData) {
  const user = await learner('/basket')
  const result = await removeFromBasket(await portalPayload(), user, text(data, 'item'))
  revalidatePath('/', 'layout')
  redirect(result.ok ? '/basket?notice=removed' : '/basket?notice=gone')
}

export async function changeReasonAction(data: FormData) {
  const user = await learner('/basket')
  const result = await changeBasketReason(await portalPayload(), user, text(data, 'item'), text(data, 'reason'))
  redirect(result.ok ? '/basket?notice=reason' : '/basket?notice=gone')
}

const NEXT_STEP = { billing: 'delivery', delivery: 'delivery-option', 'delivery-option': 'confirm' } as const

/** One address step of checkout (billing, then delivery): from the address book or typed, maybe saved. */
export async function addressStepAction(_previous: StoreFormState, data: FormData): Promise<StoreFormState> {
  const step = text(data, 'step') === 'delivery' ? 'delivery' : 'billing'
  const user = await learner(`/checkout?step=${step}`)
  const payload = await portalPayload()
  const found = addressFromStep(formOf(data), await addressBookOf(payload, user))
  if (!found.ok) return { errors: found.errors, values: formOf(data) }
  if (found.save) {
    const saved = await saveAddress(payload, user as SignedInAccount, { ...found.address, label: step === 'billing' ? 'Billing' : 'Delivery' })
    if (!saved.ok) return { errors: saved.errors, values: formOf(data) }
  }
  const draft = await readDraft()
  const next = { ...draft, [step]: found.address }
  if (step === 'delivery' && draft.deliveryOption) {
    const options = await deliveryOptionsFor(payload, user, found.address.country)
    if (!options.some((o) => o.id === draft.deliveryOption)) delete next.deliveryOption
  }
  await writeDraft(next)
  redirect(`/checkout?step=${NEXT_STEP[step]}`)
}

export async function deliveryOptionStepAction(_previous: StoreFormState, data: FormData): Promise<StoreFormState> {
  const user = await learner('/checkout?step=delivery-option')
  const draft = await readDraft()
  if (!draft.delivery) redirect('/checkout?step=delivery')
  const options = await deliveryOptionsFor(await portalPayload(), user, draft.delivery.country)
  const chosen = options.find((o) => o.id === Number(text(data, 'deliveryOption')))
  if (!chosen) return { errors: { deliveryOption: 'Choose how your documents are posted.' } }
  await writeDraft({ ...draft, deliveryOption: chosen.id })
  redirect('/checkout?step=confirm')
}

/** Confirm and pay: the order is placed at today's prices (as confirmed), then its payment page opens. */
export async function placeOrderAction(_previous: StoreFormState, data: FormData): Promise<StoreFormState> {
  const user = await learner('/checkout?step=confirm')
  const payload = await portalPayload()
  const placed = await placeOrder(payload, user, await readDraft(), Number(text(data, 'confirmedTotalPence')))
  if (!placed.ok) {
    if (placed.step === 'confirm') return { errors: { form: placed.error } }
    redirect(`/checkout?step=${placed.step}&error=${encodeURIComponent(placed.error)}`)
  }
  await clearDraft()
  revalidatePath('/', 'layout')
  const payment = await startPayment(payload, user, placed.orderId)
  redirect(payment.ok ? payment.url : `/orders/${placed.orderId}?notice=${noticeFor(payment.status)}`)
}

const noticeFor = (status: number) => (status === 503 ? 'payment-unavailable' : status === 502 ? 'payment-unreachable' : 'not-payable')

/** "Pay now" on an order awaiting payment: a new payment page. */
export async function payAgainAction(data: FormData) {
  const id = recordId(text(data, 'order'))
  const user = await learner(`/orders/${id ?? ''}`)
  const payment = await startPayment(await portalPayload(), user, id)
  if (!payment.ok && payment.status === 404) notFound()
  redirect(payment.ok ? payment.url : `/orders/${id}?notice=${noticeFor(payment.status)}`)
}

/** The test payment page's two buttons (outside production, without Stripe). */
export async function testPaymentAction(data: FormData) {
  const id = recordId(text(data, 'order'))
  const user = await learner(`/orders/${id ?? ''}`)
  const result = await finishTestPayment(await portalPayload(), user, id, text(data, 'outcome') === 'succeed')
  if (!result.ok && result.status === 404) notFound()
  if (!result.ok) redirect(`/orders/${id}?notice=not-payable`)
  revalidatePath('/orders')
  redirect(`/orders/${id}?notice=${text(data, 'outcome') === 'succeed' ? 'paid' : 'payment-failed'}`)
}
