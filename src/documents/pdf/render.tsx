import { renderToBuffer } from '@react-pdf/renderer'

import { Certificate } from './Certificate'
import type { Look } from './components'
import { loadFonts } from './fonts'
import { coloursOf, withShownStatus } from './format'
import { prepareImage } from './images'
import { ProofLetter } from './ProofLetter'
import { Receipt, type ReceiptFacts } from './Receipt'
import { Transcript } from './Transcript'
import type { Branding, DocumentFacts } from './types'

const TEMPLATES = { certificate: Certificate, transcript: Transcript, 'proof-letter': ProofLetter } as const

function lookOf(branding: Branding): Look {
  return {
    colours: coloursOf(branding),
    awardingBodyName: branding.awardingBodyName,
    portalName: branding.portalName,
    logo: prepareImage(branding.logo, 'logo'),
    signature: prepareImage(branding.signature, 'signature'),
    signatoryName: branding.signatoryName?.trim() || null,
    signatoryTitle: branding.signatoryTitle?.trim() || null,
  }
}

/**
 * Renders one official document (certificate, transcript or proof-of-qualification letter) to
 * PDF bytes, marked with its status on `now` (expired once its expiry date has passed).
 */
export async function renderDocumentPdf(given: DocumentFacts, branding: Branding, now = new Date()): Promise<Buffer> {
  const facts = withShownStatus(given, now)
  const Template = TEMPLATES[facts.type]
  if (!Template) throw new Error(`Unknown document type: ${String(facts.type)}`)
  if (!facts.verifyUrl) throw new Error('A document needs its verification address (verifyUrl)')
  await loadFonts()
  const pdf = await renderToBuffer(<Template facts={facts} look={lookOf(branding)} />)
  // React's scheduler lets go of the finished render's root only on a later turn of the event
  // loop (a setImmediate task). A caller rendering many documents back to back (a batch job,
  // this module's benchmark) never gives it that turn and keeps every root alive: about
  // 50 KB per document, without end. One hop through the event loop here lets it go.
  await new Promise<void>((resolve) => setImmediate(resolve))
  return pdf
}

/** Renders an order's receipt to PDF bytes, in the awarding body's colours. */
export async function renderReceiptPdf(facts: ReceiptFacts, branding: Branding): Promise<Buffer> {
  await loadFonts()
  const pdf = await renderToBuffer(<Receipt facts={facts} look={lookOf(branding)} />)
  await new Promise<void>((resolve) => setImmediate(resolve))
  return pdf
}
