import countries from 'i18n-iso-countries'
import english from 'i18n-iso-countries/langs/en.json'

countries.registerLocale(english)

/** ISO 3166-1 alpha-2 code to English name, from the maintained i18n-iso-countries list. */
const NAMES: Readonly<Record<string, string>> = countries.getNames('en', { select: 'official' })

/** The country's name in English, or the code itself when it is not a known country. */
export function countryName(code: string | null | undefined): string {
  if (!code) return ''
  return NAMES[code.toUpperCase()] ?? code
}

export const isCountryCode = (code: string): boolean => Object.hasOwn(NAMES, code)

/** For a country list: the United Kingdom first, then the rest by name. */
export const COUNTRIES: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'GB', name: countryName('GB') },
  ...Object.entries(NAMES)
    .filter(([code]) => code !== 'GB')
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
]

/** The same list as `<select>` options. */
export const COUNTRY_OPTIONS: ReadonlyArray<{ value: string; label: string }> = COUNTRIES.map(({ code, name }) => ({ value: code, label: name }))

/** Why a typed country is refused, or null when it is a country of the list. */
export function countryProblem(code: string): string | null {
  if (isCountryCode(code)) return null
  return `We do not recognise the country “${code.slice(0, 40)}”. Choose the country from the list.`
}
