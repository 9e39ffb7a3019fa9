import { Document, Page, Text, View } from '@react-pdf/renderer'

import { type Look, Logo, sans, serif } from './components'

/** What a receipt shows: all money already formatted as £0.00, dates as dd/mm/yyyy. */
export type ReceiptFacts = {
  orderNumber: string
  paidOn: string
  paymentReference: string
  seller: { name: string; address: string[]; vatNumber: string | null }
  billedTo: string[]
  lines: Array<{ description: string; reason: string; price: string; vat: string }>
  delivery: { name: string; price: string }
  subtotal: string
  vat: string
  total: string
  refunded: string | null
}

const WIDTH = 595.28
const MARGIN = 56

/** A4 receipt for a paid order. */
export function Receipt({ facts, look }: { facts: ReceiptFacts; look: Look }) {
  const { colours } = look
  const small = { fontFamily: sans, fontSize: 9, color: colours.muted }
  const cell = { fontFamily: sans, fontSize: 10, color: colours.ink }
  const row = { flexDirection: 'row' as const, paddingVertical: 5, borderBottomWidth: 0.5, borderBottomColor: colours.rule }
  const money = { width: 80, textAlign: 'right' as const }
  const total = (label: string, value: string, bold = false) => (
    <View style={{ flexDirection: 'row', justifyContent: 'flex-end', paddingVertical: 3 }}>
      <Text style={{ ...cell, fontWeight: bold ? 700 : 400, width: 140, textAlign: 'right' }}>{label}</Text>
      <Text style={{ ...cell, ...money, fontWeight: bold ? 700 : 400 }}>{value}</Text>
    </View>
  )
  return (
    <Document title={`Receipt for order ${facts.orderNumber}`} author={facts.seller.name} creator={look.portalName} producer={look.portalName} language="en-GB">
      <Page size="A4" style={{ paddingTop: 40, paddingBottom: 56, paddingHorizontal: MARGIN, color: colours.ink }}>
        <View fixed style={{ position: 'absolute', top: 0, left: 0, right: 0, height: 6, backgroundColor: colours.primary }} />
        <View style={{ flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 28 }}>
          <View style={{ width: (WIDTH - 2 * MARGIN) * 0.55 }}>
            <Logo look={look} width={140} height={48} style={{ marginBottom: 8 }} />
            <Text style={{ fontFamily: sans, fontSize: 11, fontWeight: 700 }}>{facts.seller.name}</Text>
            {facts.seller.address.map((line, i) => (
              <Text key={i} style={small}>
                {line}
              </Text>
            ))}
            {facts.seller.vatNumber ? <Text style={small}>VAT number {facts.seller.vatNumber}</Text> : null}
          </View>
          <View style={{ alignItems: 'flex-end' }}>
            <Text style={{ fontFamily: serif, fontSize: 22, color: colours.primary }}>Receipt</Text>
            <Text style={cell}>Order {facts.orderNumber}</Text>
            <Text style={cell}>Paid {facts.paidOn}</Text>
            <Text style={small}>Payment reference {facts.paymentReference}</Text>
          </View>
        </View>
        <Text style={{ ...small, marginBottom: 2 }}>Billed to</Text>
        {facts.billedTo.map((line, i) => (
          <Text key={i} style={cell}>
            {line}
          </Text>
        ))}
        <View style={{ ...row, marginTop: 24, borderBottomWidth: 1, borderBottomColor: colours.ink }}>
          <Text style={{ ...cell, flex: 1, fontWeight: 700 }}>Item</Text>
          <Text style={{ ...cell, ...money, fontWeight: 700 }}>Price</Text>
          <Text style={{ ...cell, ...money, fontWeight: 700 }}>VAT</Text>
        </View>
        {facts.lines.map((line, i) => (
          <View key={i} style={row} wrap={false}>
            <View style={{ flex: 1, paddingRight: 8 }}>
              <Text style={cell}>{line.description}</Text>
              <Text style={small}>Reason: {line.reason}</Text>
            </View>
            <Text style={{ ...cell, ...money }}>{line.price}</Text>
            <Text style={{ ...cell, ...money }}>{line.vat}</Text>
          </View>
        ))}
        <View style={row}>
          <Text style={{ ...cell, flex: 1 }}>Delivery: {facts.delivery.name}</Text>
          <Text style={{ ...cell, ...money }}>{facts.delivery.price}</Text>
          <Text style={{ ...cell, ...money }}>£0.00</Text>
        </View>
        <View style={{ marginTop: 10 }}>
          {total('Sub total', facts.subtotal)}
          {total('Delivery', facts.delivery.price)}
          {total('VAT', facts.vat)}
          {total('Total paid', facts.total, true)}
          {facts.refunded ? total('Refunded', facts.refunded) : null}
        </View>
        <Text fixed style={{ ...small, position: 'absolute', bottom: 28, left: MARGIN, right: MARGIN, textAlign: 'center' }}>
          {look.portalName} · {facts.seller.name}
        </Text>
      </Page>
    </Document>
  )
}
