import { countryProblem } from './countries'
import { tooLong } from './formats'

export type FieldErrors = Record<string, string>
type Form = Record<string, string | undefined>

/** One address as the person types it. */
export type AddressInput = {
  label: string
  fullName: string
  line1: string
  line2: string
  town: string
  county: string
  postcode: string
  country: string
}

/** One entry of an account's address book, as stored. */
export type BookEntry = Partial<Record<keyof AddressInput, string | null>> & {
  id?: string | null
  defaultBilling?: boolean | null
  defaultDelivery?: boolean | null
}

export type DefaultKind = 'billing' | 'delivery'
export type BookResult = { ok: true; book: BookEntry[] } | { ok: false; error: string }

export const ADDRESS_BOOK_LIMIT = 20

/** Countries whose postcodes follow the UK format (the UK and the Crown Dependencies). */
const UK_POSTCODE_COUNTRIES = new Set(['GB', 'GG', 'JE', 'IM'])
const UK_POSTCODE = /^(GIR 0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-Z]? [0-9][ABD-HJLNP-UW-Z]{2})$/

/** A UK postcode in its usual form (capitals, one space before the last three characters). */
export function formatUkPostcode(typed: string): string {
  const compact = typed.toUpperCase().replace(/\s+/g, '')
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact
}

export const isUkPostcode = (typed: string): boolean => UK_POSTCODE.test(formatUkPostcode(typed))

const text = (form: Form, name: string) => (form[name] ?? '').trim().replace(/\s+/g, ' ')

const LIMITS: Array<[keyof AddressInput, number, string]> = [
  ['label', 60, 'The name of the address'],
  ['fullName', 200, 'The full name'],
  ['line1', 200, 'Address line 1'],
  ['line2', 200, 'Address line 2'],
  ['town', 100, 'The town or city'],
  ['county', 100, 'The county or region'],
]

/** Checks a typed address: what is missing or wrong, and the tidied values. */
export function checkAddress(form: Form): { errors: FieldErrors; values: AddressInput } {
  const errors: FieldErrors = {}
  const country = text(form, 'country').toUpperCase()
  const ukFormat = UK_POSTCODE_COUNTRIES.has(country)
  const typedPostcode = text(form, 'postcode')
  const values: AddressInput = {
    label: text(form, 'label'),
    fullName: text(form, 'fullName'),
    line1: text(form, 'line1'),
    line2: text(form, 'line2'),
    town: text(form, 'town'),
    county: text(form, 'county'),
    postcode: ukFormat ? formatUkPostcode(typedPostcode) : typedPostcode.toUpperCase(),
    country,
  }
  if (!values.fullName) errors.fullName = 'Enter the full name of the person at this address.'
  if (!values.line1) errors.line1 = 'Enter the first line of the address, for example the house number and street.'
  if (!values.town) errors.town = 'Enter the town or city.'
  for (const [field, max, name] of LIMITS) if (values[field].length > max) errors[field] = tooLong(name, max)
  if (!country) errors.country = 'Choose the country.'
  else if (countryProblem(country)) errors.country = countryProblem(country)!
  if (typedPostcode.length > 20) errors.postcode = tooLong('The postcode', 20)
  else if (ukFormat) {
    if (!typedPostcode) errors.postcode = 'Enter the postcode.'
    else if (!isUkPostcode(typedPostcode)) errors.postcode = 'Enter a real UK postcode, for example SW1A 1AA.'
  } else if (values.postcode && !/^[A-Z0-9][A-Z0-9 -]{1,19}$/.test(values.postcode)) {
    errors.postcode = 'Enter the postcode using letters, numbers, spaces and hyphens only.'
  }
  return { errors, values }
}

const FLAG: Record<DefaultKind, 'defaultBilling' | 'defaultDelivery'> = { billing: 'defaultBilling', delivery: 'defaultDelivery' }

/**
 * Exactly one default billing and one default delivery address whenever the book has any:
 * the first flagged entry keeps the flag; with none flagged, the first entry gets it.
 */
export function normaliseDefaults(book: readonly BookEntry[]): BookEntry[] {
  const result = book.map((entry) => ({ ...entry }))
  for (const flag of Object.values(FLAG)) {
    const keep = Math.max(0, result.findIndex((entry) => entry[flag]))
    result.forEach((entry, index) => (entry[flag] = index === keep))
  }
  return result
}

function withDefault(book: BookEntry[], index: number, kind: DefaultKind): BookEntry[] {
  return book.map((entry, i) => ({ ...entry, [FLAG[kind]]: i === index }))
}

function applyDefaults(book: BookEntry[], index: number, defaults: Partial<Record<DefaultKind, boolean>>): BookEntry[] {
  let result = book
  for (const kind of ['billing', 'delivery'] as const) if (defaults[kind]) result = withDefault(result, index, kind)
  return normaliseDefaults(result)
}

/** Adds an address; the first one, or one ticked as a default, becomes the default. */
export function addToBook(book: readonly BookEntry[], address: AddressInput, defaults: Partial<Record<DefaultKind, boolean>> = {}): BookResult {
  if (book.length >= ADDRESS_BOOK_LIMIT) return { ok: false, error: `You can keep up to ${ADDRESS_BOOK_LIMIT} addresses. Remove one to add another.` }
  const added = [...book.map((entry) => ({ ...entry })), { ...address, defaultBilling: false, defaultDelivery: false }]
  return { ok: true, book: applyDefaults(added, added.length - 1, defaults) }
}

const NOT_FOUND = 'This address is no longer in your address book.'

/** Changes an address, keeping its place and its defaults; a ticked default moves to it. */
export function replaceInBook(book: readonly BookEntry[], id: string, address: AddressInput, defaults: Partial<Record<DefaultKind, boolean>> = {}): BookResult {
  const index = book.findIndex((entry) => entry.id === id)
  if (index < 0) return { ok: false, error: NOT_FOUND }
  const changed = book.map((entry, i) => (i === index ? { ...entry, ...address } : { ...entry }))
  return { ok: true, book: applyDefaults(changed, index, defaults) }
}

/** Removes an address; if it was a default, the first address left takes over. */
export function removeFromBook(book: readonly BookEntry[], id: string): BookResult {
  if (!book.some((entry) => entry.id === id)) return { ok: false, error: NOT_FOUND }
  return { ok: true, book: normaliseDefaults(book.filter((entry) => entry.id !== id)) }
}

/** Makes one address the default billing or delivery address (the old default stops being one). */
export function makeDefault(book: readonly BookEntry[], id: string, kind: DefaultKind): BookResult {
  const index = book.findIndex((entry) => entry.id === id)
  if (index < 0) return { ok: false, error: NOT_FOUND }
  return { ok: true, book: normaliseDefaults(withDefault([...book], index, kind)) }
}

/** The address as form values (for an edit form). */
export function addressFormValues(entry: BookEntry): Record<string, string> {
  const values: Record<string, string> = {}
  for (const key of ['label', 'fullName', 'line1', 'line2', 'town', 'county', 'postcode', 'country'] as const) values[key] = entry[key] ?? ''
  return values
}

/** The address on lines, as it would go on an envelope. */
export function addressLines(entry: BookEntry, countryName: (code: string) => string): string[] {
  return [entry.fullName, entry.line1, entry.line2, entry.town, entry.county, entry.postcode, entry.country ? countryName(entry.country) : '']
    .map((line) => (line ?? '').trim())
    .filter(Boolean)
}
