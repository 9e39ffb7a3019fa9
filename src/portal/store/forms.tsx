'use client'

import { useActionState, useState } from 'react'

import { ErrorSummary, Field } from '../ui/Field'
import { SelectField } from '../ui/SelectField'
import { addressStepAction, addToBasketAction, deliveryOptionStepAction, placeOrderAction, type StoreFormState } from './actions'

const REASON_OPTIONS = [
  { value: 'lost', label: 'Lost' },
  { value: 'damaged', label: 'Damaged' },
  { value: 'name-change', label: 'Name change' },
  { value: 'other', label: 'Other' },
]

/** "Add to basket" for one product and achievement: the reason, after the seed's warning. */
export function AddToBasketForm({ product, achievement, label }: { product: number; achievement: number; label: string }) {
  const [state, action, pending] = useActionState<StoreFormState, FormData>(addToBasketAction, {})
  const name = `reason-${product}-${achievement}`
  return (
    <form action={action} className="add-to-basket" noValidate>
      <input type="hidden" name="product" value={product} />
      <input type="hidden" name="achievement" value={achievement} />
      {state.errors?.reason ? (
        <p className="notice notice-error" role="alert">
          {state.errors.reason}
        </p>
      ) : null}
      <div className={`field${state.errors?.reason ? ' field-error' : ''}`}>
        <label htmlFor={name}>Why do you need it?</label>
        <select id={name} name="reason" required defaultValue={state.values?.reason ?? ''}>
          <option value="">Choose a reason</option>
          {REASON_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <button className="button" type="submit" disabled={pending}>
        Add to basket<span className="visually-hidden">: {label}</span>
      </button>
    </form>
  )
}

export type BookChoice = { id: string; label: string }

/** A checkout address step: one from the address book, or a new one typed (and saved if ticked). */
export function AddressStepForm({ step, book, chosen, countries, typed }: { step: 'billing' | 'delivery'; book: BookChoice[]; chosen: string; countries: ReadonlyArray<{ value: string; label: string }>; typed: Record<string, string> }) {
  const [state, action, pending] = useActionState<StoreFormState, FormData>(addressStepAction, { values: { addressId: chosen, ...typed } })
  const v = state.values ?? {}
  const e = state.errors ?? {}
  const [which, setWhich] = useState(v.addressId || (book.length ? book[0]!.id : 'new'))
  return (
    <form action={action} className="form" noValidate>
      <ErrorSummary errors={state.errors} />
      <input type="hidden" name="step" value={step} />
      {book.length ? (
        <fieldset className="field" id="addressId">
          <legend>{step === 'billing' ? 'Billing address' : 'Where should we post your documents?'}</legend>
          {e.addressId ? <p className="error-message">{e.addressId}</p> : null}
          {[...book, { id: 'new', label: 'A new address' }].map((entry) => (
            <div className="radio" key={entry.id}>
              <input type="radio" id={`address-${entry.id}`} name="addressId" value={entry.id} checked={which === entry.id} onChange={() => setWhich(entry.id)} />
              <label htmlFor={`address-${entry.id}`}>{entry.label}</label>
            </div>
          ))}
        </fieldset>
      ) : (
        <input type="hidden" name="addressId" value="new" />
      )}
      {which === 'new' ? (
        <div className="new-address">
          <Field name="fullName" label="Full name" required defaultValue={v.fullName} error={e.fullName} autoComplete="name" />
          <Field name="line1" label="Address line 1" required defaultValue={v.line1} error={e.line1} autoComplete="address-line1" />
          <Field name="line2" label="Address line 2" defaultValue={v.line2} error={e.line2} autoComplete="address-line2" hint="Optional." />
          <Field name="town" label="Town or city" required defaultValue={v.town} error={e.town} autoComplete="address-level2" />
          <Field name="county" label="County or region" defaultValue={v.county} error={e.county} autoComplete="address-level1" hint="Optional." />
          <Field name="postcode" label="Postcode" defaultValue={v.postcode} error={e.postcode} autoComplete="postal-code" hint="Needed for a UK address." className="input-short" />
          <SelectField name="country" label="Country" required defaultValue={v.country || 'GB'} error={e.country} autoComplete="country" options={countries} />
          <div className="checkbox">
            <input type="checkbox" id="saveAddress" name="saveAddress" defaultChecked={v.saveAddress === 'on'} />
            <label htmlFor="saveAddress">Save it in my address book</label>
          </div>
        </div>
      ) : null}
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          Continue
        </button>
        <a className="button button-secondary" href={step === 'billing' ? '/basket' : '/checkout?step=billing'}>
          Back
        </a>
      </div>
    </form>
  )
}

export type OptionChoice = { id: number; name: string; price: string; estimate: string; note: string }

export function DeliveryOptionForm({ options, chosen }: { options: OptionChoice[]; chosen?: number }) {
  const [state, action, pending] = useActionState<StoreFormState, FormData>(deliveryOptionStepAction, {})
  const error = state.errors?.deliveryOption
  return (
    <form action={action} className="form form-wide" noValidate>
      <ErrorSummary errors={state.errors} />
      <fieldset className={`field${error ? ' field-error' : ''}`} id="deliveryOption" tabIndex={-1}>
        <legend>Delivery option</legend>
        {error ? <p className="error-message">{error}</p> : null}
        {options.map((o, i) => (
          <div className="radio delivery-choice" key={o.id}>
            <input type="radio" id={`option-${o.id}`} name="deliveryOption" value={o.id} defaultChecked={chosen ? chosen === o.id : i === 0} />
            <label htmlFor={`option-${o.id}`}>
              <strong>{o.name}</strong> · {o.price}
              {o.estimate ? <span className="hint"> · estimated {o.estimate}</span> : null}
              {o.note ? <span className="delivery-note">{o.note}</span> : null}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          Continue
        </button>
        <a className="button button-secondary" href="/checkout?step=delivery">
          Back
        </a>
      </div>
    </form>
  )
}

export function PlaceOrderForm({ totalPence, total, testMode }: { totalPence: number; total: string; testMode: boolean }) {
  const [state, action, pending] = useActionState<StoreFormState, FormData>(placeOrderAction, {})
  return (
    <form action={action} className="place-order">
      {state.errors?.form ? (
        <p className="notice notice-error" role="alert">
          {state.errors.form}
        </p>
      ) : null}
      <input type="hidden" name="confirmedTotalPence" value={totalPence} />
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>
          {testMode ? `Place order and pay ${total} (test payment)` : `Place order and pay ${total} by card`}
        </button>
        <a className="button button-secondary" href="/checkout?step=delivery-option">
          Back
        </a>
      </div>
    </form>
  )
}
