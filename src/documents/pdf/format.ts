import { formatUkDate } from '../../lib/dates'
import { documentStatus } from '../../lib/verify'
import type { Branding, DocumentFacts } from './types'

/** 'YYYY-MM-DD' (a calendar date) or a full ISO instant, printed dd/mm/yyyy (Europe/London). */
export function formatDate(value: string): string {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim())
  if (dateOnly) return `${dateOnly[3]}/${dateOnly[2]}/${dateOnly[1]}`
  const instant = new Date(value)
  if (Number.isNaN(instant.getTime())) throw new Error(`Not a date: ${JSON.stringify(value)}`)
  return formatUkDate(instant)
}

/** '3' -> 'Level 3', 'Entry' -> 'Entry Level', 'Entry 3' -> 'Entry Level 3'; anything else as given. */
export function formatLevel(level: string | null | undefined): string | null {
  const value = level?.trim()
  if (!value) return null
  if (/^\d+$/.test(value)) return `Level ${value}`
  const entry = /^entry(?:\s+level)?\s*(\d*)$/i.exec(value)
  if (entry) return entry[1] ? `Entry Level ${entry[1]}` : 'Entry Level'
  return value
}

export function totalCredits(units: DocumentFacts['units']): number {
  return (units ?? []).reduce((sum, unit) => sum + (Number.isFinite(unit.credits) ? unit.credits : 0), 0)
}

export function formatCredits(credits: number): string {
  return Number.isInteger(credits) ? String(credits) : credits.toFixed(1)
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i

/** Only well-formed hex colours reach the templates (and the badge's SVG); anything else falls back. */
export function safeColour(value: string | null | undefined, fallback: string): string {
  const colour = value?.trim() ?? ''
  return HEX.test(colour) ? colour.toLowerCase() : fallback
}

export type Colours = { primary: string; accent: string; ink: string; muted: string; rule: string; alert: string }

export function coloursOf(branding: Branding): Colours {
  return {
    primary: safeColour(branding.primaryColour, '#1d4f91'),
    accent: safeColour(branding.accentColour, '#b08d3c'),
    ink: '#1a1a1a',
    muted: '#555555',
    rule: '#c9ced6',
    alert: '#b3261e',
  }
}

/**
 * A font size that keeps `text` within `lines` lines of `width` points, between `max` and `min`.
 * `em` is the font's average character width as a share of the size (about 0.5 for serif
 * text, 0.55 for capitals-heavy sans): an estimate on the safe side, since the layout still
 * wraps whatever does not fit.
 */
export function fitFontSize(text: string, { width, max, min, lines = 1, em = 0.5 }: { width: number; max: number; min: number; lines?: number; em?: number }): number {
  const chars = Math.max(1, text.length)
  const size = (width * lines) / (chars * em)
  return Math.max(min, Math.min(max, Math.floor(size * 2) / 2))
}

export const STATUS_WORD: Record<Exclude<DocumentFacts['status'], 'valid'>, string> = {
  revoked: 'REVOKED',
  superseded: 'SUPERSEDED',
  expired: 'EXPIRED',
}

export function statusNotice({ status, expiryDate }: Pick<DocumentFacts, 'status' | 'expiryDate'>): string | null {
  if (status === 'revoked') return 'This document has been REVOKED by the awarding body and is no longer valid.'
  if (status === 'superseded') return 'This document has been SUPERSEDED by a reissued document and is no longer valid.'
  if (status === 'expired') return `This award EXPIRED${expiryDate ? ` on ${formatDate(expiryDate)}` : ''} and is no longer valid.`
  return null
}

/** The facts with the status they are shown with on `now`: a valid document past its expiry date is expired (lib/verify). */
export function withShownStatus(facts: DocumentFacts, now: Date): DocumentFacts {
  if (facts.status !== 'valid') return facts
  return { ...facts, status: documentStatus({ status: 'valid', expiryDate: facts.expiryDate }, now) }
}
