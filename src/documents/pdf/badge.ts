import { readFileSync } from 'node:fs'
import zlib from 'node:zlib'

import { initWasm, Resvg } from '@resvg/resvg-wasm'

import { fontFile, packageFile } from './fonts'
import { coloursOf, formatDate, formatLevel, STATUS_WORD, withShownStatus } from './format'
import { prepareImage } from './images'
import type { Branding, DocumentFacts } from './types'

export const BADGE_SIZE = 600

// The bundled faces by family and weight (as resvg matches them: family name plus weight).
const FAMILY = {
  serif: { family: 'Source Serif 4', weight: 400 },
  serifSemiBold: { family: 'Source Serif 4', weight: 600 },
  sans: { family: 'Source Sans 3', weight: 400 },
  sansSemiBold: { family: 'Source Sans 3', weight: 600 },
} as const
type Face = (typeof FAMILY)[keyof typeof FAMILY]

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
}

/** Greedy word wrap by an estimated width (characters x average advance); long words are cut. */
function wrap(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/)
  const lines: string[] = []
  let line = ''
  for (let word of words) {
    while (word.length > maxChars) {
      if (line) lines.push(line)
      lines.push(word.slice(0, maxChars))
      word = word.slice(maxChars)
      line = ''
    }
    if (!line) line = word
    else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/\s*\S{0,12}$/, '').trimEnd()}…`
  return kept
}

/** Fits `text` on up to `maxLines` lines of `width` px: the largest size from `sizes` that fits. */
function fitLines(text: string, width: number, sizes: number[], maxLines: number, em: number): { size: number; lines: string[] } {
  for (const size of sizes) {
    const maxChars = Math.floor(width / (size * em))
    const lines = wrap(text, maxChars, Number.MAX_SAFE_INTEGER)
    if (lines.length <= maxLines) return { size, lines }
  }
  const size = sizes[sizes.length - 1]!
  return { size, lines: wrap(text, Math.floor(width / (size * em)), maxLines) }
}

/** A URL on one line if it fits at 10 px or more, else split after a '/' (never hyphenated). */
function urlLines(url: string, width: number): { size: number; lines: string[] } {
  for (const size of [13, 12, 11, 10]) if (url.length * size * 0.5 <= width) return { size, lines: [url] }
  const size = 11
  const maxChars = Math.floor(width / (size * 0.5))
  const lines: string[] = []
  let rest = url
  while (rest.length > maxChars) {
    const cut = rest.lastIndexOf('/', maxChars - 1)
    const at = cut > 8 ? cut + 1 : maxChars
    lines.push(rest.slice(0, at))
    rest = rest.slice(at)
  }
  lines.push(rest)
  return { size, lines }
}

function textLines(lines: string[], { y, size, lineHeight, family, fill, extra = '' }: { y: number; size: number; lineHeight: number; family: Face; fill: string; extra?: string }): string {
  return lines
    .map(
      (line, i) =>
        `<text x="300" y="${(y + i * size * lineHeight).toFixed(1)}" font-family="${family.family}" font-weight="${family.weight}" font-size="${size}" fill="${fill}" text-anchor="middle"${extra}>${escapeXml(line)}</text>`,
    )
    .join('')
}

/**
 * The badge as an SVG document (600 x 600): a round seal in the awarding body's colours with
 * the qualification, grade, name, issue date and the verification address. Text is drawn
 * with the same bundled typefaces as the PDFs.
 */
export function renderBadgeSvg(facts: DocumentFacts, branding: Branding): string {
  const colours = coloursOf(branding)
  const level = formatLevel(facts.level)
  const logo = prepareImage(branding.logo, 'logo')
  const parts: string[] = []
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_SIZE}" height="${BADGE_SIZE}" viewBox="0 0 600 600">`)
  parts.push(`<circle cx="300" cy="300" r="296" fill="${colours.primary}"/>`)
  parts.push(`<circle cx="300" cy="300" r="279" fill="none" stroke="${colours.accent}" stroke-width="5"/>`)
  parts.push(`<circle cx="300" cy="300" r="268" fill="#ffffff"/>`)

  let y = 92
  if (logo) {
    parts.push(`<image href="${logo.uri}" x="220" y="${y - 40}" width="160" height="56" preserveAspectRatio="xMidYMid meet"/>`)
    y += 40
  }
  const body = fitLines(branding.awardingBodyName.toUpperCase(), 380, [17, 15, 13], 2, 0.62)
  parts.push(textLines(body.lines, { y, size: body.size, lineHeight: 1.2, family: FAMILY.sansSemiBold, fill: colours.primary, extra: ' letter-spacing="1.5"' }))
  y += body.size * 1.2 * (body.lines.length - 1) + 16
  parts.push(`<line x1="260" y1="${y}" x2="340" y2="${y}" stroke="${colours.accent}" stroke-width="2"/>`)
  y += 12

  // Title and grade, centred in the space between the rule and the ribbon.
  const title = fitLines(facts.qualificationTitle, 400, [30, 27, 24, 21, 19, 17, 15], 5, 0.5)
  const titleHeight = title.size * 1.18 * title.lines.length
  const blockHeight = titleHeight + 14 + 19
  const top = y + Math.max(0, (362 - y - blockHeight) / 2)
  parts.push(textLines(title.lines, { y: top + title.size * 0.9, size: title.size, lineHeight: 1.18, family: FAMILY.serifSemiBold, fill: colours.ink }))
  const detail = [level, `Grade: ${facts.grade}`].filter(Boolean).join('  ·  ')
  parts.push(textLines(wrap(detail, 40, 1), { y: top + titleHeight + 14 + 15, size: 19, lineHeight: 1.2, family: FAMILY.sansSemiBold, fill: colours.primary }))
  y = top + blockHeight + 16

  // Ribbon with the holder's name: one line if it fits, else two; a name is never cut short.
  const oneLine = fitLines(facts.fullName, 410, [26, 24, 22, 20, 18], 1, 0.52)
  const name = oneLine.lines.length === 1 && oneLine.lines[0] === facts.fullName.trim() ? oneLine : fitLines(facts.fullName, 410, [20, 18, 16, 14, 12], 2, 0.52)
  const ribbonHeight = name.lines.length > 1 ? 74 : 60
  const ribbonY = Math.max(y, 372)
  const mid = ribbonY + ribbonHeight / 2
  parts.push(`<path d="M58 ${ribbonY} H542 L520 ${mid} L542 ${ribbonY + ribbonHeight} H58 L80 ${mid} Z" fill="${colours.primary}"/>`)
  const nameTop = mid - ((name.lines.length - 1) * name.size * 1.15) / 2 + name.size * 0.35
  parts.push(textLines(name.lines, { y: nameTop, size: name.size, lineHeight: 1.15, family: FAMILY.serifSemiBold, fill: '#ffffff' }))
  y = ribbonY + ribbonHeight + 32

  parts.push(textLines([`Issued ${formatDate(facts.issueDate)}`], { y, size: 16, lineHeight: 1, family: FAMILY.sans, fill: colours.muted }))
  y += 28
  // The inner circle narrows towards the bottom: keep the address inside it.
  const chord = 2 * Math.sqrt(Math.max(0, 262 ** 2 - (y + 22 - 300) ** 2)) - 36
  const url = urlLines(facts.verifyUrl, Math.min(340, chord))
  parts.push(textLines(['Check this badge at'], { y, size: 12, lineHeight: 1, family: FAMILY.sans, fill: colours.muted }))
  parts.push(textLines(url.lines, { y: y + 16, size: url.size, lineHeight: 1.2, family: FAMILY.sansSemiBold, fill: colours.primary }))

  if (facts.status !== 'valid') {
    const word = STATUS_WORD[facts.status]
    parts.push(
      `<g transform="rotate(-30 300 300)"><rect x="-20" y="262" width="640" height="76" fill="${colours.alert}" fill-opacity="0.88"/>` +
        `<text x="300" y="318" font-family="${FAMILY.sansSemiBold.family}" font-weight="600" font-size="54" letter-spacing="6" fill="#ffffff" text-anchor="middle">${word}</text></g>`,
    )
  }
  parts.push('</svg>')
  return parts.join('')
}

let wasmReady: Promise<void> | null = null
let fontBuffers: Uint8Array[] | null = null

function ready(): Promise<void> {
  wasmReady ??= initWasm(readFileSync(packageFile('@resvg/resvg-wasm/index_bg.wasm'))).catch((error: unknown) => {
    wasmReady = null
    throw error
  })
  fontBuffers ??= [fontFile('serif', 400), fontFile('serif', 600), fontFile('sans', 400), fontFile('sans', 600)].map((file) => readFileSync(file))
  return wasmReady
}

/** Adds an iTXt (UTF-8 text) chunk before IEND, so the badge file itself says where to check it. */
function withText(png: Buffer, entries: Array<[string, string]>): Buffer {
  const chunks = entries.map(([keyword, text]) => {
    const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')])
    const type = Buffer.from('iTXt', 'latin1')
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([type, data])) >>> 0)
    return Buffer.concat([length, type, data, crc])
  })
  const iend = png.length - 12 // IEND is always the last 12 bytes
  return Buffer.concat([png.subarray(0, iend), ...chunks, png.subarray(iend)])
}

/** Any SVG to PNG at `width` pixels, with the bundled typefaces (WebAssembly: no native module). */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  await ready()
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { fontBuffers: fontBuffers!, defaultFontFamily: FAMILY.sans.family },
  })
  try {
    const image = resvg.render()
    try {
      return Buffer.from(image.asPng())
    } finally {
      image.free()
    }
  } finally {
    resvg.free()
  }
}

/** The badge as a 600 x 600 PNG, with its verification address also in the file's text chunks. */
export async function renderBadgePng(given: DocumentFacts, branding: Branding, now = new Date()): Promise<Buffer> {
  const facts = withShownStatus(given, now)
  const png = await svgToPng(renderBadgeSvg(facts, branding), BADGE_SIZE)
  return withText(png, [
    ['Title', `${facts.qualificationTitle}: ${facts.fullName}`],
    ['Author', branding.awardingBodyName],
    ['Description', `${facts.fullName} has been awarded the ${facts.qualificationTitle}, grade ${facts.grade}, issued ${formatDate(facts.issueDate)}. Reference ${facts.reference}.`],
    ['URL', facts.verifyUrl],
    ['Comment', `Check this badge at ${facts.verifyUrl}`],
  ])
}
