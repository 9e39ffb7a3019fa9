import { notFound, redirect } from 'next/navigation'
import type { ReactNode } from 'react'

import { isActiveLearner } from '../../access/users'
import { countryName, COUNTRY_OPTIONS } from '../../lib/countries'
import { formatUkDate, formatUkDateTime } from '../../lib/dates'
import { recordId } from '../../lib/ids'
import { formatPence } from '../../lib/money'
import { ORDER_STATUS_LABELS, type OrderStatus } from '../../lib/orders'
import { signInPath } from '../../lib/returnPath'
import type { Account, Order } from '../../payload-types'
import { deliveryOptionsFor, ORDER_EVENT_LABELS, ORDER_PARTY_LABELS, paymentMode, quoteCheckout, REASON_LABELS, trackingUrlOf } from '../../plugins/store'
import { portalPayload, signedInUser } from '../payload'
import { changeReasonAction, payAgainAction, removeItemAction, testPaymentAction } from './actions'
import { addressBookOf, myBasket, myOrder, myOrders, storeCatalogue } from './data'
import { readDraft } from './draft'
import { AddressStepForm, AddToBasketForm, DeliveryOptionForm, PlaceOrderForm } from './forms'
import './store.css'

async function signedInLearner(returnTo: string) {
  const user = await signedInUser()
  if (!user || user.collection !== 'accounts') redirect(signInPath(returnTo))
  if (user.kind !== 'learner') notFound()
  return user as typeof user & Account
}

function Notice({ text, error = false }: { text?: string | null; error?: boolean }) {
  return text ? (
    <p className={`notice${error ? ' notice-error' : ''}`} role={error ? 'alert' : 'status'}>
      {text}
    </p>
  ) : null
}

function NotYetApproved() {
  return (
    <p className="notice">
      The store opens once your account is approved. <a href="/dashboard">Back to your dashboard</a>.
    </p>
  )
}

const CHECK_FIRST =
  'Before you order, check your name, qualification and dates on the document in My documents. If anything is wrong, report it first: a printed copy shows the same details.'

/** /store: what the learner can order for each achievement, with prices. */
export async function StorePage({ achievement }: { achievement?: string }) {
  const user = await signedInLearner('/store')
  const only = recordId(achievement) ?? undefined
  const entries = isActiveLearner(user) ? await storeCatalogue(await portalPayload(), user, only) : []
  return (
    <>
      <h1>Store</h1>
      <p className="lead">Order printed duplicates of your certificates, transcripts and letters. We post them to you.</p>
      {!isActiveLearner(user) ? <NotYetApproved /> : null}
      <p className="notice notice-warning">{CHECK_FIRST}</p>
      {only ? (
        <p>
          <a href="/store">See everything you can order</a>
        </p>
      ) : null}
      {isActiveLearner(user) && !entries.length ? <p>There is nothing to order for your achievements yet.</p> : null}
      {entries.map((entry) => (
        <section key={entry.achievementId} className="store-achievement" aria-labelledby={`achievement-${entry.achievementId}`}>
          <h2 id={`achievement-${entry.achievementId}`}>{entry.title}</h2>
          {entry.detail ? <p className="hint">{entry.detail}</p> : null}
          {entry.products.length ? (
            <ul className="product-list">
              {entry.products.map((product) => (
                <li key={product.id} className="product-card">
                  <div className="product-head">
                    <h3>{product.name}</h3>
                    <p className="price">{formatPence(product.pricePence)}</p>
                  </div>
                  {product.description ? <p>{product.description}</p> : null}
                  {product.vatRatePercent ? <p className="hint">Plus VAT at {product.vatRatePercent} %.</p> : null}
                  <AddToBasketForm product={product.id} achievement={entry.achievementId} label={`${product.name} for ${entry.title}`} />
                </li>
              ))}
            </ul>
          ) : (
            <p>Nothing can be ordered for this achievement.</p>
          )}
        </section>
      ))}
    </>
  )
}

const BASKET_NOTICES: Record<string, string> = {
  added: 'Added to your basket.',
  removed: 'Removed from your basket.',
  reason: 'Reason changed.',
  gone: 'That item is no longer in your basket.',
}

function Money({ pence }: { pence: number }) {
  return <span className="money">{formatPence(pence)}</span>
}

/** /basket: the learner's basket at today's prices, editable. */
export async function BasketPage({ notice }: { notice?: string }) {
  const user = await signedInLearner('/basket')
  const { lines, unorderable } = await myBasket(await portalPayload(), user)
  const subtotal = lines.reduce((sum, l) => sum + l.unitPricePence, 0)
  return (
    <>
      <h1>Basket</h1>
      <Notice text={notice ? BASKET_NOTICES[notice] : null} />
      <CheckoutSteps current="basket" />
      {unorderable.length ? <UnorderableItems items={unorderable} ordering={lines.length > 0} /> : null}
      {!lines.length ? (
        <p>
          Your basket is empty. <a href="/store">Go to the store</a> or order from a document in <a href="/documents">My documents</a>.
        </p>
      ) : (
        <>
          <div className="table-wrap" role="region" aria-label="Your basket" tabIndex={0}>
            <table className="store-table stack-table">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Reason</th>
                  <th scope="col" className="num">
                    Price
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.id}>
                    <td data-label="Item">
                      <span>
                        <strong>{line.product.name}</strong>
                        <br />
                        {line.achievement}
                      </span>
                    </td>
                    <td data-label="Reason">
                      <form action={changeReasonAction} className="inline-form">
                        <input type="hidden" name="item" value={line.id} />
                        <label className="visually-hidden" htmlFor={`reason-${line.id}`}>
                          Reason for {line.product.name}
                        </label>
                        <select id={`reason-${line.id}`} name="reason" defaultValue={line.reason}>
                          {Object.entries(REASON_LABELS).map(([value, label]) => (
                            <option key={value} value={value}>
                              {label}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button button-secondary button-small">
                          Change<span className="visually-hidden"> the reason for {line.product.name}</span>
                        </button>
                      </form>
                    </td>
                    <td className="num" data-label="Price">
                      <span>
                        <Money pence={line.unitPricePence} />
                        {line.earlierPricePence !== null ? <span className="price-changed">Price changed: it was {formatPence(line.earlierPricePence)} when you added it.</span> : null}
                      </span>
                    </td>
                    <td data-label="">
                      <form action={removeItemAction}>
                        <input type="hidden" name="item" value={line.id} />
                        <button type="submit" className="button button-secondary button-small">
                          Remove<span className="visually-hidden"> {line.product.name} for {line.achievement}</span>
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    Sub total (before delivery and VAT)
                  </th>
                  <td className="num">
                    <Money pence={subtotal} />
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="actions">
            <a className="button" href="/checkout?step=billing">
              Check out
            </a>
            <a className="button button-secondary" href="/store">
              Keep shopping
            </a>
          </p>
        </>
      )}
    </>
  )
}

type UnorderableItem = Awaited<ReturnType<typeof myBasket>>['unorderable'][number]

/** Items the learner can no longer order: each with why, and Remove. They are kept (not ordered, not charged) until removed. */
function UnorderableItems({ items, ordering }: { items: UnorderableItem[]; ordering: boolean }) {
  return (
    <section className="unorderable" aria-labelledby="unorderable-heading">
      <h2 id="unorderable-heading">{items.length === 1 ? 'An item you cannot order now' : `${items.length} items you cannot order now`}</h2>
      <p>{ordering ? 'They stay in your basket but are not part of your order and are not charged: the rest of your basket checks out without them.' : 'They stay in your basket but cannot be ordered or charged.'}</p>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <span>
              <strong>{item.title}</strong>
              <br />
              {item.why}
            </span>
            <form action={removeItemAction}>
              <input type="hidden" name="item" value={item.id} />
              <button type="submit" className="button button-secondary button-small">
                Remove<span className="visually-hidden"> {item.title}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  )
}

const STEPS = [
  { key: 'basket', label: 'Basket', href: '/basket' },
  { key: 'billing', label: 'Billing address', href: '/checkout?step=billing' },
  { key: 'delivery', label: 'Delivery address', href: '/checkout?step=delivery' },
  { key: 'delivery-option', label: 'Delivery option', href: '/checkout?step=delivery-option' },
  { key: 'confirm', label: 'Confirm', href: '/checkout?step=confirm' },
  { key: 'pay', label: 'Pay', href: null },
] as const
type StepKey = (typeof STEPS)[number]['key']

function CheckoutSteps({ current }: { current: StepKey }) {
  const at = STEPS.findIndex((s) => s.key === current)
  return (
    <nav aria-label="Checkout steps" className="checkout-steps">
      <ol>
        {STEPS.map((step, i) => (
          <li key={step.key} className={i === at ? 'current' : i < at ? 'done' : undefined} aria-current={i === at ? 'step' : undefined}>
            {i < at && step.href ? <a href={step.href}>{step.label}</a> : step.label}
          </li>
        ))}
      </ol>
    </nav>
  )
}

const oneLine = (a: { fullName?: string | null; line1?: string | null; line2?: string | null; town?: string | null; postcode?: string | null; country?: string | null }) =>
  [a.fullName, a.line1, a.line2, a.town, a.postcode, countryName(a.country)].filter(Boolean).join(', ')

const addressLines = (a: Order['deliveryAddress']) => [a?.fullName, a?.line1, a?.line2, a?.town, a?.county, a?.postcode, countryName(a?.country)].filter(Boolean) as string[]

/** /checkout?step=…: billing address, delivery address, delivery option, confirm. */
export async function CheckoutPage({ step = 'billing', error }: { step?: string; error?: string }) {
  const user = await signedInLearner(`/checkout?step=${step}`)
  if (!isActiveLearner(user)) redirect('/basket')
  const payload = await portalPayload()
  const draft = await readDraft()
  const { lines } = await myBasket(payload, user)
  if (!lines.length) redirect('/basket')
  if (step === 'billing' || step === 'delivery') {
    const book = await addressBookOf(payload, user)
    const flag = step === 'billing' ? 'defaultBilling' : 'defaultDelivery'
    const typed = draft[step] && !book.some((e) => e.line1 === draft[step]!.line1 && e.postcode === draft[step]!.postcode) ? (draft[step] as unknown as Record<string, string>) : {}
    const fromDraft = draft[step] ? book.find((e) => e.line1 === draft[step]!.line1 && e.postcode === draft[step]!.postcode && e.fullName === draft[step]!.fullName) : undefined
    const chosen = Object.keys(typed).length ? 'new' : (fromDraft ?? book.find((e) => e[flag]) ?? book[0])?.id ?? 'new'
    return (
      <>
        <h1>{step === 'billing' ? 'Billing address' : 'Delivery address'}</h1>
        <CheckoutSteps current={step} />
        <Notice error text={error} />
        <p className="lead">{step === 'billing' ? 'The address your card is registered to.' : 'Where we post your printed documents.'}</p>
        <AddressStepForm
          step={step}
          book={book.map((e) => ({ id: String(e.id), label: `${e.label ? `${e.label}: ` : ''}${oneLine(e)}` }))}
          chosen={String(chosen)}
          countries={COUNTRY_OPTIONS}
          typed={typed}
        />
      </>
    )
  }
  if (!draft.billing) redirect('/checkout?step=billing')
  if (!draft.delivery) redirect('/checkout?step=delivery')
  if (step === 'delivery-option') {
    const options = await deliveryOptionsFor(payload, user, String(draft.delivery.country ?? ""))
    return (
      <>
        <h1>Delivery option</h1>
        <CheckoutSteps current="delivery-option" />
        <Notice error text={error} />
        <p className="lead">To {oneLine(draft.delivery)}.</p>
        {options.length ? (
          <DeliveryOptionForm
            chosen={draft.deliveryOption}
            options={options.map((o) => ({ id: o.id, name: o.name, price: formatPence(o.pricePence), estimate: o.estimatedDelivery ?? '', note: o.note ?? '' }))}
          />
        ) : (
          <p className="notice notice-error">We cannot post to {countryName(draft.delivery.country)} yet. Choose another delivery address or contact support.</p>
        )}
      </>
    )
  }
  const quoted = await quoteCheckout(payload, user, draft)
  if (!quoted.ok) redirect(`/checkout?step=${quoted.step === 'basket' ? 'billing' : quoted.step}&error=${encodeURIComponent(quoted.error)}`)
  const { quote } = quoted
  const testMode = paymentMode() === 'test'
  return (
    <>
      <h1>Confirm your order</h1>
      <CheckoutSteps current="confirm" />
      <Notice error text={error} />
      <LinesTable label="Your order">
          <tbody>
            {quote.lines.map((line) => (
              <tr key={line.id}>
                <td>
                  <strong>{line.product.name}</strong>
                  <br />
                  {line.achievement}
                  <dl className="printed-facts">
                    <div>
                      <dt>Reference</dt>
                      <dd className="nowrap">{line.documentReference || '—'}</dd>
                    </div>
                    <div>
                      <dt>Name printed</dt>
                      <dd>{line.printedName || '—'}</dd>
                    </div>
                    <div>
                      <dt>Reason</dt>
                      <dd>{REASON_LABELS[line.reason]}</dd>
                    </div>
                  </dl>
                </td>
                <td className="num">
                  <Money pence={line.unitPricePence} />
                  {line.earlierPricePence !== null ? <span className="price-changed">Price changed: it was {formatPence(line.earlierPricePence)} when you added it.</span> : null}
                </td>
                <td className="num">
                  <Money pence={line.vatPence} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <Total label="Sub total" pence={quote.subtotalPence} />
            <Total label={`Delivery: ${quote.deliveryOption.name}`} pence={quote.deliveryPence} />
            <Total label="VAT" pence={quote.vatPence} />
            <Total label="Total" pence={quote.totalPence} strong />
        </tfoot>
      </LinesTable>
      {quote.deliveryOption.note ? <p className="notice notice-warning">{quote.deliveryOption.note}</p> : null}
      <dl className="order-addresses">
        <div>
          <dt>Billing address</dt>
          <dd>
            {oneLine(quote.billing)} <a href="/checkout?step=billing">Change<span className="visually-hidden"> the billing address</span></a>
          </dd>
        </div>
        <div>
          <dt>Delivery address</dt>
          <dd>
            {oneLine(quote.delivery)} <a href="/checkout?step=delivery">Change<span className="visually-hidden"> the delivery address</span></a>
          </dd>
        </div>
      </dl>
      {testMode ? <p className="notice notice-test">Test payments: card payments are not set up here, so no money is taken. You choose whether the payment succeeds.</p> : null}
      <PlaceOrderForm totalPence={quote.totalPence} total={formatPence(quote.totalPence)} testMode={testMode} />
    </>
  )
}

/** The items of an order or a checkout, with price and VAT; its body and totals are the children. Three columns, so every amount fits a phone's width. */
function LinesTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="store-table">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              VAT
            </th>
          </tr>
        </thead>
        {children}
      </table>
    </div>
  )
}

function Total({ label, pence, strong = false }: { label: string; pence: number; strong?: boolean }) {
  return (
    <tr className={strong ? 'grand-total' : undefined}>
      <th scope="row" colSpan={2}>
        {label}
      </th>
      <td className="num">
        <Money pence={pence} />
      </td>
    </tr>
  )
}

function StatusTag({ status }: { status: string }) {
  return <span className={`status-tag order-status-${status}`}>{ORDER_STATUS_LABELS[status as OrderStatus] ?? status}</span>
}

/** /orders: the seed's table: order number, items, payment reference, status, paid date. */
export async function OrdersPage({ page = '1' }: { page?: string }) {
  const user = await signedInLearner('/orders')
  const list = await myOrders(await portalPayload(), user, recordId(page) ?? 1)
  return (
    <>
      <h1>Orders</h1>
      <p className="lead">Printed documents you have ordered. Open an order for its details, receipt and tracking.</p>
      {!list ? (
        <NotYetApproved />
      ) : !list.docs.length ? (
        <p>
          You have no orders yet. <a href="/store">Go to the store</a>.
        </p>
      ) : (
        <div className="table-wrap" role="region" aria-label="Your orders" tabIndex={0}>
          <table className="store-table stack-table">
            <thead>
              <tr>
                <th scope="col">Order number</th>
                <th scope="col">Items</th>
                <th scope="col">Payment reference</th>
                <th scope="col">Status</th>
                <th scope="col">Paid</th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {list.docs.map((order) => (
                <tr key={order.id}>
                  <td data-label="Order number" className="code">
                    <a href={`/orders/${order.id}`}>{order.orderNumber}</a>
                  </td>
                  <td data-label="Items">{order.items.map((i) => i.description).join('; ')}</td>
                  <td data-label="Payment reference" className="code">
                    {order.paymentReference ?? '—'}
                  </td>
                  <td data-label="Status">
                    <StatusTag status={order.status} />
                  </td>
                  <td data-label="Paid">{order.paidAt ? formatUkDate(order.paidAt) : '—'}</td>
                  <td data-label="Total" className="num">
                    <Money pence={order.totalPence} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list && list.totalPages > 1 ? (
        <nav aria-label="Pages" className="pagination">
          {list.hasPrevPage ? <a href={`/orders?page=${list.prevPage}`}>Previous page</a> : null} Page {list.page} of {list.totalPages}{' '}
          {list.hasNextPage ? <a href={`/orders?page=${list.nextPage}`}>Next page</a> : null}
        </nav>
      ) : null}
    </>
  )
}

const ORDER_NOTICES: Record<string, [string, boolean]> = {
  paid: ['Payment received. Thank you: we have emailed you a confirmation.', false],
  'payment-failed': ['Your payment failed and nothing was taken. You can try again.', true],
  'payment-unavailable': ['Card payments are not available just now. Your order is kept: please try again later.', true],
  'payment-unreachable': ['We could not reach the payment service. Your order is kept: try paying again.', true],
  'not-payable': ['This order is not awaiting payment.', true],
}

/** /orders/:id: lines, addresses, delivery, timeline, tracking, receipt, and paying again. */
export async function OrderPage({ id, notice, payment }: { id: string; notice?: string; payment?: string }) {
  const user = await signedInLearner(`/orders/${id}`)
  const found = await myOrder(await portalPayload(), user, id)
  if (!found) notFound()
  const { order, timeline, deliveryOption } = found
  const awaiting = order.status === 'awaiting-payment' && !order.paidAt
  const tracking = trackingUrlOf(deliveryOption, order.trackingNumber)
  const shown = notice ? ORDER_NOTICES[notice] : undefined
  return (
    <>
      <p className="breadcrumb">
        <a href="/orders">Orders</a> › {order.orderNumber}
      </p>
      <h1>
        Order {order.orderNumber} <StatusTag status={order.status} />
      </h1>
      {shown ? <Notice text={shown[0]} error={shown[1]} /> : null}
      {payment === 'returned' && awaiting ? <Notice text="Payment received, confirming: this page shows it as paid as soon as the card payment is confirmed. You do not need to pay again." /> : null}
      {payment === 'cancelled' && awaiting ? <Notice error text="You left the payment page, so nothing was taken. You can pay when you are ready." /> : null}
      {order.status === 'on-hold' && order.holdReason ? <Notice error text={`On hold: ${order.holdReason}`} /> : null}
      {awaiting && !order.paymentProblem && payment !== 'returned' ? (
        <form action={payAgainAction} className="actions">
          <input type="hidden" name="order" value={order.id} />
          <button type="submit" className="button">
            Pay {formatPence(order.totalPence)} now
          </button>
        </form>
      ) : null}
      {order.status === 'dispatched' && order.trackingNumber ? (
        <p className="notice" role="status">
          Posted {order.dispatchedAt ? formatUkDate(order.dispatchedAt) : ''}. Tracking number {order.trackingNumber}
          {tracking ? (
            <>
              {' '}
              · <a href={tracking}>Track your delivery</a>
            </>
          ) : null}
        </p>
      ) : null}
      {order.paidAt ? (
        <p>
          <a className="button button-secondary" href={`/orders/${order.id}/receipt`}>
            Download receipt (PDF)
          </a>
        </p>
      ) : null}
      <LinesTable label="Items">
          <tbody>
            {order.items.map((item) => (
              <tr key={item.id}>
                <td>
                  {item.description}
                  <span className="line-reason">Reason: {REASON_LABELS[item.reason]}</span>
                </td>
                <td className="num">
                  <Money pence={item.unitPricePence} />
                </td>
                <td className="num">
                  <Money pence={item.vatPence} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <Total label="Sub total" pence={order.subtotalPence} />
            <Total label={`Delivery${deliveryOption ? `: ${deliveryOption.name}` : ''}`} pence={order.deliveryPence} />
            <Total label="VAT" pence={order.vatPence} />
            <Total label="Total" pence={order.totalPence} strong />
            {order.refundedPence ? <Total label="Refunded" pence={order.refundedPence} /> : null}
        </tfoot>
      </LinesTable>
      <dl className="order-facts">
        <div>
          <dt>Payment reference</dt>
          <dd>{order.paymentReference ?? 'Not paid yet'}</dd>
        </div>
        <div>
          <dt>Paid</dt>
          <dd>{order.paidAt ? formatUkDateTime(order.paidAt) : 'Not paid yet'}</dd>
        </div>
        <div>
          <dt>Billing address</dt>
          <dd>{addressLines(order.billingAddress).join(', ')}</dd>
        </div>
        <div>
          <dt>Delivery address</dt>
          <dd>{addressLines(order.deliveryAddress).join(', ')}</dd>
        </div>
      </dl>
      <h2>Timeline</h2>
      <ol className="timeline">
        {timeline.map((event) => (
          <li key={event.id}>
            <span className="when">{formatUkDateTime(event.at)}</span> <strong>{ORDER_EVENT_LABELS[event.event] ?? event.event}</strong>
            <span className="by"> · {ORDER_PARTY_LABELS[event.party] ?? event.party}</span>
            {event.note ? <span className="note">: {event.note}</span> : null}
          </li>
        ))}
      </ol>
    </>
  )
}

/** /orders/:id/test-payment: the offline stand-in for Stripe's page, labelled as such. */
export async function TestPaymentPage({ id }: { id: string }) {
  const user = await signedInLearner(`/orders/${id}`)
  if (paymentMode() !== 'test') notFound()
  const found = await myOrder(await portalPayload(), user, id)
  if (!found || found.order.paymentMode !== 'test') notFound()
  const { order } = found
  if (order.status !== 'awaiting-payment') redirect(`/orders/${order.id}`)
  return (
    <>
      <h1>Test payment</h1>
      <p className="notice notice-test" role="note">
        <strong>This is a test payment page. No card is charged and no money is taken.</strong> Card payments are not set up on this portal, so you choose what happens.
      </p>
      <p className="lead">
        Order {order.orderNumber}: {formatPence(order.totalPence)}
      </p>
      <form action={testPaymentAction} className="actions">
        <input type="hidden" name="order" value={order.id} />
        <button type="submit" name="outcome" value="succeed" className="button">
          Pay {formatPence(order.totalPence)} (test: succeeds)
        </button>
        <button type="submit" name="outcome" value="fail" className="button button-secondary">
          Make the payment fail
        </button>
      </form>
    </>
  )
}
