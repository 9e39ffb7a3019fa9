import { describe, expect, it } from 'vitest'

import { displayPhone, parsePhone, PHONE_COUNTRY_OPTIONS } from '../../src/lib/phone'

describe('telephone numbers', () => {
  it('are stored in E.164 however they are typed; a number without a country code is a UK one', () => {
    expect(parsePhone('+44 07700 900123')).toEqual({ ok: true, e164: '+447700900123' })
    expect(parsePhone('07700 900123')).toEqual({ ok: true, e164: '+447700900123' })
    expect(parsePhone('0044 (0)20 7946 0000')).toEqual({ ok: true, e164: '+442079460000' })
    expect(parsePhone('+44 1632 960000')).toEqual({ ok: true, e164: '+441632960000' })
    expect(parsePhone('+33 1 23 45 67 89')).toEqual({ ok: true, e164: '+33123456789' })
  })
  it('are read as numbers of the country chosen for them', () => {
    expect(parsePhone('06 12 34 56 78', 'FR')).toEqual({ ok: true, e164: '+33612345678' })
    expect(parsePhone('+44 7911 123456', 'FR')).toEqual({ ok: true, e164: '+447911123456' })
  })
  it('that cannot be a number get a message saying what is wrong', () => {
    expect(parsePhone('+44 12')).toEqual({ ok: false, error: 'The telephone number is too short. Check it has all its digits.' })
    expect(parsePhone('07911 1234567890')).toEqual({ ok: false, error: 'The telephone number is too long. Check it has no extra digits.' })
    expect(parsePhone('+999 123456')).toEqual({ ok: false, error: 'We do not recognise the country code of this telephone number. Check the digits after the +.' })
    expect(parsePhone('00000 000000')).toEqual({ ok: false, error: 'This is not a telephone number that can exist. Check the digits, and the country code if it is not a UK number.' })
    expect(parsePhone('call me')).toMatchObject({ ok: false, error: expect.stringContaining('digits, spaces and a +') })
  })
  it('are shown nationally when from the UK, internationally otherwise', () => {
    expect(displayPhone('+447700900123')).toBe('07700 900123')
    expect(displayPhone('+442079460000')).toBe('020 7946 0000')
    expect(displayPhone('+33123456789')).toBe('+33 1 23 45 67 89')
    // A number stored before the rule, as it was typed, is shown the same way.
    expect(displayPhone('+44 07700 900123')).toBe('07700 900123')
    expect(displayPhone(null)).toBe('')
  })
  it('the country code list names each country with its code, the UK first', () => {
    expect(PHONE_COUNTRY_OPTIONS[0]).toEqual({ value: 'GB', label: 'United Kingdom (+44)' })
    expect(PHONE_COUNTRY_OPTIONS.find((o) => o.value === 'FR')).toEqual({ value: 'FR', label: 'France (+33)' })
  })
})
