import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import jsQR from 'jsqr'
import { PNG } from 'pngjs'

import { svgToPng } from '../../src/documents/pdf/badge'
import type { Branding, DocumentFacts } from '../../src/documents/pdf'

/** Runs a poppler-utils tool on PDF bytes in a throwaway folder. */
function withPdf<T>(pdf: Buffer, work: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdf-test-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    writeFileSync(file, pdf)
    return work(file, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The PDF's text as pdftotext reads it (reading order, not layout), of all pages or one. */
export function pdfText(pdf: Buffer, { page }: { page?: number } = {}): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : []
  return withPdf(pdf, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8' }))
}

/**
 * The text in the order it is drawn (pdftotext -raw, so a block beside another is not
 * interleaved with it line by line), every run of whitespace made one space.
 */
export function flatText(pdf: Buffer): string {
  return withPdf(pdf, (file) => execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })).replace(/\s+/g, ' ')
}

export type WordBox = { page: number; pageWidth: number; pageHeight: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }

/** Every word with its box in points (pdftotext -bbox), to check nothing runs off the page. */
export function wordBoxes(pdf: Buffer): WordBox[] {
  const html = withPdf(pdf, (file) => execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }))
  const words: WordBox[] = []
  let page = 0
  let pageWidth = 0
  let pageHeight = 0
  for (const match of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (match[1]) {
      page += 1
      pageWidth = Number(match[1])
      pageHeight = Number(match[2])
    } else {
      words.push({ page, pageWidth, pageHeight, text: match[7]!, xMin: Number(match[3]), yMin: Number(match[4]), xMax: Number(match[5]), yMax: Number(match[6]) })
    }
  }
  return words
}

/** pdfinfo's fields: Pages, Page size (of page 1), Title, … */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withPdf(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }))
  return Object.fromEntries(
    out
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!.trim(), m[2]!.trim()]),
  )
}

export function pageCount(pdf: Buffer): number {
  return Number(pdfInfo(pdf)['Pages'])
}

/** One page rendered with pdftoppm as PNG bytes. */
export function renderPage(pdf: Buffer, { page = 1, dpi = 150 }: { page?: number; dpi?: number } = {}): Buffer {
  return withPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', String(page), '-l', String(page), file, path.join(dir, 'page')])
    const png = readdirSync(dir).find((name) => name.startsWith('page') && name.endsWith('.png'))
    if (!png) throw new Error('pdftoppm wrote no image')
    return readFileSync(path.join(dir, png))
  })
}

/** Page 1 as a small JPEG (pdftoppm -jpeg): a ready-made JPEG file for logo tests. */
export function pageJpeg(pdf: Buffer, dpi = 20): Buffer {
  return withPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-jpeg', '-f', '1', '-l', '1', file, path.join(dir, 'page')])
    const jpg = readdirSync(dir).find((name) => name.startsWith('page') && name.endsWith('.jpg'))
    if (!jpg) throw new Error('pdftoppm wrote no JPEG')
    return readFileSync(path.join(dir, jpg))
  })
}

/** The images a PDF embeds (pdfimages -list): width, height and encoding of each. */
export function pdfImages(pdf: Buffer): Array<{ width: number; height: number; enc: string }> {
  const out = withPdf(pdf, (file) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }))
  return out
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length > 9)
    .map((cols) => ({ width: Number(cols[3]), height: Number(cols[4]), enc: cols[8]! }))
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
