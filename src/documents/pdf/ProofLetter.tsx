import { Document, Page, Text, View } from '@react-pdf/renderer'

import { Fact, type Look, Logo, sans, serif, Signatory, SharedViewLine, StatusBanner, StatusWatermark, VerifyBlock } from './components'
import { formatDate, formatLevel } from './format'
import type { DocumentFacts } from './types'

const WIDTH = 595.28 // A4 portrait, points
const HEIGHT = 841.89
const MARGIN = 56
const QR_SIZE = 96

/** A4 portrait proof-of-qualification letter. */
export function ProofLetter({ facts, look }: { facts: DocumentFacts; look: Look }) {
  const { colours } = look
  const level = formatLevel(facts.level)
  const body = { fontFamily: serif, fontSize: 10.5, lineHeight: 1.4, color: colours.ink }
  const address = (facts.recipientAddress ?? []).map((line) => line.trim()).filter(Boolean)
  const awarded = [
    `${facts.fullName}${facts.candidateNumber ? ` (candidate number ${facts.candidateNumber})` : ''} ${facts.awardDate ? 'was' : 'has been'} awarded the ${facts.qualificationTitle}`,
    ` (qualification number ${facts.qualificationNumber}${level ? `, ${level}` : ''})`,
    ` with the grade ${facts.grade}`,
    facts.awardDate ? ` on ${formatDate(facts.awardDate)}` : '',
    facts.centre ? `, through ${facts.centre}` : '',
    '.',
  ].join('')

  return (
    <Document title={`Proof of qualification ${facts.reference}`} author={look.awardingBodyName} subject={`Proof of qualification for ${facts.fullName}`} creator={look.portalName} producer={look.portalName} language="en-GB">
      <Page size="A4" style={{ paddingTop: 40, paddingBottom: 64, paddingHorizontal: MARGIN, color: colours.ink }}>
        <View fixed style={{ position: 'absolute', top: 0, left: 0, right: 0, height: 6, backgroundColor: colours.primary }} />

        {/* Letterhead */}
        <View style={{ flexDirection: 'row', alignItems: 'center', paddingBottom: 12, borderBottomWidth: 1, borderBottomColor: colours.accent }}>
          <Logo look={look} width={110} height={48} style={{ marginRight: 14, objectPosition: 'left' }} />
          <View style={{ flex: 1 }}>
            <Text style={{ fontFamily: serif, fontWeight: 600, fontSize: 15, color: colours.primary }}>{look.awardingBodyName}</Text>
            <Text style={{ fontFamily: sans, fontSize: 8.5, color: colours.muted, marginTop: 2 }}>{look.portalName}</Text>
          </View>
        </View>

        {facts.status !== 'valid' ? <StatusBanner facts={facts} colours={colours} style={{ marginTop: 12 }} /> : null}

        <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 22 }}>
          <View style={{ width: 260, minHeight: 20 }}>
            {address.map((line, index) => (
              <Text key={index} style={{ fontFamily: serif, fontSize: 10.5, lineHeight: 1.35 }}>
                {line}
              </Text>
            ))}
          </View>
          <View style={{ alignItems: 'flex-end' }}>
            <Text style={{ fontFamily: sans, fontSize: 9, color: colours.muted }}>
              Date <Text style={{ color: colours.ink }}>{formatDate(facts.issueDate)}</Text>
            </Text>
            <Text style={{ fontFamily: sans, fontSize: 9, color: colours.muted, marginTop: 2 }}>
              Our reference <Text style={{ color: colours.ink }}>{facts.reference}</Text>
            </Text>
          </View>
        </View>

        <Text style={{ ...body, marginTop: address.length ? 20 : 14 }}>To whom it may concern</Text>
        <Text style={{ fontFamily: serif, fontWeight: 700, fontSize: 11.5, color: colours.primary, marginTop: 12, lineHeight: 1.3 }}>Proof of qualification: {facts.fullName}</Text>

        <Text style={{ ...body, marginTop: 10 }}>
          {look.awardingBodyName} confirms that {awarded}
        </Text>

        <View style={{ marginTop: 12, paddingTop: 9, paddingBottom: 3, paddingHorizontal: 12, backgroundColor: '#f5f7fa', borderLeftWidth: 3, borderLeftColor: colours.primary, flexDirection: 'row', flexWrap: 'wrap' }} wrap={false}>
          <Fact label="Name" value={facts.fullName} colours={colours} width={facts.candidateNumber ? '66%' : '100%'} />
          {facts.candidateNumber ? <Fact label="Candidate number" value={facts.candidateNumber} colours={colours} width="34%" /> : null}
          <Fact label="Qualification" value={facts.qualificationTitle} colours={colours} width="100%" />
          <Fact label="Qualification number" value={facts.qualificationNumber} colours={colours} width="33%" />
          {level ? <Fact label="Level" value={level} colours={colours} width="33%" /> : null}
          <Fact label="Grade" value={facts.grade} colours={colours} width="34%" />
          {facts.awardDate ? <Fact label="Date of award" value={formatDate(facts.awardDate)} colours={colours} width="33%" /> : null}
          {facts.expiryDate ? <Fact label="Valid until" value={formatDate(facts.expiryDate)} colours={colours} width="33%" /> : null}
          {facts.centre ? <Fact label="Centre" value={facts.centre} colours={colours} width={facts.expiryDate ? '34%' : '67%'} /> : null}
        </View>

        <Text style={{ ...body, marginTop: 12 }}>
          To check that this letter is genuine and see the current status of the award, scan the QR code below or visit{' '}
          <Text style={{ fontFamily: sans, fontWeight: 600, color: colours.primary }}>{facts.verifyUrl}</Text>. The page is kept by {look.awardingBodyName} and shows at once if an
          award has been revoked or replaced.
        </Text>

        <View wrap={false} style={{ marginTop: 14, flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-end' }}>
          <View>
            <Text style={body}>Yours faithfully,</Text>
            <View style={{ marginTop: 4 }}>
              <Signatory look={look} width={230} />
            </View>
          </View>
          <VerifyBlock facts={facts} colours={colours} noun="letter" qrSize={QR_SIZE} width={200} align="right" />
        </View>

        <View fixed style={{ position: 'absolute', bottom: 28, left: MARGIN, right: MARGIN, flexDirection: 'row', justifyContent: 'space-between', borderTopWidth: 0.5, borderTopColor: colours.rule, paddingTop: 6 }}>
          <Text style={{ fontFamily: sans, fontSize: 7.5, color: colours.muted, flex: 1, paddingRight: 10 }}>
            {look.awardingBodyName} · Reference {facts.reference}
          </Text>
          <Text style={{ fontFamily: sans, fontSize: 7.5, color: colours.muted, flexShrink: 0 }} render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>

        <StatusWatermark status={facts.status} colours={colours} pageWidth={WIDTH} pageHeight={HEIGHT} />
        <SharedViewLine facts={facts} colours={colours} bottom={10} />
      </Page>
    </Document>
  )
}
