import { sql } from '@payloadcms/db-postgres'
import { stringify } from 'csv-stringify/sync'
import { parse } from 'csv-parse/sync'
import { addDataAndFileToRequest, APIError, type CollectionAfterChangeHook, type CollectionBeforeChangeHook, type Endpoint, type PayloadRequest } from 'payload'

import { relationId, staffHasRole } from '../../access/users'
import { AS_SYSTEM } from '../../access/system'
import { queryInTransaction } from '../../collections/sql'
import { inTransaction } from '../../collections/transaction'
import { countryName } from '../../lib/countries'
import type { Order, PrintBatch, Product } from '../../payload-types'
import { actOnOrder } from './staff'

const orderIdsOf = (batch: Pick<PrintBatch, 'orders'>) => (batch.orders ?? []).map((o) => Number(relationId(o)))

/** A new batch: numbered, and only paid orders that are in no other batch (their rows locked until it is saved). A batch keeps its number. */
export const checkNewBatch: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'create') return { ...data, batchNumber: (originalDoc as PrintBatch).batchNumber }
  const ids = [...new Set(orderIdsOf(data as PrintBatch))]
  if (!ids.length) throw new APIError('Choose at least one paid order for the batch.', 400, undefined, true)
  if (!ids.every((id) => Number.isSafeInteger(id) && id > 0)) throw new APIError('Choose the orders by their ids.', 400, undefined, true)
  const { rows } = await queryInTransaction<{ id: number; order_number: string; status: string; print_batch_id: number | null }>(
    req,
    sql`select id, order_number, status, print_batch_id from orders where id in ${sql.raw(`(${ids.map(Number).join(',')})`)} order by id for update`,
  )
  const unfit = rows.filter((row) => row.status !== 'paid' || row.print_batch_id !== null)
  if (rows.length !== ids.length || unfit.length)
    throw new APIError(`Only paid orders in no other batch can be batched: ${unfit.map((r) => r.order_number).join(', ') || 'an order was not found'}.`, 400, undefined, true)
  const stamp = new Date().toISOString().slice(0, 10).replaceAll('-', '')
  // Two batches saved at once would count the same batches: the second waits for the first to commit.
  await queryInTransaction(req, sql`select pg_advisory_xact_lock(hashtext('print-batch-number'))`)
  const { rows: last } = await queryInTransaction<{ n: number | null }>(req, sql`select max(substring(batch_number from '-([0-9]+)$')::int) as n from print_batches where batch_number like ${`PB-${stamp}-%`}`)
  return { ...data, orders: ids, status: 'open', batchNumber: `PB-${stamp}-${String(Number(last[0]?.n ?? 0) + 1).padStart(3, '0')}` }
}

/** Each order of a new batch points at it, so it is offered in no other. */
export const claimBatchOrders: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  for (const id of orderIdsOf(doc)) await req.payload.update({ collection: 'orders', id, data: { printBatch: doc.id }, ...AS_SYSTEM, req, context: { ...req.context, skipAudit: true } })
  return doc
}

const staffOnly = (req: PayloadRequest) => (staffHasRole(req.user, ['administrator', 'support']) ? null : Response.json({ error: 'Only support staff can work on print batches.' }, { status: 403 }))

async function batchWithOrders(req: PayloadRequest): Promise<{ batch: PrintBatch; orders: Order[] } | null> {
  const id = Number(req.routeParams?.id)
  if (!Number.isInteger(id) || id <= 0) return null
  const batch = (await req.payload.findByID({ collection: 'print-batches', id, ...AS_SYSTEM, req, disableErrors: true })) as PrintBatch | null
  if (!batch) return null
  const { docs } = await req.payload.find({ collection: 'orders', where: { id: { in: orderIdsOf(batch) } }, sort: 'orderNumber', limit: 1000, pagination: false, depth: 1, overrideAccess: true, req })
  return { batch, orders: docs as Order[] }
}

/** The batch the route names with its orders, for support staff; otherwise the answer to give (403 or 404). */
async function staffBatch(req: PayloadRequest): Promise<{ batch: PrintBatch; orders: Order[] } | Response> {
  const refused = staffOnly(req)
  if (refused) return refused
  return (await batchWithOrders(req)) ?? Response.json({ error: 'We could not find that batch.' }, { status: 404 })
}

const address = (o: Order) => o.deliveryAddress ?? {}

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, return first) is kept as text. */
const asText = (value: string | null | undefined) => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : (value ?? ''))

/** The printer's rows: one per item, with what to print and where it goes. */
export function printerCsv(orders: readonly Order[]): string {
  const rows = orders.flatMap((o) =>
    o.items.map((item) => {
      const a = address(o)
      const product = typeof item.product === 'object' ? (item.product as Product) : null
      return [o.orderNumber, product?.code ?? '', item.description, item.reason, a.fullName, a.line1, a.line2, a.town, a.county, a.postcode, countryName(a.country)].map(asText)
    }),
  )
  return stringify([['Order', 'Product code', 'Item', 'Reason', 'Name', 'Address line 1', 'Address line 2', 'Town', 'County', 'Postcode', 'Country'], ...rows])
}

/**
 * Tracking numbers typed or uploaded as CSV: exactly "order number, tracking number" per line (a
 * header line is allowed). A line with more or fewer values is refused, quoted as it was given.
 */
export function parseTrackingCsv(text: string): { ok: true; rows: Array<{ orderNumber: string; trackingNumber: string }> } | { ok: false; error: string } {
  let records: Array<{ record: string[]; raw: string }>
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, max_record_size: 10_000, raw: true }) as unknown as Array<{ record: string[]; raw: string }>
  } catch (error) {
    return { ok: false, error: `The tracking list could not be read: ${(error as Error).message}` }
  }
  const lines = records.filter(({ record }, i) => !(i === 0 && /order/i.test(record[0] ?? '') && !/^ORD-/i.test(record[0] ?? '')))
  const rows: Array<{ orderNumber: string; trackingNumber: string }> = []
  for (const { record, raw } of lines) {
    const values = [...record]
    while (values.length > 2 && values.at(-1) === '') values.pop()
    const [orderNumber = '', trackingNumber = ''] = values
    if (values.length !== 2 || !orderNumber || !trackingNumber || trackingNumber.length > 60)
      return { ok: false, error: `This line is not “order number, tracking number”: “${raw.trim().slice(0, 200)}”. Nothing was dispatched.` }
    rows.push({ orderNumber, trackingNumber })
  }
  return rows.length ? { ok: true, rows } : { ok: false, error: 'Give a tracking number for each order: “order number, tracking number” per line.' }
}

const csvEndpoint: Endpoint = {
  path: '/:id/printer.csv',
  method: 'get',
  handler: async (req) => {
    const found = await staffBatch(req)
    if (found instanceof Response) return found
    return new Response(printerCsv(found.orders), {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${found.batch.batchNumber}.csv"` },
    })
  },
}

const labelsEndpoint: Endpoint = {
  path: '/:id/labels.pdf',
  method: 'get',
  handler: async (req) => {
    const found = await staffBatch(req)
    if (found instanceof Response) return found
    const { renderLabels } = await import('./labels')
    const pdf = await renderLabels(found.orders)
    return new Response(new Uint8Array(pdf), { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${found.batch.batchNumber}-labels.pdf"` } })
  },
}

/** Every order of the batch changes, or none: one transaction, each through the order's state machine. */
async function changeWholeBatch(req: PayloadRequest, step: 'printed' | 'dispatched', tracking?: Map<string, string>): Promise<Response> {
  const found = await staffBatch(req)
  if (found instanceof Response) return found
  const { batch, orders } = found
  if (step === 'printed' && batch.status !== 'open') return Response.json({ error: 'This batch has been printed already.' }, { status: 400 })
  if (step === 'dispatched' && batch.status !== 'printed') return Response.json({ error: 'Mark the batch printed before dispatching it.' }, { status: 400 })
  const live = orders.filter((o) => o.status !== 'cancelled' && o.status !== 'refunded' && o.status !== 'on-hold')
  if (tracking) {
    const unknown = [...tracking.keys()].filter((n) => !orders.some((o) => o.orderNumber === n))
    const missing = live.filter((o) => !tracking.has(o.orderNumber)).map((o) => o.orderNumber)
    if (unknown.length) return Response.json({ error: `Not in this batch: ${unknown.join(', ')}.` }, { status: 400 })
    if (missing.length) return Response.json({ error: `Give a tracking number for ${missing.join(', ')}.` }, { status: 400 })
  }
  const failure = await inTransaction(req, async () => {
    for (const order of live) {
      const result = await actOnOrder(req.payload, req.user as never, order.id, step === 'printed' ? { type: 'print' } : { type: 'dispatch', trackingNumber: tracking!.get(order.orderNumber)! }, req)
      if (!result.ok) throw new APIError(`${order.orderNumber}: ${result.error}`, result.status === 404 ? 404 : 400, undefined, true)
    }
    const at = new Date().toISOString()
    await req.payload.update({ collection: 'print-batches', id: batch.id, data: { status: step, ...(step === 'printed' ? { printedAt: at } : { dispatchedAt: at }) } as never, ...AS_SYSTEM, req })
    return null
  }).catch((error: unknown) => (error instanceof APIError ? error : Promise.reject(error)))
  if (failure) return Response.json({ error: failure.message }, { status: failure.status })
  return Response.json({ ok: true, orders: live.length })
}

const printedEndpoint: Endpoint = { path: '/:id/printed', method: 'post', handler: (req) => changeWholeBatch(req, 'printed') }

const dispatchEndpoint: Endpoint = {
  path: '/:id/dispatch',
  method: 'post',
  handler: async (req) => {
    const refused = staffOnly(req)
    if (refused) return refused
    await addDataAndFileToRequest(req)
    const text = req.file?.data ? req.file.data.toString('utf8') : String((req.data as { tracking?: unknown } | undefined)?.tracking ?? '')
    const parsed = parseTrackingCsv(text)
    if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 })
    return changeWholeBatch(req, 'dispatched', new Map(parsed.rows.map((r) => [r.orderNumber, r.trackingNumber])))
  },
}

export const batchEndpoints: Endpoint[] = [csvEndpoint, labelsEndpoint, printedEndpoint, dispatchEndpoint]
