import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { Payload } from 'payload'

import { relationId } from '../../access/users'
import { renderBadgePng, renderDocumentPdf, withShownStatus, type Branding, type DocumentFacts } from '../../documents/pdf'
import { renderedOnce, type Rendered } from '../../plugins/rendered-documents'
import { brandAssetsDir } from '../../lib/storage'
import { fullNameOf, verifyUrlOf, type Printable } from './data'

/** What a document prints. `publicCopy`: the copy on the public verification page, without the candidate number (a matching key). */
export type CopyOptions = { publicCopy?: boolean; sharedView?: string | null }

export function factsOf({ document, achievement, qualification, candidate }: Printable, { publicCopy = false, sharedView = null }: CopyOptions = {}): DocumentFacts {
  return {
    type: document.type === 'badge' ? 'certificate' : document.type,
    reference: document.reference ?? '',
    fullName: fullNameOf(candidate),
    candidateNumber: publicCopy ? null : candidate.candidateNumber,
    qualificationNumber: qualification.qualificationNumber,
    qualificationTitle: qualification.title,
    level: qualification.level,
    grade: achievement.grade,
    issueDate: document.issueDate ?? achievement.issueDate,
    awardDate: achievement.issueDate,
    centre: achievement.centre,
    expiryDate: achievement.expiryDate,
    units: document.units?.map(({ code, title, credits, grade }) => ({ code, title, credits, grade })),
    verifyUrl: verifyUrlOf(document),
    status: document.status,
    sharedView,
  }
}

async function imageBytes(payload: Payload, id: unknown): Promise<Buffer | null> {
  const assetId = relationId(id)
  if (assetId === null) return null
  // Brand images are printed on every document: the collection lets anyone read them.
  const asset = await payload.findByID({ collection: 'brand-assets', id: assetId, depth: 0, disableErrors: true, overrideAccess: false, user: null })
  return asset?.filename ? readFile(path.join(brandAssetsDir(), path.basename(asset.filename))).catch(() => null) : null
}

/** The awarding body's branding from site settings, as staff set it in the admin. */
export async function branding(payload: Payload): Promise<Branding> {
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: false, user: null })
  const b = settings.branding ?? {}
  const [logo, signature] = await Promise.all([imageBytes(payload, b.logo), imageBytes(payload, b.signature)])
  return {
    awardingBodyName: settings.awardingBodyName,
    portalName: settings.portalName,
    logo,
    signature,
    signatoryName: b.signatoryName,
    signatoryTitle: b.signatoryTitle,
    primaryColour: b.primaryColour || '#1d4f91',
    accentColour: b.accentColour || '#b08d2f',
  }
}

const PRIVATE = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' }

/** Whether the file was rendered for this request or read as kept: visible in a browser's developer tools and to the tests. */
const timing = (rendered: Rendered, started: number) =>
  rendered.from === 'cache' ? 'document;desc="kept"' : `document;desc="rendered";dur=${(performance.now() - started).toFixed(0)}`

/** The document's PDF, rendered once per version of what it prints (plugins/rendered-documents). */
export async function pdfResponse(payload: Payload, printable: Printable, copy: CopyOptions = {}): Promise<Response> {
  const started = performance.now()
  const [facts, look, now] = [factsOf(printable, copy), await branding(payload), new Date()]
  const pdf = await renderedOnce(payload, 'document-pdf', { facts: withShownStatus(facts, now), look }, 'application/pdf', () => renderDocumentPdf(facts, look, now))
  const name = `${printable.document.reference ?? 'document'}.pdf`.replace(/[^A-Za-z0-9._-]/g, '-')
  return new Response(new Uint8Array(pdf.body), {
    headers: { ...PRIVATE, 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${name}"`, 'Server-Timing': timing(pdf, started) },
  })
}

export async function badgeResponse(payload: Payload, printable: Printable, { publicCopy = false } = {}): Promise<Response> {
  const started = performance.now()
  const [facts, look, now] = [factsOf(printable, { publicCopy }), await branding(payload), new Date()]
  const png = await renderedOnce(payload, 'badge-png', { facts: withShownStatus(facts, now), look }, 'image/png', () => renderBadgePng(facts, look, now))
  return new Response(new Uint8Array(png.body), { headers: { ...PRIVATE, 'Content-Type': 'image/png', 'Server-Timing': timing(png, started) } })
}
