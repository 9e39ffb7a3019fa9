/** Apostrophes, hyphens and spaces of every kind: ignored when names are compared. */
const SEPARATORS = /[\s\u00A0'’‘`´ʼ\-‐‑‒–—]+/gu

/**
 * A name as registration matching compares it: trimmed, case-folded, accents removed,
 * and hyphens, apostrophes and spaces ignored, so O'Sullivan, OSULLIVAN and o sullivan
 * are the same name.
 */
export function normaliseName(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .toLowerCase()
    .replace(SEPARATORS, '')
}
