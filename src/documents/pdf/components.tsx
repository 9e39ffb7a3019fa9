import { Image, Path, Rect, Svg, Text, View } from '@react-pdf/renderer'
import type { Styles } from '@react-pdf/renderer'

import { SANS, SERIF } from './fonts'
import { type Colours, STATUS_WORD, statusNotice } from './format'
import type { PreparedImage } from './images'
import { qrMatrix } from './qr'
import type { DocumentFacts } from './types'

export type Style = Styles[string]

/** Everything a template needs besides the facts: colours and images already prepared. */
export type Look = {
  colours: Colours
  awardingBodyName: string
  portalName: string
  logo: PreparedImage | null
  signature: PreparedImage | null
  signatoryName: string | null
  signatoryTitle: string | null
}

/** The QR code as vector paths (sharp at any zoom and on any printer), quiet zone included. */
export function QrCode({ url, size }: { url: string; size: number }) {
  const { size: n, path } = qrMatrix(url)
  return (
    <Svg width={size} height={size} viewBox={`0 0 ${n} ${n}`}>
      <Rect x={0} y={0} width={n} height={n} fill="#ffffff" />
      <Path d={path} fill="#000000" />
    </Svg>
  )
}

/** Logo image in a box, kept in proportion. */
export function Logo({ look, width, height, style }: { look: Look; width: number; height: number; style?: Style }) {
  if (!look.logo) return null
  return <Image src={{ uri: look.logo.uri }} style={{ width, height, objectFit: 'contain', ...style }} />
}

/** The signatory block: signature (if any) over a rule, name, title, body. */
export function Signatory({ look, width, align = 'left', signatureHeight = 42 }: { look: Look; width: number; align?: 'left' | 'center'; signatureHeight?: number }) {
  const { colours } = look
  const textAlign = align === 'center' ? 'center' : 'left'
  if (!look.signatoryName && !look.signature) {
    // No signatory configured: say who issued it rather than leave an empty signature line.
    return (
      <View style={{ width }} wrap={false}>
        <Text style={{ fontFamily: SANS, fontSize: 7, letterSpacing: 0.6, color: colours.muted, textTransform: 'uppercase', textAlign }}>Issued by</Text>
        <Text style={{ fontFamily: SERIF, fontWeight: 600, fontSize: 11, color: colours.primary, textAlign, marginTop: 2 }}>{look.awardingBodyName}</Text>
      </View>
    )
  }
  return (
    <View style={{ width, flexShrink: 0 }} wrap={false}>
      <View style={{ height: signatureHeight, justifyContent: 'flex-end', alignItems: align === 'center' ? 'center' : 'flex-start' }}>
        {look.signature ? <Image src={{ uri: look.signature.uri }} style={{ height: signatureHeight - 2, width: width * 0.8, objectFit: 'contain', objectPosition: align === 'center' ? 'center' : 'left' }} /> : null}
      </View>
      <View style={{ borderTopWidth: 0.75, borderTopColor: colours.muted, marginTop: 3, paddingTop: 4 }}>
        {look.signatoryName ? <Text style={{ fontFamily: SANS, fontWeight: 600, fontSize: 9.5, color: colours.ink, textAlign }}>{look.signatoryName}</Text> : null}
        {look.signatoryTitle ? <Text style={{ fontFamily: SANS, fontSize: 8.5, color: colours.muted, textAlign, marginTop: 1 }}>{look.signatoryTitle}</Text> : null}
        <Text style={{ fontFamily: SANS, fontSize: 8.5, color: colours.muted, textAlign, marginTop: 1 }}>
          {look.signatoryName ? `For and on behalf of ${look.awardingBodyName}` : look.awardingBodyName}
        </Text>
      </View>
    </View>
  )
}

/** A small label over its value. */
export function Fact({ label, value, colours, width, style }: { label: string; value: string; colours: Colours; width?: number | string; style?: Style }) {
  return (
    <View style={{ width, marginBottom: 6, paddingRight: 8, ...style }} wrap={false}>
      <Text style={{ fontFamily: SANS, fontSize: 7, letterSpacing: 0.6, color: colours.muted, textTransform: 'uppercase' }}>{label}</Text>
      <Text style={{ fontFamily: SANS, fontSize: 10, color: colours.ink, marginTop: 1.5 }}>{value}</Text>
    </View>
  )
}

/**
 * A document that is no longer valid is marked on every page: a large diagonal word across
 * the page, which cannot be cropped off without it showing.
 */
export function StatusWatermark({ status, colours, pageWidth, pageHeight }: { status: DocumentFacts['status']; colours: Colours; pageWidth: number; pageHeight: number }) {
  if (status === 'valid') return null
  const word = STATUS_WORD[status]
  // Laid out horizontally in a box as long as 70 % of the page's diagonal, centred on the
  // page, then turned onto the diagonal (about its centre): it never wraps and never reaches
  // the corners.
  const length = Math.hypot(pageWidth, pageHeight) * 0.7
  const fontSize = Math.min(150, length / (word.length * 0.72))
  const angle = (-Math.atan2(pageHeight, pageWidth) * 180) / Math.PI
  return (
    <View fixed style={{ position: 'absolute', top: 0, left: 0, width: pageWidth, height: pageHeight, alignItems: 'center', justifyContent: 'center' }}>
      <View style={{ width: length, transform: `rotate(${angle.toFixed(2)}deg)` }}>
        <Text style={{ fontFamily: SANS, fontWeight: 700, fontSize, letterSpacing: fontSize * 0.06, color: colours.alert, opacity: 0.15, textAlign: 'center' }}>{word}</Text>
      </View>
    </View>
  )
}

/** A third party's copy says so on every page, along the bottom edge, so a forwarded copy still reads as a shared view. */
export function SharedViewLine({ facts, colours, bottom }: { facts: DocumentFacts; colours: Colours; bottom: number }) {
  if (!facts.sharedView) return null
  return (
    <View fixed style={{ position: 'absolute', bottom, left: 24, right: 24 }}>
      <Text style={{ fontFamily: SANS, fontWeight: 600, fontSize: 7.5, color: colours.alert, textAlign: 'center' }}>{facts.sharedView}</Text>
    </View>
  )
}

/** The plain-words notice at the top of a document that is no longer valid. */
export function StatusBanner({ facts, colours, style }: { facts: DocumentFacts; colours: Colours; style?: Style }) {
  const notice = statusNotice(facts)
  if (!notice) return null
  return (
    <View style={{ borderWidth: 1.25, borderColor: colours.alert, backgroundColor: '#fdecea', paddingVertical: 5, paddingHorizontal: 10, ...style }} wrap={false}>
      <Text style={{ fontFamily: SANS, fontWeight: 700, fontSize: 9.5, color: colours.alert, textAlign: 'center' }}>{notice}</Text>
      <Text style={{ fontFamily: SANS, fontSize: 8, color: colours.ink, textAlign: 'center', marginTop: 1.5 }}>Check its current status at {facts.verifyUrl}</Text>
    </View>
  )
}

/**
 * A size at which `url` stays on one line of `width` points: a URL is never hyphenated, and
 * one broken across lines is hard to type. (Source Sans semibold averages about 0.5 em.)
 */
export function urlFontSize(url: string, width: number, max: number): number {
  return Math.max(5.5, Math.min(max, Math.floor((width / (url.length * 0.52)) * 4) / 4))
}

/** The QR code with the verification address beneath it. */
export function VerifyBlock({ facts, colours, noun, qrSize, width, align = 'center' }: { facts: DocumentFacts; colours: Colours; noun: string; qrSize: number; width: number; align?: 'center' | 'right' }) {
  const textAlign = align === 'right' ? 'right' : 'center'
  return (
    <View style={{ width, flexShrink: 0, alignItems: align === 'right' ? 'flex-end' : 'center' }} wrap={false}>
      <QrCode url={facts.verifyUrl} size={qrSize} />
      <Text style={{ fontFamily: SANS, fontSize: 8, color: colours.muted, textAlign, marginTop: 3 }}>Check this {noun} at</Text>
      <Text style={{ fontFamily: SANS, fontWeight: 600, fontSize: urlFontSize(facts.verifyUrl, width, 8), color: colours.primary, textAlign, marginTop: 1.5 }}>{facts.verifyUrl}</Text>
    </View>
  )
}

export const serif = SERIF
export const sans = SANS
