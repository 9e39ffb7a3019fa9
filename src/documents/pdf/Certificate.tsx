import { Document, Page, Text, View } from '@react-pdf/renderer'

import { Fact, type Look, Logo, sans, serif, Signatory, SharedViewLine, StatusBanner, StatusWatermark, VerifyBlock } from './components'
import { fitFontSize, formatDate, formatLevel } from './format'
import type { DocumentFacts } from './types'

const WIDTH = 841.89 // A4 landscape, points
const HEIGHT = 595.28
const OUTER = 18 // outer frame inset
const INNER = 25 // inner frame inset
const TEXT_WIDTH = WIDTH - 2 * INNER - 2 * 70

/** A4 landscape certificate, always one page. */
export function Certificate({ facts, look }: { facts: DocumentFacts; look: Look }) {
  const { colours } = look
  const level = formatLevel(facts.level)
  const nameSize = fitFontSize(facts.fullName, { width: TEXT_WIDTH, max: 38, min: 18, em: 0.56 })
  const titleSize = fitFontSize(facts.qualificationTitle, { width: TEXT_WIDTH, max: 19, min: 11, lines: 2, em: 0.5 })
  const details: Array<[string, string]> = [
    ['Issue date', formatDate(facts.issueDate)],
    ...(facts.awardDate ? [['Date of award', formatDate(facts.awardDate)] as [string, string]] : []),
    ...(facts.centre ? [['Centre', facts.centre] as [string, string]] : []),
    ...(facts.candidateNumber ? [['Candidate number', facts.candidateNumber] as [string, string]] : []),
    ['Certificate reference', facts.reference],
    ...(facts.expiryDate ? [['Valid until', formatDate(facts.expiryDate)] as [string, string]] : []),
  ]
  const invalid = facts.status !== 'valid'

  return (
    <Document title={`Certificate ${facts.reference}: ${facts.qualificationTitle}`} author={look.awardingBodyName} subject={`Certificate for ${facts.fullName}`} creator={look.portalName} producer={look.portalName} language="en-GB">
      <Page size="A4" orientation="landscape" style={{ backgroundColor: '#ffffff', color: colours.ink }}>
        <View style={{ position: 'absolute', top: OUTER, left: OUTER, right: OUTER, bottom: OUTER, borderWidth: 2.5, borderColor: colours.primary }} />
        <View style={{ position: 'absolute', top: INNER, left: INNER, right: INNER, bottom: INNER, borderWidth: 0.75, borderColor: colours.accent }} />

        <View style={{ position: 'absolute', top: INNER, left: INNER, right: INNER, bottom: INNER, paddingTop: invalid ? 10 : 22, paddingBottom: 18, paddingHorizontal: 34 }}>
          {invalid ? <StatusBanner facts={facts} colours={colours} style={{ marginBottom: 6, marginHorizontal: 60 }} /> : null}

          <View style={{ alignItems: 'center' }}>
            <Logo look={look} width={200} height={invalid ? 34 : 46} style={{ marginBottom: 6 }} />
            <Text style={{ fontFamily: serif, fontWeight: 600, fontSize: 13, letterSpacing: 1.3, textTransform: 'uppercase', color: colours.primary, textAlign: 'center' }}>
              {look.awardingBodyName}
            </Text>
            <View style={{ width: 60, borderBottomWidth: 1, borderBottomColor: colours.accent, marginTop: 7, marginBottom: 8 }} />
            <Text style={{ fontFamily: serif, fontWeight: 600, fontSize: 30, letterSpacing: 3, color: colours.primary, textAlign: 'center' }}>CERTIFICATE</Text>
          </View>

          <View style={{ flexGrow: 1, alignItems: 'center', justifyContent: 'center', paddingHorizontal: 36 }}>
            <Text style={{ fontFamily: serif, fontStyle: 'italic', fontSize: 13, color: colours.muted }}>This is to certify that</Text>
            <Text style={{ fontFamily: serif, fontWeight: 600, fontSize: nameSize, color: colours.ink, textAlign: 'center', marginTop: 6, marginBottom: 6, maxWidth: TEXT_WIDTH }}>
              {facts.fullName}
            </Text>
            <Text style={{ fontFamily: serif, fontStyle: 'italic', fontSize: 13, color: colours.muted }}>has been awarded</Text>
            <Text style={{ fontFamily: serif, fontWeight: 600, fontSize: titleSize, lineHeight: 1.25, color: colours.primary, textAlign: 'center', marginTop: 6, maxWidth: TEXT_WIDTH }}>
              {facts.qualificationTitle}
            </Text>
            <Text style={{ fontFamily: sans, fontSize: 10, color: colours.muted, textAlign: 'center', marginTop: 5 }}>
              Qualification number {facts.qualificationNumber}
              {level ? `   ·   ${level}` : ''}
            </Text>
            <Text style={{ fontFamily: serif, fontSize: 14, color: colours.ink, textAlign: 'center', marginTop: 8 }}>
              Grade: <Text style={{ fontWeight: 700 }}>{facts.grade}</Text>
            </Text>
          </View>

          <View style={{ flexDirection: 'row', alignItems: 'flex-end', justifyContent: 'space-between' }}>
            <Signatory look={look} width={200} />
            <View style={{ width: 250, flexDirection: 'row', flexWrap: 'wrap', paddingBottom: 2 }}>
              {details.map(([label, value]) => (
                <Fact key={label} label={label} value={value} colours={colours} width={label === 'Centre' ? 250 : 125} />
              ))}
            </View>
            <VerifyBlock facts={facts} colours={colours} noun="certificate" qrSize={92} width={210} />
          </View>
        </View>

        <StatusWatermark status={facts.status} colours={colours} pageWidth={WIDTH} pageHeight={HEIGHT} />
        <SharedViewLine facts={facts} colours={colours} bottom={5} />
      </Page>
    </Document>
  )
}
