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
 * (OWASP's figure for PBKDF2-SHA256). Older 25,000-iteration hashes are upgraded on sign-in.
 * Kept here so a sign-in for an unknown email can spend the same time (tests hold it to Payload's).
 */
export const PASSWORD_HASH = { iterations: 600_000, keyLength: 32, digest: 'sha256', prefix: 'pbkdf2-sha256-v1:' } as const

/** Does the work of checking a password against nothing, so a missing account answers no sooner. */
export async function spendPasswordCheckTime(password: string): Promise<void> {
  const { pbkdf2, randomBytes } = await import('node:crypto')
  await new Promise<void>((resolve) =>
    pbkdf2(password, randomBytes(32).toString('hex'), PASSWORD_HASH.iterations, PASSWORD_HASH.keyLength, PASSWORD_HASH.digest, () => resolve()),
  )
}
