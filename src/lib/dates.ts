const LONDON = 'Europe/London'

const ukDateFormatter = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: '2-digit',
  timeZone: LONDON,
  year: 'numeric',
})

/** Dates are stored in UTC and shown as dd/mm/yyyy in Europe/London. */
export function formatUkDate(value: Date | string): string {
  return ukDateFormatter.format(typeof value === 'string' ? new Date(value) : value)
}

/** The calendar date in London of an instant, as yyyy-mm-dd. */
export function londonCalendarDate(value: Date | string): string {
  const parts = Object.fromEntries(
    ukDateFormatter.formatToParts(typeof value === 'string' ? new Date(value) : value).map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}`
}

/**
 * A date-only value (date of birth, issue date) is kept as midnight UTC of its London
 * calendar date, so it shows as the same day whatever the viewer's offset.
 */
export function toDateOnly(value: Date | string): string {
  return `${londonCalendarDate(value)}T00:00:00.000Z`
}

/** Parses a typed dd/mm/yyyy date; null when it is not a real calendar date. */
export function parseUkDate(typed: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(typed)
  if (!match) return null
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString()
}
