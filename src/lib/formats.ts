/** Regulated qualification numbers look like 603/4182/8 (the last character may be X). */
export const QUALIFICATION_NUMBER_PATTERN = /^\d{3}\/\d{4}\/[\dX]$/

/** Achievement and document references look like 07171402-01-P6NA. */
export const REFERENCE_PATTERN = /^\d{7,8}-\d{2}-[A-Z0-9]{4}$/

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Regulated qualifications carry a regulated number; other kinds have a code of the body's own. */
export function checkQualificationNumber(value: unknown, type: string | undefined): string | true {
  if (typeof value !== 'string' || value.trim() === '') return 'Enter the qualification number.'
  if (type === 'regulated' && !QUALIFICATION_NUMBER_PATTERN.test(value))
    return 'Enter the qualification number in the regulated format, for example 603/4182/8.'
  if (!/^[A-Za-z0-9/-]{2,30}$/.test(value)) return 'Use up to 30 letters, digits, hyphens and slashes.'
  return true
}

export function checkReference(value: unknown): string | true {
  if (value === undefined || value === null || value === '') return true // generated when blank
  if (typeof value !== 'string' || !REFERENCE_PATTERN.test(value))
    return 'Enter the reference as 7 or 8 digits, 2 digits and 4 capital letters or digits, for example 07171402-01-P6NA.'
  return true
}

export function checkOptionalEmail(value: unknown): string | true {
  if (value === undefined || value === null || value === '') return true
  if (typeof value !== 'string' || value.length > 254 || !EMAIL_PATTERN.test(value))
    return 'Enter an email address in the correct format, like name@example.com.'
  return true
}

export function checkPence(value: unknown): string | true {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    return 'Enter the amount in whole pence, 0 or more (for example 3050 for £30.50).'
  return true
}

export function checkPercentage(value: unknown): string | true {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100)
    return 'Enter a rate between 0 and 100 per cent.'
  return true
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export function checkSlug(value: unknown): string | true {
  if (typeof value !== 'string' || !SLUG_PATTERN.test(value))
    return 'Use lower-case letters, digits and single hyphens, for example privacy-policy.'
  return true
}

/** The message for a value over its limit: the same words on every form. */
export const tooLong = (what: string, max: number) => `${what} is too long (at most ${max.toLocaleString('en-GB')} characters).`

export type TypedDate = { ok: true; iso: string } | { ok: false; problem: 'format' | 'not-a-date' }

/**
 * A date typed as day/month/year: its ISO form (midnight UTC), or whether it is not written
 * as day/month/year at all or is written so but is no date (31/02/1990, 00/13/2000).
 */
export function readUkDate(typed: string): TypedDate {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(typed)
  if (!match) return { ok: false, problem: 'format' }
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { ok: false, problem: 'not-a-date' }
  return { ok: true, iso: date.toISOString() }
}
