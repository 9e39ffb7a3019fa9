import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max'

import { COUNTRIES } from './countries'

export const DEFAULT_PHONE_COUNTRY: CountryCode = 'GB'

export type PhoneResult = { ok: true; e164: string } | { ok: false; error: string }

const isPhoneCountry = (code: string): code is CountryCode => (getCountries() as string[]).includes(code)

/** Ofcom keeps 07700 900xxx and 01632 960xxx for drama and examples: no one has them, so demonstrations and tests use them. */
const OFCOM_EXAMPLE_NUMBER = /^\+44(?:7700900|1632960)\d{3}$/

/**
 * A typed telephone number as stored, in E.164 (+447700900123). Without a country code it is
 * read as a number of `country` (the United Kingdom unless said otherwise). The number must be
 * one that can exist there (libphonenumber's full metadata), or one of Ofcom's example numbers.
 */
export function parsePhone(typed: string, country: string = DEFAULT_PHONE_COUNTRY): PhoneResult {
  const defaultCountry = isPhoneCountry(country) ? country : DEFAULT_PHONE_COUNTRY
  const value = typed.trim()
  if (!/^[+0-9 ().\-]+$/.test(value) || !/\d/.test(value))
    return { ok: false, error: 'Enter a telephone number using digits, spaces and a + for the country code only, like 07700 900982 or +33 1 23 45 67 89.' }
  const length = validatePhoneNumberLength(value, defaultCountry)
  if (length === 'INVALID_COUNTRY') return { ok: false, error: 'We do not recognise the country code of this telephone number. Check the digits after the +.' }
  if (length === 'TOO_SHORT' || length === 'NOT_A_NUMBER') return { ok: false, error: 'The telephone number is too short. Check it has all its digits.' }
  if (length === 'TOO_LONG') return { ok: false, error: 'The telephone number is too long. Check it has no extra digits.' }
  const parsed = parsePhoneNumberFromString(value, defaultCountry)
  if (!parsed || !(parsed.isValid() || OFCOM_EXAMPLE_NUMBER.test(parsed.number)))
    return { ok: false, error: 'This is not a telephone number that can exist. Check the digits, and the country code if it is not a UK number.' }
  return { ok: true, e164: parsed.number }
}

/** A stored number as people read it: national for a UK number (07700 900123), international otherwise. */
export function displayPhone(stored: string | null | undefined): string {
  if (!stored) return ''
  const parsed = parsePhoneNumberFromString(stored, DEFAULT_PHONE_COUNTRY)
  if (!parsed) return stored
  // The Crown Dependencies share +44 and the UK's national format.
  return parsed.countryCallingCode === '44' ? parsed.formatNational() : parsed.formatInternational()
}

/** The "country code" list: each country with its calling code, the UK first. */
export const PHONE_COUNTRY_OPTIONS: ReadonlyArray<{ value: string; label: string }> = COUNTRIES.filter(({ code }) => isPhoneCountry(code)).map(({ code, name }) => ({
  value: code,
  label: `${name} (+${getCountryCallingCode(code as CountryCode)})`,
}))
