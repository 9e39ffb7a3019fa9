/**
 * Store money, all in integer pence: VAT per line at the product's rate, delivery by the
 * destination's region, and the totals. Pure; the server prices every basket from the
 * catalogue with these, whatever the browser says.
 */

export type Region = 'uk' | 'international'

/** Royal Mail's inland services reach the UK, the Channel Islands and the Isle of Man. */
const UK_POSTAL_COUNTRIES = new Set(['GB', 'GG', 'JE', 'IM'])

export const regionOf = (country: string): Region => (UK_POSTAL_COUNTRIES.has(country.trim().toUpperCase()) ? 'uk' : 'international')

export type DeliveryOptionRule = { region: Region; countries?: readonly string[] | null; active?: boolean | null }

/** Whether an option serves `country`: active, in its region, and in its own list of countries if it has one. */
export function servesCountry(option: DeliveryOptionRule, country: string): boolean {
  const code = country.trim().toUpperCase()
  if (option.active === false || !code) return false
  if (option.region !== regionOf(code)) return false
  return !option.countries?.length || option.countries.map((c) => c.toUpperCase()).includes(code)
}

/** VAT on `pence` at `ratePercent` (up to two decimals, 17.5 say), rounded half up to the penny. */
export function vatOn(pence: number, ratePercent: number): number {
  const basisPoints = Math.round(ratePercent * 100)
  return Math.floor((pence * basisPoints + 5000) / 10000)
}

export type PricedLine = { unitPricePence: number; vatRatePercent: number }
export type Totals<L> = {
  lines: Array<L & { vatPence: number }>
  subtotalPence: number
  deliveryPence: number
  vatPence: number
  totalPence: number
}

/** Each line's VAT, then sub total (lines before VAT), delivery, VAT and total. Delivery carries no VAT. */
export function priceOrder<L extends PricedLine>(lines: readonly L[], deliveryPence: number): Totals<L> {
  for (const pence of [deliveryPence, ...lines.map((l) => l.unitPricePence)])
    if (!Number.isSafeInteger(pence) || pence < 0) throw new RangeError(`Prices are whole pence from 0, got ${pence}`)
  const priced = lines.map((line) => ({ ...line, vatPence: vatOn(line.unitPricePence, line.vatRatePercent) }))
  const subtotalPence = priced.reduce((sum, l) => sum + l.unitPricePence, 0)
  const vatPence = priced.reduce((sum, l) => sum + l.vatPence, 0)
  return { lines: priced, subtotalPence, deliveryPence, vatPence, totalPence: subtotalPence + deliveryPence + vatPence }
}

/** Whether a product is offered for an achievement of this qualification type (no types listed: every type). */
export const productAppliesTo = (product: { qualificationTypes?: readonly string[] | null }, qualificationType: string | null | undefined): boolean =>
  !product.qualificationTypes?.length || (qualificationType != null && product.qualificationTypes.includes(qualificationType))
