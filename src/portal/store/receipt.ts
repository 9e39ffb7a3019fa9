import { renderReceiptPdf } from '../../documents/pdf'
import type { SignedInUser } from '../../access/users'
import { countryName } from '../../lib/countries'
import { formatUkDate } from '../../lib/dates'
import { formatPence } from '../../lib/money'
import { signInPath } from '../../lib/returnPath'
import type { Order } from '../../payload-types'
import { REASON_LABELS } from '../../plugins/store'
import { sessionUser } from '../../plugins/registration'
import { branding } from '../documents/render'
import { portalPayload } from '../payload'
import { myOrder } from './data'

const PRIVATE = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' }
const lines = (a: Order['billingAddress']) => [a?.fullName, a?.line1, a?.line2, a?.town, a?.county, a?.postcode, countryName(a?.country)].filter(Boolean) as string[]

/** GET /orders/:id/receipt: the receipt PDF of the learner's own paid order (404 for anyone else's, or an unpaid one). */
export async function receiptRoute(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const payload = await portalPayload()
  const user = await sessionUser(payload, request.headers)
  const id = (await params).id
  if (!user) return new Response(null, { status: 303, headers: { Location: signInPath(`/orders/${encodeURIComponent(id)}/receipt`), ...PRIVATE } })
  const found = user.collection === 'accounts' ? await myOrder(payload, user as SignedInUser, id) : null
  if (!found || !found.order.paidAt) return new Response('Not found', { status: 404, headers: { ...PRIVATE, 'Content-Type': 'text/plain; charset=utf-8' } })
  const { order, deliveryOption } = found
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: false, user: null })
  const pdf = await renderReceiptPdf(
    {
      orderNumber: order.orderNumber,
      paidOn: formatUkDate(order.paidAt!),
      paymentReference: order.paymentReference ?? '',
      seller: {
        name: settings.seller?.name || settings.awardingBodyName,
        address: (settings.seller?.address ?? '').split('\n').map((l) => l.trim()).filter(Boolean),
        vatNumber: settings.seller?.vatNumber || null,
      },
      billedTo: lines(order.billingAddress),
      lines: order.items.map((item) => ({ description: item.description, reason: REASON_LABELS[item.reason] ?? item.reason, price: formatPence(item.unitPricePence), vat: formatPence(item.vatPence) })),
      delivery: { name: deliveryOption?.name ?? 'Delivery', price: formatPence(order.deliveryPence) },
      subtotal: formatPence(order.subtotalPence),
      vat: formatPence(order.vatPence),
      total: formatPence(order.totalPence),
      refunded: order.refundedPence ? formatPence(order.refundedPence) : null,
    },
    await branding(payload),
  )
  return new Response(new Uint8Array(pdf), { headers: { ...PRIVATE, 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="receipt-${order.orderNumber}.pdf"` } })
}
