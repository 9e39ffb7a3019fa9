import { randomBytes, randomInt } from 'node:crypto'

/** 160 random bits, URL-safe: unguessable, and short enough for a QR code. */
const VERIFICATION_CODE_BYTES = 20
export const VERIFICATION_CODE_PATTERN = /^[A-Za-z0-9_-]{27}$/

export function newVerificationCode(): string {
  return randomBytes(VERIFICATION_CODE_BYTES).toString('base64url')
}

export function isWellFormedVerificationCode(code: string): boolean {
  return VERIFICATION_CODE_PATTERN.test(code)
}

const REFERENCE_SUFFIX_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A new reference in the house format: 8 digits, 2-digit sequence, 4-character check. */
export function newReference(sequence = 1): string {
  const digits = String(randomInt(0, 100_000_000)).padStart(8, '0')
  const suffix = Array.from({ length: 4 }, () => REFERENCE_SUFFIX_ALPHABET[randomInt(0, REFERENCE_SUFFIX_ALPHABET.length)]).join('')
  return `${digits}-${String(sequence).padStart(2, '0')}-${suffix}`
}
