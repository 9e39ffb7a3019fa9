import { isIPv4, isIPv6 } from 'node:net'

import { londonCalendarDate } from './dates'
import { REFERENCE_PATTERN } from './formats'
import { normaliseName } from './names'

/** Longest text taken from the "Check a document" box: a pasted verification address fits with room to spare. */
export const MAX_CODE_INPUT = 500

/**
 * The verification code in what someone typed or pasted: the code itself, or the whole
 * address (`https://…/verify/<code>`, with or without a query or fragment). Spaces and line
 * breaks are dropped, so a code copied across two lines still works. The result is only
 * looked up, never trusted: a malformed one simply finds nothing.
 */
export function codeFromInput(input: string): string {
  let text = input.slice(0, MAX_CODE_INPUT).trim()
  const at = text.lastIndexOf('/verify/')
  if (at >= 0) text = text.slice(at + '/verify/'.length)
  text = text.split(/[/?#]/, 1)[0] ?? ''
  return text.replace(/\s+/g, '')
}

/** Expands an IPv6 address to its eight groups (no `::`), lower case. */
function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase().split('%')[0]!
  // A trailing dotted IPv4 part (::ffff:192.0.2.1) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, null]
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = tail === null ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  return groups.map((g) => g.replace(/^0+(?=.)/, ''))
}

/**
 * The address a throttle counts against: an IPv4 address as it is (also when written as an
 * IPv4-mapped IPv6 address), an IPv6 address by its /64 network, since one subscriber usually
 * holds a whole /64 and could otherwise step through addresses to dodge the count.
 */
export function throttleAddress(ip: string): string {
  if (isIPv4(ip)) return ip
  // The common case on a dual-stack socket, without parsing: ::ffff:198.51.100.7
  if (ip.startsWith('::ffff:') && isIPv4(ip.slice(7))) return ip.slice(7)
  if (!isIPv6(ip)) return ip.slice(0, 100) || 'unknown'
  const groups = ipv6Groups(ip)
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    const [hi, lo] = [parseInt(groups[6]!, 16), parseInt(groups[7]!, 16)]
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
  }
  return `${groups.slice(0, 4).join(':')}::/64`
}

/** The key of an address's count of verification codes that found nothing (in the sign-in-throttles table). */
export const verifyThrottleKey = (ip: string) => `verify:ip:${throttleAddress(ip)}`

/** A document's own status, as staff set it. */
export type StoredStatus = 'valid' | 'revoked' | 'superseded'
/** What a document is to whoever checks it: its own status, or expired when its achievement has run out. */
export type ShownStatus = StoredStatus | 'expired'

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * The status shown for a document on `today` (London calendar date, YYYY-MM-DD). Revoked and
 * superseded say more than expired, so they win; a valid document whose achievement's expiry
 * date (a calendar date, or a date-only value stored as an instant) is before today is
 * expired. The expiry date itself is the last day it is valid.
 */
export function statusOn(status: StoredStatus, expiryDate: string | null | undefined, today: string): ShownStatus {
  if (status !== 'valid' || !expiryDate) return status
  const lastValidDay = CALENDAR_DATE.test(expiryDate) ? expiryDate : londonCalendarDate(expiryDate)
  return lastValidDay < today ? 'expired' : 'valid'
}

/** The status shown for a document at the instant `now` (its London calendar date decides). */
export const documentStatus = ({ status, expiryDate }: { status: StoredStatus; expiryDate?: string | null }, now: Date): ShownStatus =>
  statusOn(status, expiryDate, londonCalendarDate(now))

/** Longest surname taken from the form; longer input is cut, so it simply does not match. */
export const MAX_SURNAME_INPUT = 200

/**
 * A document reference as typed from the printed page: spaces dropped, any kind of dash made a
 * hyphen, capitals. Null when it is not in the house format (nothing is looked up then).
 */
export function referenceFromInput(input: string): string | null {
  const text = input
    .slice(0, 100)
    .replace(/[\s\u00A0]+/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toUpperCase()
  return REFERENCE_PATTERN.test(text) ? text : null
}

/** Letters that do not come apart into a base letter and an accent, written as people type them without it. */
const FOLDS: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' }
const surnameKey = (name: string) => normaliseName(name.slice(0, MAX_SURNAME_INPUT)).replace(/[łøđðþßæœı]/g, (c) => FOLDS[c]!)

/**
 * Whether a typed surname is the holder's: case, accents, spaces, hyphens and apostrophes
 * ignored (O'Brien = obrien, Adebayo-Williams = adebayo williams, Wąsowska = wasowska). The
 * whole surname is needed: one half of a double-barrelled name is not enough. An empty typed
 * name matches nothing. Worked out the same way whether or not there is a name on record, so
 * a miss takes the same time either way.
 */
export function isHoldersSurname(typed: string, onRecord: string | null | undefined): boolean {
  const a = surnameKey(typed)
  const b = surnameKey(onRecord ?? '')
  return a === b && a !== ''
}
