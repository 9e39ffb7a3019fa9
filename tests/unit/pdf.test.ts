import { beforeAll, describe, expect, it } from 'vitest'

import { type Branding, type DocumentFacts, qrCodeFor, renderBadgePng, renderDocumentPdf } from '../../src/documents/pdf'
import { svgToPng } from '../../src/documents/pdf/badge'
import { formatDate, formatLevel, safeColour } from '../../src/documents/pdf/format'
import { decodeQr, flatText, overlappingWords, pageCount, pageJpeg, pdfImages, pdfInfo, pdfText, pngSize, pngText, renderPage, sampleBranding, sampleFacts, sampleUnits, wordBoxes } from '../helpers/pdf'

/**
 * Real rendering, no mocks: each document is rendered with @react-pdf/renderer, then read
 * back with MuPDF (text, word boxes, page images) and its QR code decoded with jsQR
 * from the page image, as a phone would read a printed copy.
 */

const LONG_NAME = 'Maximilian Alexander Fitzgerald-Worthington-Montgomery Smyth' // 60 characters
const LONG_TITLE =
  'Level 3 Extended Diploma in Advanced Professional Practice for Health, Social Care and Community Support Services with Leadership, Management and Quality Improvement (Adult Residential Care: Pathways)' // 200 characters

let branding: Branding

beforeAll(async () => {
  branding = await sampleBranding()
})

const A4_PORTRAIT = /^595\.2\d* x 841\.8\d* pts \(A4\)$/
const A4_LANDSCAPE = /^841\.8\d* x 595\.2\d* pts \(A4\)$/

/** The facts every document must print, as they appear in its text. */
function expectFacts(pdf: Buffer, facts: DocumentFacts) {
  const text = flatText(pdf)
  expect(text).toContain(facts.fullName)
  expect(text).toContain(facts.reference)
  expect(text).toContain(facts.qualificationNumber)
  expect(text).toContain(facts.qualificationTitle)
  expect(text).toContain(facts.grade)
  expect(text).toContain('15/06/2024') // issueDate 2024-06-15 as dd/mm/yyyy
  expect(text).toContain(facts.verifyUrl)
}

/** The QR code on page 1 as a phone would scan a print: 150 dpi image, decoded. */
function expectQrOnPage1(pdf: Buffer, url: string) {
  expect(decodeQr(renderPage(pdf, { page: 1, dpi: 150 }))).toBe(url)
}

function expectValidPdf(pdf: Buffer) {
  expect(Buffer.isBuffer(pdf)).toBe(true)
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
}

/**
 * No word lies outside the page's margins (nothing overflows or is cut off), and none runs
 * into another. `x` and `y` are the side and top/bottom margins in points.
 */
function expectInsideMargins(pdf: Buffer, { x, y, overlaps = true }: { x: number; y: number; overlaps?: boolean }) {
  const words = wordBoxes(pdf)
  expect(words.length).toBeGreaterThan(20)
  const outside = words.filter((w) => w.xMin < x || w.yMin < y || w.xMax > w.pageWidth - x || w.yMax > w.pageHeight - y)
  expect(outside).toEqual([])
  if (overlaps) expect(overlappingWords(pdf)).toEqual([])
}

describe('certificate', () => {
  it('is a one-page A4 PDF carrying every fact and a QR code that scans to its verification address', async () => {
    const facts = sampleFacts()
    const pdf = await renderDocumentPdf(facts, branding)
    expectValidPdf(pdf)
    const info = pdfInfo(pdf)
    expect(info['Page size']).toMatch(A4_LANDSCAPE)
    expect(info['Pages']).toBe('1')
    expectFacts(pdf, facts)
    const text = flatText(pdf)
    expect(text).toContain('This is to certify that')
    expect(text).toContain('has been awarded')
    expect(text).toContain(facts.candidateNumber)
    expect(text).toContain(facts.centre)
    expect(text).toContain('Level 3')
    expect(text).toContain(`Check this certificate at ${facts.verifyUrl}`)
    expect(text).toContain('Dr Helen Marsh')
    expect(text).not.toMatch(/REVOKED|SUPERSEDED/)
    expectQrOnPage1(pdf, facts.verifyUrl)
  })

  it('keeps a 60-character name and a 200-character title whole, inside the frame, on one page', async () => {
    expect(LONG_NAME).toHaveLength(60)
    expect(LONG_TITLE).toHaveLength(200)
    const facts = sampleFacts({ fullName: LONG_NAME, qualificationTitle: LONG_TITLE })
    const pdf = await renderDocumentPdf(facts, branding)
    expect(pageCount(pdf)).toBe(1)
    expectFacts(pdf, facts)
    expect(pdfText(pdf)).toContain(LONG_NAME) // on one line, unbroken
    expectInsideMargins(pdf, { x: 26, y: 26 }) // the inner frame
    expectQrOnPage1(pdf, facts.verifyUrl)
  })

  it('prints names outside the PDF base fonts (Polish, Turkish) exactly', async () => {
    const facts = sampleFacts({ fullName: 'Łucja Wąsowska-Şahin', level: 'Entry', centre: null, awardDate: null, expiryDate: '2027-06-14' })
    const pdf = await renderDocumentPdf(facts, { ...branding, logo: null, signature: null, signatoryName: null, signatoryTitle: null })
    const text = flatText(pdf)
    expect(text).toContain('Łucja Wąsowska-Şahin')
    expect(text).toContain('Entry Level')
    expect(text).toContain('14/06/2027')
    expect(text).toMatch(/ISSUED BY Institute of Professional Skills/)
    expect(pageCount(pdf)).toBe(1)
  })

  it('marks a revoked certificate REVOKED, and its QR code still scans', async () => {
    const facts = sampleFacts({ status: 'revoked' })
    const pdf = await renderDocumentPdf(facts, branding)
    expect(pageCount(pdf)).toBe(1)
    const text = flatText(pdf)
    expect(text).toContain('REVOKED')
    expect(text).toContain('no longer valid')
    expectQrOnPage1(pdf, facts.verifyUrl)
  })

  it('marks a certificate EXPIRED, with the date, from the day after its expiry date (London), and not before', async () => {
    const facts = sampleFacts({ expiryDate: '2018-12-31' })
    const expired = await renderDocumentPdf(facts, branding, new Date('2019-01-01T00:00:00.000Z'))
    expect(pageCount(expired)).toBe(1)
    const text = flatText(expired)
    expect(text).toContain('This award EXPIRED on 31/12/2018 and is no longer valid.')
    expect(text.split('EXPIRED').length - 1).toBe(2) // the banner and the diagonal stamp
    expectQrOnPage1(expired, facts.verifyUrl)
    const lastDay = flatText(await renderDocumentPdf(facts, branding, new Date('2018-12-31T23:59:00.000Z')))
    expect(lastDay).not.toContain('EXPIRED')
    // A revoked document stays revoked, whatever its expiry date.
    const revoked = flatText(await renderDocumentPdf(sampleFacts({ status: 'revoked', expiryDate: '2018-12-31' }), branding, new Date('2026-01-01T00:00:00.000Z')))
    expect(revoked).toContain('REVOKED')
    expect(revoked).not.toContain('EXPIRED')
  })

  it('a transcript and a letter of an expired award say so too', async () => {
    for (const type of ['transcript', 'proof-letter'] as const) {
      const text = flatText(await renderDocumentPdf(sampleFacts({ type, expiryDate: '2018-12-31', units: sampleUnits(3) }), branding, new Date('2026-12-01T09:00:00.000Z')))
      expect(text, type).toContain('This award EXPIRED on 31/12/2018 and is no longer valid.')
    }
  })
})

describe('transcript', () => {
  it('is an A4 portrait PDF with the units, the facts and a QR code that scans', async () => {
    const facts = sampleFacts({ type: 'transcript', reference: 'TRN-2024-000124', units: sampleUnits(8) })
    const pdf = await renderDocumentPdf(facts, branding)
    expectValidPdf(pdf)
    const info = pdfInfo(pdf)
    expect(info['Page size']).toMatch(A4_PORTRAIT)
    expect(info['Pages']).toBe('1')
    expectFacts(pdf, facts)
    const text = flatText(pdf)
    for (const unit of facts.units!) expect(text).toContain(unit.code)
    expect(text).toContain(`Total credits ${facts.units!.reduce((sum, unit) => sum + unit.credits, 0)}`) // 43
    expect(text).toContain('Page 1 of 1')
    expectQrOnPage1(pdf, facts.verifyUrl)
  })

  it('flows 60 units onto more pages with the header and page numbers repeated, and totals the credits', async () => {
    const units = sampleUnits(60)
    const total = units.reduce((sum, unit) => sum + unit.credits, 0)
    expect(total).toBe(360)
    const facts = sampleFacts({ type: 'transcript', reference: 'TRN-2024-000125', units })
    const pdf = await renderDocumentPdf(facts, branding)
    const pages = pageCount(pdf)
    expect(pages).toBeGreaterThan(1)
    expect(flatText(pdf)).toContain(`Total credits ${total}`)
    for (let page = 1; page <= pages; page++) {
      const text = pdfText(pdf, { page }).replace(/\s+/g, ' ')
      expect(text).toContain(`Page ${page} of ${pages}`)
      expect(text).toContain(facts.reference)
      expect(text).toContain(facts.fullName)
      expect(text).toContain('UNIT TITLE') // table heading repeated
      expect(text).toContain(`Check this transcript at ${facts.verifyUrl}`)
    }
    // every unit printed exactly once
    const all = flatText(pdf)
    for (const unit of units) expect(all.split(unit.code).length - 1).toBe(1)
    expectQrOnPage1(pdf, facts.verifyUrl)
  })

  it('keeps long names and titles inside the margins', async () => {
    const facts = sampleFacts({ type: 'transcript', fullName: LONG_NAME, qualificationTitle: LONG_TITLE, units: [...sampleUnits(5), { code: 'U/999/9999', title: `${LONG_TITLE} (unit)`, credits: 12, grade: 'Merit' }] })
    const pdf = await renderDocumentPdf(facts, branding)
    expectFacts(pdf, facts)
    expectInsideMargins(pdf, { x: 43, y: 20 }) // side margins 44 points (less 1 for rounding); header and footer sit in the top and bottom margins
    expect(flatText(pdf)).toContain('Total credits 38')
  })
})

describe('proof-of-qualification letter', () => {
  it('is an A4 portrait letter confirming the award, with the recipient address and a QR code that scans', async () => {
    const facts = sampleFacts({ type: 'proof-letter', reference: 'PQL-2024-000126', recipientAddress: ['Human Resources', 'Northgate Engineering Ltd', '14 Wellington Street', 'Leeds', 'LS1 4DL'] })
    const pdf = await renderDocumentPdf(facts, branding)
    expectValidPdf(pdf)
    const info = pdfInfo(pdf)
    expect(info['Page size']).toMatch(A4_PORTRAIT)
    expect(info['Pages']).toBe('1')
    expectFacts(pdf, facts)
    const text = flatText(pdf)
    expect(text).toContain('To whom it may concern')
    expect(text).toContain('Northgate Engineering Ltd 14 Wellington Street Leeds LS1 4DL')
    expect(text).toContain(
      'Institute of Professional Skills confirms that Claire Elizabeth Hammond (candidate number 02956700) was awarded the Level 3 Diploma in Business Administration (qualification number 603/4182/8, Level 3) with the grade Distinction on 31/05/2024, through Riverside College, Leeds.',
    )
    expect(text).toContain(`Check this letter at ${facts.verifyUrl}`)
    expect(text).toContain('Yours faithfully')
    expectQrOnPage1(pdf, facts.verifyUrl)
  })

  it('marks a superseded letter SUPERSEDED and keeps long values inside the margins', async () => {
    const facts = sampleFacts({ type: 'proof-letter', status: 'superseded', fullName: LONG_NAME, qualificationTitle: LONG_TITLE })
    const pdf = await renderDocumentPdf(facts, branding)
    expect(pageCount(pdf)).toBe(1)
    expect(flatText(pdf)).toContain('SUPERSEDED')
    expectFacts(pdf, facts)
    expectInsideMargins(pdf, { x: 20, y: 20, overlaps: false }) // the diagonal watermark lies over the text
    expectQrOnPage1(pdf, facts.verifyUrl)
    const valid = await renderDocumentPdf({ ...facts, status: 'valid', recipientAddress: ['Human Resources', 'Northgate Engineering Ltd', 'Leeds LS1 4DL'] }, branding)
    expect(pageCount(valid)).toBe(1)
    expectInsideMargins(valid, { x: 55, y: 20 }) // side margins 56 points (less 1 for rounding)
  })
})

describe('text layer across many documents in one process', () => {
  // fontkit caches the first Glyph made for each glyph id; the font subsetter used to make
  // "." without its character (it is a component of "·"), so every later document lost its
  // full stops from the text layer and broke lines in mid-word ("valid o / nly").
  it('stays exact after other documents have been rendered', async () => {
    await renderDocumentPdf(sampleFacts(), branding) // has "·", "fi" ligatures, URLs
    await renderDocumentPdf(sampleFacts({ type: 'transcript', units: sampleUnits(12) }), branding)
    const letter = await renderDocumentPdf(sampleFacts({ type: 'proof-letter' }), branding)
    const lines = pdfText(letter).split('\n')
    const text = lines.join(' ').replace(/\s+/g, ' ')
    expect(text).toContain('or visit https://portal.example.org/verify/7Kq2Xw9PzR4mTb6N. The page is kept by Institute of Professional Skills and shows at once')
    expect(text).toContain('(qualification number 603/4182/8, Level 3)')
    expect(text).not.toMatch(/\uFB01|\uFB02/) // ligatures read back as "fi", "fl"
    // no line starts or ends inside a word of the confirmation paragraph
    for (const line of lines) expect(line).not.toMatch(/^(?:nly|s kept|t the|03\/4182) /)
    const transcript = await renderDocumentPdf(sampleFacts({ type: 'transcript', units: sampleUnits(60) }), branding)
    expect(flatText(transcript)).toContain('This transcript lists the units that make up the award above. It is valid only with the matching certificate')
  })
})

describe('concurrent renders', () => {
  it('keeps each document to its own facts when several render at once', async () => {
    const names = ['Alice Aardvark', 'Bob Bobbington', 'Carol Cartwright', 'Dev Dhillon']
    const types = ['certificate', 'transcript', 'proof-letter', 'certificate'] as const
    const pdfs = await Promise.all(names.map((fullName, i) => renderDocumentPdf(sampleFacts({ fullName, type: types[i]!, reference: `REF-${i}`, units: sampleUnits(30 + i) }), branding)))
    pdfs.forEach((pdf, i) => {
      const text = flatText(pdf)
      expect(text).toContain(names[i])
      expect(text).toContain(`REF-${i}`)
      expect(names.filter((name, j) => j !== i && text.includes(name))).toEqual([])
    })
  })
})

describe('badge', () => {
  it('is a 600 x 600 PNG that names its verification address', async () => {
    const facts = sampleFacts()
    const png = await renderBadgePng(facts, branding)
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(pngSize(png)).toEqual({ width: 600, height: 600 })
    const text = pngText(png)
    expect(text['URL']).toBe(facts.verifyUrl)
    expect(text['Description']).toContain(facts.fullName)
    expect(text['Title']).toContain(facts.qualificationTitle)
  })

  it('renders a revoked badge with a long name and title, and escapes markup in the facts', async () => {
    const facts = sampleFacts({ status: 'revoked', fullName: `${LONG_NAME.slice(0, 50)} <O'Neil & Co>`, qualificationTitle: LONG_TITLE })
    const png = await renderBadgePng(facts, { ...branding, primaryColour: '"/><script>', accentColour: 'red' })
    expect(pngSize(png)).toEqual({ width: 600, height: 600 })
    expect(pngText(png)['Description']).toContain("<O'Neil & Co>")
  })
})

describe('QR code and formatting helpers', () => {
  it('qrCodeFor gives an SVG whose code scans to the address', async () => {
    const url = 'https://portal.example.org/verify/Zz9Yy8Xx7Ww6Vv5U'
    const svg = await qrCodeFor(url)
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/)
    expect(decodeQr(await svgToPng(svg, 300))).toBe(url)
  })

  it('prints dates as dd/mm/yyyy in London and levels in words', () => {
    expect(formatDate('2024-06-15')).toBe('15/06/2024')
    expect(formatDate('2024-03-31T23:30:00.000Z')).toBe('01/04/2024') // 00:30 BST
    expect(formatDate('2024-01-31T23:30:00.000Z')).toBe('31/01/2024') // GMT
    expect(() => formatDate('soon')).toThrow(/Not a date/)
    expect(formatLevel('3')).toBe('Level 3')
    expect(formatLevel('Entry')).toBe('Entry Level')
    expect(formatLevel('entry 3')).toBe('Entry Level 3')
    expect(formatLevel('')).toBeNull()
    expect(safeColour('#1D4F91', '#000000')).toBe('#1d4f91')
    expect(safeColour('red; background: url(x)', '#000000')).toBe('#000000')
  })

  it('embeds a JPEG logo as it is and a transparent PNG logo flattened once', async () => {
    const jpeg = pageJpeg(await renderDocumentPdf(sampleFacts(), branding))
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
    const withJpeg = await renderDocumentPdf(sampleFacts(), { ...branding, logo: jpeg, signature: null })
    expect(pdfImages(withJpeg)).toEqual([expect.objectContaining({ enc: 'jpeg' })])
    const withPng = await renderDocumentPdf(sampleFacts(), branding)
    // logo and signature, no soft masks (alpha channels) to decode for every document
    expect(pdfImages(withPng).map((image) => image.enc)).toEqual(['image', 'image'])
    expect(pageCount(withJpeg)).toBe(1)
  })

  it('renders without a logo when the logo bytes are not an image', async () => {
    const pdf = await renderDocumentPdf(sampleFacts(), { ...branding, logo: Buffer.from('this is not an image, just some text bytes'), signature: null })
    expect(pageCount(pdf)).toBe(1)
    expect(flatText(pdf)).toContain('Claire Elizabeth Hammond')
  })
})
