const ORIGIN = 'http://portal.invalid'

/** Paths a person is never sent back to after signing in: not pages, or the sign-in page itself. */
const NOT_A_RETURN = /^\/(?:api|admin|_next|sign-in)(?:[/?#]|$)/

/**
 * The page to go back to after signing in, if `value` is a path on this site; anything else
 * (another site, `//host`, `/\host`, their percent-encoded forms, control characters) is null,
 * so the sign-in page can never send someone away from the portal.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(value)
  } catch {
    return null
  }
  for (const form of [value, decoded]) {
    if (!form.startsWith('/') || form.startsWith('//') || form.includes('\\')) return null
    if (/[\u0000-\u001f\u007f]/.test(form)) return null
  }
  const url = new URL(value, ORIGIN)
  if (url.origin !== ORIGIN) return null
  const path = `${url.pathname}${url.search}`
  return NOT_A_RETURN.test(path) ? null : path
}

/** The sign-in page, asked to bring its visitor back to `returnTo` (when that is a path on this site). */
export function signInPath(returnTo?: string | null): string {
  const path = safeReturnPath(returnTo)
  return path && path !== '/' ? `/sign-in?next=${encodeURIComponent(path)}` : '/sign-in'
}
