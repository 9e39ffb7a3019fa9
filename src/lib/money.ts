const poundFormatter = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' })

/** Money is held in integer pence and shown as £0.00. */
export function formatPence(pence: number): string {
  if (!Number.isInteger(pence)) throw new TypeError(`Money must be whole pence, got ${pence}`)
  return poundFormatter.format(pence / 100)
}
