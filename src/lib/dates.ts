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

const londonClock = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** London's offset from UTC at an instant, in milliseconds (0 in winter, an hour in summer). */
function londonOffsetMs(at: Date): number {
  const p = Object.fromEntries(londonClock.formatToParts(at).map((part) => [part.type, Number(part.value)]))
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(at.getTime() / 1000) * 1000
}

/**
 * A share "until dd/mm/yyyy" lasts to the end of that day in London: it is stored as the
 * instant the next London day begins, the first moment access is gone. `day` is yyyy-mm-dd.
 */
export function endOfLondonDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return null
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const midnightUtc = Date.UTC(year, month - 1, date + 1)
  const check = new Date(Date.UTC(year, month - 1, date))
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null
  return new Date(midnightUtc - londonOffsetMs(new Date(midnightUtc)))
}

/** The last London day an access date (see `endOfLondonDay`) still grants, as yyyy-mm-dd: for a date input. */
export const lastLondonDayOf = (accessUntil: Date | string) => londonCalendarDate(new Date(new Date(accessUntil).getTime() - 1))

/** The last London day an access date still grants, shown dd/mm/yyyy. */
export const formatAccessUntil = (accessUntil: Date | string) => formatUkDate(new Date(new Date(accessUntil).getTime() - 1))

/** The default access date of a new share: to the end of the same London day one month ahead. */
export function oneMonthFrom(now: Date): Date {
  const [year, month, day] = londonCalendarDate(now).split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(year, month, 1))
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return endOfLondonDay(target.toISOString().slice(0, 10))!
}

const ukTimeFormatter = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: LONDON })

/** An instant as dd/mm/yyyy hh:mm in London. */
export function formatUkDateTime(value: Date | string): string {
  const at = typeof value === 'string' ? new Date(value) : value
  return `${formatUkDate(at)} ${ukTimeFormatter.format(at)}`
}
