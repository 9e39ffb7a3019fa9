import type { Payload } from 'payload'

import { svgToPng } from '../documents/pdf/badge'
import { AS_SEEDER } from './asSeeder'

/** The demo awarding body's look: a logo, its signatory and a signature, so documents look official out of the box. */
export const DEMO_SIGNATORY = { signatoryName: 'Dr Helen Marsh', signatoryTitle: 'Chief Executive' }

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 560 160">
  <path d="M80 8 L148 30 V82 C148 122 118 146 80 156 C42 146 12 122 12 82 V30 Z" fill="#1d4f91"/>
  <path d="M80 20 L136 38 V82 C136 114 112 134 80 143 C48 134 24 114 24 82 V38 Z" fill="none" stroke="#b08d2f" stroke-width="4"/>
  <text x="80" y="100" text-anchor="middle" font-family="Source Serif 4" font-weight="600" font-size="46" fill="#ffffff">IVA</text>
  <text x="172" y="70" font-family="Source Serif 4" font-weight="600" font-size="40" fill="#1d4f91">Institute of</text>
  <text x="172" y="118" font-family="Source Serif 4" font-weight="600" font-size="40" fill="#1d4f91">Vocational Awards</text>
  <rect x="172" y="132" width="300" height="4" fill="#b08d2f"/>
</svg>`

const SIGNATURE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 420 120">
  <g fill="none" stroke="#1b2a4a" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round">
    <path d="M28 88 C34 60 40 34 46 20 M46 20 C44 46 42 70 40 92 M30 58 C52 52 70 50 86 52 M86 52 C84 30 84 18 88 14 C90 40 90 66 88 90"/>
    <path d="M112 86 C118 58 124 44 130 40 C134 56 136 70 138 78 C144 60 150 46 156 42 C160 58 162 74 166 86 C172 70 180 62 190 62 C182 70 180 84 192 84 C200 84 204 74 206 64 C206 76 208 84 216 84 C224 82 228 70 232 62 C236 72 232 84 244 84 C256 82 262 66 262 62 C268 72 272 80 282 82 C292 82 298 72 300 60 C302 40 306 24 312 18 C310 44 308 66 306 86 C312 72 320 64 330 64 C340 66 336 84 346 86 C360 88 380 80 396 70"/>
    <path d="M60 104 C150 96 260 94 380 98"/>
  </g>
</svg>`

type Upload = { description: string; svg: string; width: number; name: string }
const IMAGES: Record<'logo' | 'signature', Upload> = {
  logo: { description: 'Demo logo (Institute of Vocational Awards)', svg: LOGO_SVG, width: 1120, name: 'demo-logo.png' },
  signature: { description: 'Demo signature (Dr Helen Marsh)', svg: SIGNATURE_SVG, width: 840, name: 'demo-signature.png' },
}

// System task: the seed writes as the system.
const AS_SYSTEM = AS_SEEDER

async function ensureImage(payload: Payload, image: Upload): Promise<number | string> {
  const existing = await payload.find({ collection: 'brand-assets', where: { description: { equals: image.description } }, limit: 1, depth: 0, ...AS_SYSTEM })
  if (existing.docs[0]) return existing.docs[0].id
  const data = await svgToPng(image.svg, image.width)
  const created = await payload.create({
    collection: 'brand-assets',
    data: { description: image.description },
    file: { data, mimetype: 'image/png', name: image.name, size: data.length },
    ...AS_SYSTEM,
  })
  return created.id
}

/** Sets the demo logo, signature and signatory, unless staff have chosen branding of their own. */
export async function seedBranding(payload: Payload): Promise<void> {
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0, ...AS_SYSTEM })
  const branding = settings.branding ?? {}
  if (branding.logo || branding.signature || branding.signatoryName) return
  const [logo, signature] = await Promise.all([ensureImage(payload, IMAGES.logo), ensureImage(payload, IMAGES.signature)])
  await payload.updateGlobal({
    slug: 'site-settings',
    data: { branding: { ...branding, ...DEMO_SIGNATORY, logo: logo as number, signature: signature as number } },
    ...AS_SYSTEM,
  })
}
