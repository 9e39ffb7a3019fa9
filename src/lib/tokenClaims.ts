/**
 * The claims of a session token, read without checking its signature: only for decisions
 * that refuse (a forged claim gains nothing), never to grant anything.
 */
export function unverifiedClaimsOf(token: string | undefined): { sid?: string; collection?: string } {
  try {
    const claims = JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString('utf8'))
    return claims && typeof claims === 'object' ? claims : {}
  } catch {
    return {}
  }
}
