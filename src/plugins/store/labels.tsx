import { Document, Page, renderToBuffer, Text, View } from '@react-pdf/renderer'

import { loadFonts, SANS } from '../../documents/pdf/fonts'
import { countryName } from '../../lib/countries'
import type { Order } from '../../payload-types'

// A4 sheets of 14 labels, 2 across and 7 down, 99.1 × 38.1 mm each (the common L7163 layout).
const MM = 72 / 25.4
const SHEET = { width: 210 * MM, height: 297 * MM, top: 15.15 * MM, left: 4.65 * MM }
const LABEL = { width: 99.1 * MM, height: 38.1 * MM, columnGap: 2.5 * MM }
const ACROSS = 2
const DOWN = 7
const PER_SHEET = ACROSS * DOWN
const INK = '#1a1a1a'
const MUTED = '#555555'

/** The lines of an order's delivery address, as they go on the envelope. */
export function labelLines(order: Pick<Order, 'deliveryAddress'>): string[] {
  const a = order.deliveryAddress ?? {}
  return [a.fullName, a.line1, a.line2, a.town, a.county, a.postcode?.toUpperCase(), countryName(a.country)].map((line) => line?.trim() ?? '').filter(Boolean)
}

const PADDING = { top: 7, left: 14, right: 10, orderNumber: 10 }
const TEXT_WIDTH = LABEL.width - PADDING.left - PADDING.right
const TEXT_HEIGHT = LABEL.height - 2 * PADDING.top - PADDING.orderNumber
const LEADING = 1.2

/**
 * The largest size (10 pt down to 6.5 pt) at which the address, each line wrapped as it must be,
 * fits on the label above the order number. Source Sans averages about 0.5 em a character: an
 * estimate on the safe side, so nothing of an address is ever cut off.
 */
export function labelFontSize(lines: readonly string[]): number {
  for (let size = 10; size > 6.5; size -= 0.5) {
    const rows = lines.reduce((sum, line) => sum + Math.max(1, Math.ceil((line.length * 0.5 * size) / TEXT_WIDTH)), 0)
    if (rows * size * LEADING <= TEXT_HEIGHT) return size
  }
  return 6.5
}

function Label({ order }: { order: Order }) {
  const lines = labelLines(order)
  const [name, ...rest] = lines
  const fontSize = labelFontSize(lines)
  return (
    <View style={{ width: LABEL.width, height: LABEL.height, paddingTop: PADDING.top, paddingLeft: PADDING.left, paddingRight: PADDING.right }} wrap={false}>
      <Text style={{ fontFamily: SANS, fontWeight: 600, fontSize, lineHeight: LEADING, color: INK }}>{name}</Text>
      {rest.map((line, i) => (
        <Text key={i} style={{ fontFamily: SANS, fontSize, lineHeight: LEADING, color: INK }}>
          {line}
        </Text>
      ))}
      <Text style={{ position: 'absolute', right: PADDING.right, bottom: PADDING.top - 1, fontFamily: SANS, fontSize: 6.5, color: MUTED }}>{order.orderNumber}</Text>
    </View>
  )
}

function Labels({ orders }: { orders: readonly Order[] }) {
  const sheets = Array.from({ length: Math.ceil(orders.length / PER_SHEET) }, (_, i) => orders.slice(i * PER_SHEET, (i + 1) * PER_SHEET))
  return (
    <Document title="Delivery labels" creator="Digital achievement portal">
      {sheets.map((sheet, i) => (
        <Page key={i} size={[SHEET.width, SHEET.height]} style={{ paddingTop: SHEET.top, paddingLeft: SHEET.left, flexDirection: 'row', flexWrap: 'wrap', columnGap: LABEL.columnGap, alignContent: 'flex-start' }}>
          {sheet.map((order) => (
            <Label key={order.id} order={order} />
          ))}
        </Page>
      ))}
    </Document>
  )
}

/** Delivery labels for a batch's orders: one per order, in the order given, 14 to an A4 sheet. */
export async function renderLabels(orders: readonly Order[]): Promise<Buffer> {
  if (!orders.length) throw new Error('No orders to label')
  await loadFonts()
  const pdf = await renderToBuffer(<Labels orders={orders} />)
  // As for the documents (src/documents/pdf/render.tsx): let React's scheduler drop the render's root.
  await new Promise<void>((resolve) => setImmediate(resolve))
  return pdf
}
