import { dictionary } from '@zxcvbn-ts/language-common'

export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128

let common: Set<string> | undefined
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())))

/** The password rule: 12 to 128 characters, not a commonly used password, not the email. */
export function checkNewPassword(password: string, { email }: { email?: string } = {}): string | true {
  if (password.length < PASSWORD_MIN_LENGTH) return `Your password must be at least ${PASSWORD_MIN_LENGTH} characters long.`
  if (password.length > PASSWORD_MAX_LENGTH) return `Your password must be ${PASSWORD_MAX_LENGTH} characters or fewer.`
  const lower = password.toLowerCase()
  if (commonPasswords().has(lower) || commonPasswords().has(lower.replace(/\d+$/, '')))
    return 'This password is too common and easy to guess. Choose one that is harder to guess, such as three random words.'
  if (email && lower.includes(email.toLowerCase().split('@')[0]!) && email.split('@')[0]!.length >= 4)
    return 'Your password must not contain your email address.'
  return true
}

/**
 * How Payload 3.90 stores passwords: PBKDF2-HMAC-SHA256, 600,000 iterations, 32-byte key
 * (OWASP's figure for PBKDF2-SHA256), hex with this prefix. Hashes from before (25,000
 * iterations, 512 bytes, no prefix) are upgraded on sign-in. Tests hold these to Payload's.
 */
export const PASSWORD_HASH = { iterations: 600_000, keyLength: 32, digest: 'sha256', prefix: 'pbkdf2-sha256-v1:' } as const
const LEGACY_HASH = { iterations: 25_000, keyLength: 512 } as const

export const isLegacyHash = (hash: string) => !hash.startsWith(PASSWORD_HASH.prefix)

/**
 * Checks a password against a stored hash and salt. With nothing stored (no such account, or
 * an imported one without a password) it does the same work against a random salt, so the
 * answer comes no sooner.
 */
export async function passwordMatches(password: string, stored: { hash?: string | null; salt?: string | null } | null | undefined): Promise<boolean> {
  const { pbkdf2, randomBytes, timingSafeEqual } = await import('node:crypto')
  const real = typeof stored?.hash === 'string' && typeof stored.salt === 'string'
  const hash = real ? stored.hash! : ''
  const salt = real ? stored.salt! : randomBytes(32).toString('hex')
  const { iterations, keyLength } = real && isLegacyHash(hash) ? LEGACY_HASH : PASSWORD_HASH
  const computed = await new Promise<Buffer>((resolve, reject) =>
    pbkdf2(password, salt, iterations, keyLength, PASSWORD_HASH.digest, (error, key) => (error ? reject(error) : resolve(key))),
  )
  const expected = Buffer.from(real && !isLegacyHash(hash) ? hash.slice(PASSWORD_HASH.prefix.length) : hash, 'hex')
  return real && expected.length === computed.length && timingSafeEqual(expected, computed)
}

/** The work of one password check against nothing, for answers that must take as long as one. */
export async function spendPasswordCheckTime(password: string): Promise<void> {
  await passwordMatches(password, null)
}
