import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { Font } from '@react-pdf/renderer'

/**
 * The documents' typefaces ship inside npm packages (SIL Open Font License): Source Serif 4
 * for the formal text, Source Sans 3 for labels and small print. Both cover Latin Extended,
 * Greek, Cyrillic and Vietnamese, so names such as "Łucja Wąsowska" or "Şahin Öztürk" print
 * as written (the PDF base fonts cannot). Nothing is fetched at render time; react-pdf parses
 * each file once per process and subsets it into each document.
 */
export const SERIF = 'DocSerif'
export const SANS = 'DocSans'

const FILES = {
  serif: {
    package: '@expo-google-fonts/source-serif-4',
    faces: [
      { file: '400Regular/SourceSerif4_400Regular.ttf', fontWeight: 400, fontStyle: 'normal' },
      { file: '400Regular_Italic/SourceSerif4_400Regular_Italic.ttf', fontWeight: 400, fontStyle: 'italic' },
      { file: '600SemiBold/SourceSerif4_600SemiBold.ttf', fontWeight: 600, fontStyle: 'normal' },
      { file: '600SemiBold_Italic/SourceSerif4_600SemiBold_Italic.ttf', fontWeight: 600, fontStyle: 'italic' },
      { file: '700Bold/SourceSerif4_700Bold.ttf', fontWeight: 700, fontStyle: 'normal' },
    ],
  },
  sans: {
    package: '@expo-google-fonts/source-sans-3',
    faces: [
      { file: '400Regular/SourceSans3_400Regular.ttf', fontWeight: 400, fontStyle: 'normal' },
      { file: '400Regular_Italic/SourceSans3_400Regular_Italic.ttf', fontWeight: 400, fontStyle: 'italic' },
      { file: '600SemiBold/SourceSans3_600SemiBold.ttf', fontWeight: 600, fontStyle: 'normal' },
      { file: '700Bold/SourceSans3_700Bold.ttf', fontWeight: 700, fontStyle: 'normal' },
    ],
  },
} as const

/** A file inside an installed package, found from this module or, when bundled, from the project root. */
export function packageFile(specifier: string): string {
  const attempts: string[] = []
  for (const base of [import.meta.url, path.join(process.cwd(), 'package.json')]) {
    try {
      const found = createRequire(base).resolve(specifier)
      if (existsSync(found)) return found
    } catch (error) {
      attempts.push(String(error))
    }
  }
  throw new Error(`Cannot find ${specifier} (is the package installed?): ${attempts.join('; ')}`)
}

export function fontFile(kind: keyof typeof FILES, weight: 400 | 600 | 700 = 400, style: 'normal' | 'italic' = 'normal'): string {
  const face = FILES[kind].faces.find((f) => f.fontWeight === weight && f.fontStyle === style)
  if (!face) throw new Error(`No ${kind} face ${weight} ${style}`)
  return packageFile(`${FILES[kind].package}/${face.file}`)
}

let registered = false

/** Registers the typefaces with react-pdf once per process. */
export function registerFonts(): void {
  if (registered) return
  for (const [family, kind] of [
    [SERIF, 'serif'],
    [SANS, 'sans'],
  ] as const) {
    Font.register({
      family,
      fonts: FILES[kind].faces.map((face) => ({
        src: packageFile(`${FILES[kind].package}/${face.file}`),
        fontWeight: face.fontWeight,
        fontStyle: face.fontStyle,
      })),
    })
  }
  // Formal text is never hyphenated, and names, references, codes and addresses must print
  // exactly as they are: lines break only at spaces. A run of letters too long for any line
  // (40+ characters, never a URL or code) may be cut rather than overflow the page.
  Font.registerHyphenationCallback((word) => (word.length > 40 && !/[/:@.\d]/.test(word) ? (word.match(/.{1,24}/gu) ?? [word]) : [word]))
  registered = true
}

type FontkitFont = { characterSet: number[]; glyphForCodePoint(codePoint: number): unknown }

let ready: Promise<void> | null = null

/**
 * Registers the typefaces, parses each file once and fills its glyph cache, before the first
 * document. The cache fill is a fix, not only a speed-up: fontkit keeps the first Glyph object
 * made for each glyph id, and the font subsetter asks for the components of composite glyphs
 * without their characters (in Source Sans, "·" is built from "."). Once that happened, every
 * later document in the process lost those characters from its text layer (pdftotext saw
 * "above It is") and broke lines in mid-word. Making every mapped glyph from its character
 * first keeps the right characters on them for the life of the process.
 */
export function loadFonts(): Promise<void> {
  registerFonts()
  ready ??= (async () => {
    for (const [family, kind] of [
      [SERIF, 'serif'],
      [SANS, 'sans'],
    ] as const) {
      for (const face of FILES[kind].faces) {
        const source = Font.getFont({ fontFamily: family, fontWeight: face.fontWeight, fontStyle: face.fontStyle })
        if (!source) throw new Error(`Font ${family} ${face.fontWeight} ${face.fontStyle} is not registered`)
        await source.load()
        const font = source.data as unknown as FontkitFont
        for (const codePoint of font.characterSet) {
          // Not the compatibility characters: U+FB01 "ﬁ" maps to the same glyph as the "fi"
          // ligature, and caching it as one character would shift the text by one at every "fi".
          const character = String.fromCodePoint(codePoint)
          if (character.normalize('NFKD') === character) font.glyphForCodePoint(codePoint)
        }
      }
    }
  })().catch((error: unknown) => {
    ready = null
    throw error
  })
  return ready
}
