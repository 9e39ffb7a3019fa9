import { createHash, randomBytes } from 'node:crypto'

/** A single-use secret for an email link: 256 random bits, url-safe. Only its hash is stored. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashLinkToken(token) }
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export const HOUR = 60 * 60 * 1000

/** Whether a link sent at `sentAt` is still valid at `now`, `hours` after it was sent. */
export function linkStillValid(sentAt: string | Date | null | undefined, now: Date, hours: number): boolean {
  if (!sentAt) return false
  return now.getTime() - new Date(sentAt).getTime() < hours * HOUR
}
