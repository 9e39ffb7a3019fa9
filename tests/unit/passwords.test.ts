import { describe, expect, it } from 'vitest'

import { checkNewPassword } from '../../src/lib/passwords'

describe('the password rule', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(checkNewPassword('purple otter lantern')).toBe(true)
    expect(checkNewPassword('x'.repeat(128))).toBe(true)
  })
  it('refuses passwords shorter than 12 or longer than 128 characters', () => {
    expect(checkNewPassword('short pass1')).toMatch(/at least 12 characters/)
    expect(checkNewPassword('x'.repeat(129))).toMatch(/128 characters or fewer/)
  })
  it('refuses common passwords, also with digits added at the end', () => {
    expect(checkNewPassword('qwertyuiop123')).toMatch(/too common/)
    expect(checkNewPassword('password1234')).toMatch(/too common/)
    expect(checkNewPassword('Baseball12345678')).toMatch(/too common/)
  })
  it('refuses a password containing the email address', () => {
    expect(checkNewPassword('claire.hammond-2026!', { email: 'claire.hammond@example.org' })).toMatch(/must not contain your email/)
    expect(checkNewPassword('claire.hammond-2026!', { email: 'someone@example.org' })).toBe(true)
  })
})
