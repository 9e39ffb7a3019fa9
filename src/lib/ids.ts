/** PostgreSQL's `integer`: the largest id a serial column holds. */
const MAX_ID = 2_147_483_647

/**
 * A record id as typed in an address or a form: a positive whole number within the database's
 * range, or null (so the page answers "not found" instead of the database's error).
 */
export function recordId(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : ''
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return null
  const id = Number(text)
  return id <= MAX_ID ? id : null
}
