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
