import jsQR from 'jsqr'
import * as mupdf from 'mupdf'
import { PNG } from 'pngjs'

import { svgToPng } from '../../src/documents/pdf/badge'
import type { Branding, DocumentFacts } from '../../src/documents/pdf'

// PDFs are read back with MuPDF (WebAssembly, from npm), so the tests need nothing installed
// beyond `npm ci`. Page coordinates are points from the top-left corner, as pdftotext gives.

/** Opens the PDF bytes, lets `read` look at them, then frees MuPDF's memory. */
function withPdf<T>(pdf: Buffer, read: (doc: mupdf.PDFDocument) => T): T {
  const doc = new mupdf.PDFDocument(pdf)
  try {
    return read(doc)
  } finally {
    doc.destroy()
  }
}

function withPage<T>(doc: mupdf.PDFDocument, index: number, read: (page: mupdf.PDFPage) => T): T {
  const page = doc.loadPage(index)
  try {
    return read(page)
  } finally {
    page.destroy()
  }
}

/** Each page's text in the order it is drawn, lines as MuPDF groups the characters. */
function pageTexts(pdf: Buffer, only?: number): string[] {
  return withPdf(pdf, (doc) => {
    const indexes = only ? [only - 1] : Array.from({ length: doc.countPages() }, (_, i) => i)
    return indexes.map((index) =>
      withPage(doc, index, (page) => {
        const text = page.toStructuredText('')
        try {
          return text.asText()
        } finally {
          text.destroy()
        }
      }),
    )
  })
}

/** The PDF's text, of all pages (each ended by a form feed, as pdftotext does) or of one. */
export function pdfText(pdf: Buffer, { page }: { page?: number } = {}): string {
  return pageTexts(pdf, page)
    .map((text) => `${text}\f`)
    .join('')
}

/**
 * The text in the order it is drawn (so a block beside another is not interleaved with it
 * line by line), every run of whitespace made one space.
 */
export function flatText(pdf: Buffer): string {
  return pdfText(pdf).replace(/\s+/g, ' ')
}

export type WordBox = { page: number; pageWidth: number; pageHeight: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }

/** Every word with its box in points (the union of its characters' boxes), to check nothing runs off the page. */
export function wordBoxes(pdf: Buffer): WordBox[] {
  return withPdf(pdf, (doc) => {
    const words: WordBox[] = []
    for (let index = 0; index < doc.countPages(); index++) {
      withPage(doc, index, (page) => {
        const [x0, y0, x1, y1] = page.getBounds()
        const frame = { page: index + 1, pageWidth: x1 - x0, pageHeight: y1 - y0 }
        let word: WordBox | null = null
        const endWord = () => {
          if (word) words.push(word)
          word = null
        }
        const text = page.toStructuredText('')
        try {
          text.walk({
            onChar(char, _origin, _font, _size, quad) {
              if (/\s/.test(char)) return endWord()
              const xs = [quad[0], quad[2], quad[4], quad[6]]
              const ys = [quad[1], quad[3], quad[5], quad[7]]
              word ??= { ...frame, text: '', xMin: Infinity, yMin: Infinity, xMax: -Infinity, yMax: -Infinity }
              word.text += char
              word.xMin = Math.min(word.xMin, ...xs)
              word.yMin = Math.min(word.yMin, ...ys)
              word.xMax = Math.max(word.xMax, ...xs)
              word.yMax = Math.max(word.yMax, ...ys)
            },
            endLine: endWord,
          })
        } finally {
          text.destroy()
        }
      })
    }
    return words
  })
}

/** A number as pdfinfo prints it (printf's %g). */
const asG = (value: number) => String(Number(value.toPrecision(6)))

const PAPER_SIZES: Array<[name: string, short: number, long: number]> = [
  ['A3', 841.89, 1190.55],
  ['A4', 595.28, 841.89],
  ['A5', 419.53, 595.28],
  ['letter', 612, 792],
]

/** pdfinfo's fields: Pages, Page size (of page 1, e.g. "595.28 x 841.89 pts (A4)"), Title, … */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  return withPdf(pdf, (doc) => {
    const info: Record<string, string> = {}
    for (const key of ['Title', 'Subject', 'Keywords', 'Author', 'Creator', 'Producer']) {
      const value = doc.getMetaData(`info:${key}`)
      if (value) info[key] = value
    }
    info['Pages'] = String(doc.countPages())
    const [x0, y0, x1, y1] = withPage(doc, 0, (page) => page.getBounds())
    const [width, height] = [x1 - x0, y1 - y0]
    const paper = PAPER_SIZES.find(([, short, long]) => Math.abs(Math.min(width, height) - short) < 1 && Math.abs(Math.max(width, height) - long) < 1)
    info['Page size'] = `${asG(width)} x ${asG(height)} pts${paper ? ` (${paper[0]})` : ''}`
    info['PDF version'] = doc.getMetaData('format')?.replace(/^PDF /, '') ?? ''
    return info
  })
}

export function pageCount(pdf: Buffer): number {
  return withPdf(pdf, (doc) => doc.countPages())
}

function renderPixmap(pdf: Buffer, page: number, dpi: number, encode: (pixmap: mupdf.Pixmap) => Uint8Array): Buffer {
  return withPdf(pdf, (doc) =>
    withPage(doc, page - 1, (loaded) => {
      const pixmap = loaded.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false, true)
      try {
        return Buffer.from(encode(pixmap))
      } finally {
        pixmap.destroy()
      }
    }),
  )
}

/** One page rendered as PNG bytes, white background, at `dpi` dots per inch. */
export function renderPage(pdf: Buffer, { page = 1, dpi = 150 }: { page?: number; dpi?: number } = {}): Buffer {
  return renderPixmap(pdf, page, dpi, (pixmap) => pixmap.asPNG())
}

/** Page 1 as a small JPEG: a ready-made JPEG file for logo tests. */
export function pageJpeg(pdf: Buffer, dpi = 20): Buffer {
  return renderPixmap(pdf, 1, dpi, (pixmap) => pixmap.asJPEG(75))
}

/** How pdfimages names an image stream's encoding, from its last filter. */
function encodingOf(image: mupdf.PDFObject): string {
  const filter = image.get('Filter')
  const last = filter.isArray() ? filter.get(filter.length - 1) : filter
  const name = last.isName() ? last.asName() : ''
  return { DCTDecode: 'jpeg', JPXDecode: 'jp2', JBIG2Decode: 'jbig2', CCITTFaxDecode: 'ccitt' }[name] ?? 'image'
}

/**
 * The images the pages use, as pdfimages -list counts them: width, height and encoding of
 * each, and a soft mask (alpha channel) or mask counted as an image of its own after its image.
 */
export function pdfImages(pdf: Buffer): Array<{ width: number; height: number; enc: string }> {
  return withPdf(pdf, (doc) => {
    const images: Array<{ width: number; height: number; enc: string }> = []
    const add = (image: mupdf.PDFObject) => images.push({ width: image.get('Width').asNumber(), height: image.get('Height').asNumber(), enc: encodingOf(image) })
    const visit = (resources: mupdf.PDFObject) => {
      resources.get('XObject').forEach((value) => {
        const object = value.resolve()
        const subtype = object.get('Subtype').isName() ? object.get('Subtype').asName() : ''
        if (subtype === 'Form') visit(object.get('Resources'))
        if (subtype !== 'Image') return
        add(object)
        for (const mask of [object.get('SMask'), object.get('Mask')]) if (mask.isStream()) add(mask.resolve())
      })
    }
    for (let index = 0; index < doc.countPages(); index++) withPage(doc, index, (page) => visit(page.getObject().getInheritable('Resources')))
    return images
  })
}

/** The text of the QR code in a PNG image (decoded with jsQR), or null when none is found. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  const found = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)
  return found?.data ?? null
}

export function pngSize(png: Buffer): { width: number; height: number } {
  const image = PNG.sync.read(png)
  return { width: image.width, height: image.height }
}

/** The PNG's iTXt/tEXt entries by keyword. */
export function pngText(png: Buffer): Record<string, string> {
  const entries: Record<string, string> = {}
  let offset = 8
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'tEXt' || type === 'iTXt') {
      const nul = data.indexOf(0)
      const keyword = data.toString('latin1', 0, nul)
      if (type === 'tEXt') entries[keyword] = data.toString('latin1', nul + 1)
      else {
        // keyword \0 flag method language \0 translated \0 text
        let at = nul + 3
        at = data.indexOf(0, at) + 1
        at = data.indexOf(0, at) + 1
        entries[keyword] = data.toString('utf8', at)
      }
    }
    offset += 12 + length
  }
  return entries
}

/**
 * Pairs of words drawn over each other on the same page (text running into text). Boxes are
 * the fonts' full ascent-to-descent height, so lines set close together touch a little: only
 * an overlap of more than 40 % of the smaller height counts.
 */
export function overlappingWords(pdf: Buffer): Array<[string, string]> {
  const words = wordBoxes(pdf)
  const pairs: Array<[string, string]> = []
  for (let i = 0; i < words.length; i++) {
    const a = words[i]!
    for (let j = i + 1; j < words.length; j++) {
      const b = words[j]!
      if (a.page !== b.page) continue
      const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin)
      const y = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin)
      if (x > 0.5 && y > 0.4 * Math.min(a.yMax - a.yMin, b.yMax - b.yMin)) pairs.push([a.text, b.text])
    }
  }
  return pairs
}

// ---------------------------------------------------------------------------------------
// Sample data: a plausible awarding body with a transparent PNG logo and signature.

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="120" viewBox="0 0 360 120">
  <path d="M20 10 H92 V58 C92 88 70 104 56 112 C42 104 20 88 20 58 Z" fill="#1d4f91"/>
  <path d="M28 18 H84 V58 C84 82 67 95 56 102 C45 95 28 82 28 58 Z" fill="none" stroke="#b08d3c" stroke-width="3"/>
  <path d="M36 52 L56 34 L76 52 L76 62 L56 44 L36 62 Z" fill="#b08d3c"/>
  <text x="56" y="88" font-family="Source Serif 4" font-weight="600" font-size="20" fill="#ffffff" text-anchor="middle">IPS</text>
  <text x="108" y="52" font-family="Source Serif 4" font-weight="600" font-size="27" fill="#1d4f91">Institute of</text>
  <text x="108" y="84" font-family="Source Serif 4" font-weight="600" font-size="27" fill="#1d4f91">Professional Skills</text>
</svg>`

const SIGNATURE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="90" viewBox="0 0 300 90">
  <path d="M12 62 C30 20 44 14 46 30 C48 48 30 70 38 72 C50 74 62 34 74 36 C84 38 70 66 82 66 C96 66 104 40 116 42 C126 44 114 64 126 64 C142 64 150 30 168 32 C182 34 170 62 184 60 C200 58 210 44 226 46 C240 48 236 60 252 56 C266 52 276 44 290 40"
    fill="none" stroke="#1b2a4a" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M60 78 C120 70 200 72 260 66" fill="none" stroke="#1b2a4a" stroke-width="2" stroke-linecap="round"/>
</svg>`

let images: Promise<{ logo: Buffer; signature: Buffer }> | null = null

/** The sample logo and signature as transparent PNGs (made once, with the project's SVG renderer). */
export function sampleImages(): Promise<{ logo: Buffer; signature: Buffer }> {
  images ??= Promise.all([svgToPng(LOGO_SVG, 720), svgToPng(SIGNATURE_SVG, 600)]).then(([logo, signature]) => ({ logo, signature }))
  return images
}

export async function sampleBranding(overrides: Partial<Branding> = {}): Promise<Branding> {
  const { logo, signature } = await sampleImages()
  return {
    awardingBodyName: 'Institute of Professional Skills',
    portalName: 'IPS Achievement Portal',
    logo,
    signatoryName: 'Dr Helen Marsh',
    signatoryTitle: 'Chief Executive and Registrar',
    signature,
    primaryColour: '#1d4f91',
    accentColour: '#b08d3c',
    ...overrides,
  }
}

const UNIT_TITLES = [
  'Principles of health and safety in the workplace',
  'Communication skills for professional practice',
  'Managing personal and professional development',
  'Quality assurance and continuous improvement',
  'Data handling and information security',
  'Working with customers and stakeholders',
  'Planning, monitoring and reviewing projects',
  'Equality, diversity and inclusion at work',
  'Financial awareness for team leaders',
  'Problem solving and decision making',
]

export function sampleUnits(count: number): NonNullable<DocumentFacts['units']> {
  return Array.from({ length: count }, (_, i) => ({
    code: `U/${String(600 + i).padStart(3, '0')}/${String(1000 + i * 7).slice(-4)}`,
    title: UNIT_TITLES[i % UNIT_TITLES.length]!,
    credits: [3, 4, 5, 6, 8, 10][i % 6]!,
    grade: ['Pass', 'Merit', 'Distinction'][i % 3]!,
  }))
}

export function sampleFacts(overrides: Partial<DocumentFacts> = {}): DocumentFacts {
  return {
    type: 'certificate',
    reference: 'CERT-2024-000123',
    fullName: 'Claire Elizabeth Hammond',
    candidateNumber: '02956700',
    qualificationNumber: '603/4182/8',
    qualificationTitle: 'Level 3 Diploma in Business Administration',
    level: '3',
    grade: 'Distinction',
    issueDate: '2024-06-15',
    awardDate: '2024-05-31',
    centre: 'Riverside College, Leeds',
    expiryDate: null,
    units: sampleUnits(8),
    verifyUrl: 'https://portal.example.org/verify/7Kq2Xw9PzR4mTb6N',
    status: 'valid',
    recipientAddress: null,
    ...overrides,
  }
}
