/**
 * Tracking numbers, checked against the carrier's format before a learner is emailed one.
 * UK delivery is Royal Mail tracked or signed-for: the UPU S10 form, two letters, eight digits,
 * a check digit and "GB" (RM123456785GB). International delivery goes by courier: an S10 number
 * of any post, or the courier's own, 8 to 30 letters and digits with at least 6 digits.
 */
export type TrackingRegion = 'uk' | 'international'

const S10 = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7]

/** The S10 check digit of eight serial digits. */
export function s10CheckDigit(serial: string): number {
  const sum = [...serial].reduce((total, digit, i) => total + Number(digit) * S10_WEIGHTS[i]!, 0)
  const check = 11 - (sum % 11)
  return check === 10 ? 0 : check === 11 ? 5 : check
}

const isS10 = (value: string, country?: string) => {
  const match = S10.exec(value)
  return Boolean(match && s10CheckDigit(match[2]!) === Number(match[3]) && (!country || match[4] === country))
}

/** The tracking number as stored (upper case, spaces taken out), or why it is not one for that region. */
export function checkTrackingNumber(typed: string, region: TrackingRegion | null | undefined): { ok: true; trackingNumber: string } | { ok: false; error: string } {
  const value = typed.replace(/\s+/g, '').toUpperCase()
  if (!value) return { ok: false, error: 'Give the tracking number.' }
  if (region === 'uk') {
    return isS10(value, 'GB')
      ? { ok: true, trackingNumber: value }
      : { ok: false, error: `“${typed}” is not a Royal Mail tracking number: two letters, nine digits and GB, for example RM123456785GB.` }
  }
  const courier = /^[A-Z0-9]{8,30}$/.test(value) && (value.match(/\d/g)?.length ?? 0) >= 6
  return isS10(value) || (courier && !S10.test(value))
    ? { ok: true, trackingNumber: value }
    : { ok: false, error: `“${typed}” is not a courier tracking number: 8 to 30 letters and digits, at least 6 of them digits.` }
}
