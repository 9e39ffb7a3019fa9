import { Document, Page, Text, View } from '@react-pdf/renderer'

import { Fact, type Look, Logo, sans, serif, Signatory, SharedViewLine, StatusBanner, StatusWatermark, VerifyBlock } from './components'
import { formatCredits, formatDate, formatLevel, totalCredits } from './format'
import type { DocumentFacts } from './types'

const WIDTH = 595.28 // A4 portrait, points
const HEIGHT = 841.89
const MARGIN = 44
const COLUMNS = { code: 78, credits: 52, grade: 84 }

/** A4 portrait transcript of units; the table flows onto further pages under a repeated header. */
export function Transcript({ facts, look }: { facts: DocumentFacts; look: Look }) {
  const { colours } = look
  const units = facts.units ?? []
  const level = formatLevel(facts.level)
  const cell = { fontFamily: sans, fontSize: 9, color: colours.ink }
  const headCell = { fontFamily: sans, fontWeight: 700, fontSize: 8, color: '#ffffff', letterSpacing: 0.4 }

  return (
    <Document title={`Transcript ${facts.reference}: ${facts.qualificationTitle}`} author={look.awardingBodyName} subject={`Transcript for ${facts.fullName}`} creator={look.portalName} producer={look.portalName} language="en-GB">
      <Page size="A4" style={{ paddingTop: 96, paddingBottom: 64, paddingHorizontal: MARGIN, color: colours.ink }}>
        {/* Header on every page */}
        <View fixed style={{ position: 'absolute', top: 0, left: 0, right: 0, height: 6, backgroundColor: colours.primary }} />
        <View fixed style={{ position: 'absolute', top: 26, left: MARGIN, right: MARGIN, flexDirection: 'row', alignItems: 'center', paddingBottom: 10, borderBottomWidth: 1, borderBottomColor: colours.accent }}>
          <Logo look={look} width={90} height={40} style={{ marginRight: 12, objectPosition: 'left' }} />
          <View style={{ flex: 1 }}>
            <Text style={{ fontFamily: serif, fontWeight: 600, fontSize: 13, color: colours.primary }}>{look.awardingBodyName}</Text>
            <Text style={{ fontFamily: sans, fontSize: 8.5, color: colours.muted, marginTop: 2 }}>
              {facts.candidateNumber ? `${facts.fullName} · Candidate number ${facts.candidateNumber}` : facts.fullName}
            </Text>
          </View>
          <View style={{ alignItems: 'flex-end', marginLeft: 12, flexShrink: 0 }}>
            <Text style={{ fontFamily: serif, fontWeight: 600, fontSize: 15, color: colours.ink, letterSpacing: 1 }}>TRANSCRIPT</Text>
            <Text style={{ fontFamily: sans, fontSize: 8.5, color: colours.muted, marginTop: 2 }}>Reference {facts.reference}</Text>
          </View>
        </View>

        {facts.status !== 'valid' ? <StatusBanner facts={facts} colours={colours} style={{ marginBottom: 12 }} /> : null}

        {/* Page 1: whose transcript, of what, and how to check it */}
        <View style={{ flexDirection: 'row', marginBottom: 14 }} wrap={false}>
          <View style={{ flex: 1, paddingRight: 14 }}>
            <Text style={{ fontFamily: sans, fontSize: 7, letterSpacing: 0.6, color: colours.muted, textTransform: 'uppercase' }}>Transcript of units for</Text>
            <Text style={{ fontFamily: serif, fontWeight: 600, fontSize: 18, color: colours.ink, marginTop: 2 }}>{facts.fullName}</Text>
            <Text style={{ fontFamily: serif, fontWeight: 600, fontSize: 12, lineHeight: 1.25, color: colours.primary, marginTop: 6, marginBottom: 8 }}>{facts.qualificationTitle}</Text>
            <View style={{ flexDirection: 'row', flexWrap: 'wrap' }}>
              <Fact label="Qualification number" value={facts.qualificationNumber} colours={colours} width="33%" />
              {level ? <Fact label="Level" value={level} colours={colours} width="33%" /> : null}
              <Fact label="Grade" value={facts.grade} colours={colours} width="33%" />
              {facts.candidateNumber ? <Fact label="Candidate number" value={facts.candidateNumber} colours={colours} width="33%" /> : null}
              <Fact label="Issue date" value={formatDate(facts.issueDate)} colours={colours} width="33%" />
              {facts.awardDate ? <Fact label="Date of award" value={formatDate(facts.awardDate)} colours={colours} width="33%" /> : null}
              {facts.expiryDate ? <Fact label="Valid until" value={formatDate(facts.expiryDate)} colours={colours} width="33%" /> : null}
              {facts.centre ? <Fact label="Centre" value={facts.centre} colours={colours} width="66%" /> : null}
            </View>
          </View>
          <VerifyBlock facts={facts} colours={colours} noun="transcript" qrSize={92} width={170} />
        </View>

        {/* Units table; its heading row repeats on every page it reaches */}
        <View>
          <View fixed style={{ flexDirection: 'row', backgroundColor: colours.primary, paddingVertical: 5, paddingHorizontal: 6 }}>
            <Text style={{ ...headCell, width: COLUMNS.code, flexShrink: 0 }}>UNIT CODE</Text>
            <Text style={{ ...headCell, flex: 1 }}>UNIT TITLE</Text>
            <Text style={{ ...headCell, width: COLUMNS.credits, flexShrink: 0, textAlign: 'right' }}>CREDITS</Text>
            <Text style={{ ...headCell, width: COLUMNS.grade, flexShrink: 0, paddingLeft: 12 }}>GRADE</Text>
          </View>
          {units.length === 0 ? (
            <Text style={{ ...cell, color: colours.muted, paddingVertical: 6, paddingHorizontal: 6 }}>No units are recorded for this qualification.</Text>
          ) : null}
          {units.map((unit, index) => (
            <View key={`${unit.code}-${index}`} wrap={false} style={{ flexDirection: 'row', paddingVertical: 4.5, paddingHorizontal: 6, backgroundColor: index % 2 ? '#f4f6f9' : '#ffffff', borderBottomWidth: 0.5, borderBottomColor: colours.rule }}>
              <Text style={{ ...cell, width: COLUMNS.code, flexShrink: 0, paddingRight: 4 }}>{unit.code}</Text>
              <Text style={{ ...cell, flex: 1, paddingRight: 6 }}>{unit.title}</Text>
              <Text style={{ ...cell, width: COLUMNS.credits, flexShrink: 0, textAlign: 'right' }}>{formatCredits(unit.credits)}</Text>
              <Text style={{ ...cell, width: COLUMNS.grade, flexShrink: 0, paddingLeft: 12 }}>{unit.grade ?? '—'}</Text>
            </View>
          ))}
          <View wrap={false} style={{ flexDirection: 'row', paddingVertical: 6, paddingHorizontal: 6, borderTopWidth: 1.25, borderTopColor: colours.primary }}>
            <Text style={{ ...cell, fontWeight: 700, width: COLUMNS.code, flexShrink: 0 }}>Total</Text>
            <Text style={{ ...cell, fontWeight: 700, flex: 1 }}>
              {units.length} {units.length === 1 ? 'unit' : 'units'}
            </Text>
            <Text style={{ ...cell, fontWeight: 700, width: COLUMNS.credits + COLUMNS.grade, flexShrink: 0 }}>Total credits {formatCredits(totalCredits(units))}</Text>
          </View>
        </View>

        <View wrap={false} style={{ marginTop: 26, flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-end' }}>
          <Signatory look={look} width={210} />
          <Text style={{ fontFamily: sans, fontSize: 8, lineHeight: 1.35, color: colours.muted, width: 230, flexShrink: 0 }}>
            This transcript lists the units that make up the award above. It is valid only with the matching certificate, and its current status can be checked at the address printed on every page.
          </Text>
        </View>

        {/* Footer on every page */}
        <View fixed style={{ position: 'absolute', bottom: 26, left: MARGIN, right: MARGIN, flexDirection: 'row', justifyContent: 'space-between', borderTopWidth: 0.5, borderTopColor: colours.rule, paddingTop: 6 }}>
          <Text style={{ fontFamily: sans, fontSize: 7.5, color: colours.muted, flex: 1, paddingRight: 10 }}>Check this transcript at {facts.verifyUrl}</Text>
          <Text style={{ fontFamily: sans, fontSize: 7.5, color: colours.muted, flexShrink: 0 }} render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>

        <StatusWatermark status={facts.status} colours={colours} pageWidth={WIDTH} pageHeight={HEIGHT} />
        <SharedViewLine facts={facts} colours={colours} bottom={10} />
      </Page>
    </Document>
  )
}
