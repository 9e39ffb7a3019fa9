import { describe, expect, it } from 'vitest'

import { safeReturnPath, signInPath } from '../../src/lib/returnPath'

describe('the page to go back to after signing in', () => {
  it('is a path on this site, with its query', () => {
    expect(safeReturnPath('/documents/12/pdf')).toBe('/documents/12/pdf')
    expect(safeReturnPath('/enquiries/3?sent=1')).toBe('/enquiries/3?sent=1')
    expect(safeReturnPath('/profile/addresses/7')).toBe('/profile/addresses/7')
  })

  it.each([
    ['another site', 'https://evil.example/documents'],
    ['a scheme-relative address', '//evil.example'],
    ['a backslash the browser reads as a slash', '/\\evil.example'],
    ['backslashes only', '\\\\evil.example'],
    ['an encoded scheme-relative address', '%2F%2Fevil.example'],
    ['a path hiding a scheme-relative address', '/%2F%2Fevil.example'],
    ['a path hiding a backslash', '/%5Cevil.example'],
    ['a tab the URL parser drops', '/\t/evil.example'],
    ['a script', 'javascript:alert(1)'],
    ['a relative path', 'documents'],
    ['bad percent-encoding', '/%E0%A4%A'],
    ['the API', '/api/accounts/me'],
    ['the admin', '/admin'],
    ['the sign-in page itself', '/sign-in?next=/documents'],
    ['nothing', ''],
    ['not text', ['/documents']],
  ])('is refused when it is %s', (_what, value) => {
    expect(safeReturnPath(value)).toBeNull()
  })

  it('goes on the sign-in address encoded, and only when it is safe', () => {
    expect(signInPath('/documents/12/pdf')).toBe('/sign-in?next=%2Fdocuments%2F12%2Fpdf')
    expect(signInPath('//evil.example')).toBe('/sign-in')
    expect(signInPath(undefined)).toBe('/sign-in')
  })
})
