import { describe, expect, it } from 'vitest'

import { addToBook, checkAddress, formatUkPostcode, isUkPostcode, makeDefault, normaliseDefaults, removeFromBook, replaceInBook, type BookEntry } from '../../src/lib/addresses'
import { COUNTRIES, countryName, countryProblem } from '../../src/lib/countries'
import { checkPhoto, detectPhotoType, PHOTO_MAX_BYTES } from '../../src/lib/photos'
import { checkPasswordChange, checkPersonalDetails, orderAfterAccountDeletion } from '../../src/lib/profile'

const address = { label: '', fullName: 'Ann Example', line1: '1 High Street', line2: '', town: 'Leeds', county: '', postcode: 'LS1 4AP', country: 'GB' }
const entry = (id: string, flags: Partial<BookEntry> = {}): BookEntry => ({ ...address, id, defaultBilling: false, defaultDelivery: false, ...flags })
const defaults = (book: BookEntry[]) => ({ billing: book.filter((e) => e.defaultBilling).map((e) => e.id), delivery: book.filter((e) => e.defaultDelivery).map((e) => e.id) })
const ok = <T extends { ok: boolean }>(result: T) => {
  if (!result.ok) throw new Error(`expected ok: ${JSON.stringify(result)}`)
  return result as Extract<T, { ok: true }>
}

describe('UK postcodes', () => {
  it.each(['SW1A 1AA', 'sw1a1aa', 'LS1 4AP', 'EC1A 1BB', 'W1A 0AX', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', ' ls1   4ap '])('accepts %s', (postcode) => {
    expect(isUkPostcode(postcode)).toBe(true)
  })
  it.each(['', 'LS1', '12345', 'LS1 4A', 'QS1 4AP', 'LS1 4CP', 'ABCDEFG', 'SW1A-1AA'])('refuses %s', (postcode) => {
    expect(isUkPostcode(postcode)).toBe(false)
  })
  it('is written in capitals with one space before the last three characters', () => {
    expect(formatUkPostcode(' sw1a1aa ')).toBe('SW1A 1AA')
  })
})

describe('checking an address', () => {
  it('tidies a good UK address', () => {
    expect(checkAddress({ ...address, postcode: 'ls14ap', fullName: '  Ann   Example ' })).toEqual({ errors: {}, values: { ...address, fullName: 'Ann Example' } })
  })
  it('says what is missing', () => {
    const { errors } = checkAddress({ country: 'GB' })
    expect(Object.keys(errors).sort()).toEqual(['fullName', 'line1', 'postcode', 'town'])
  })
  it('checks the postcode by the UK format only for the UK', () => {
    expect(checkAddress({ ...address, postcode: '75001' }).errors.postcode).toMatch(/real UK postcode/)
    expect(checkAddress({ ...address, country: 'FR', postcode: '75001' }).errors).toEqual({})
    expect(checkAddress({ ...address, country: 'IE', postcode: '' }).errors).toEqual({})
    expect(checkAddress({ ...address, country: 'FR', postcode: '<b>' }).errors.postcode).toBeDefined()
  })
  it('refuses an unknown country and over-long lines', () => {
    expect(checkAddress({ ...address, country: 'XX' }).errors.country).toMatch(/from the list/)
    expect(checkAddress({ ...address, line1: 'x'.repeat(201) }).errors).toEqual({ line1: 'Address line 1 is too long (at most 200 characters).' })
  })
})

describe('address book defaults: exactly one billing and one delivery address', () => {
  it('the first address becomes both defaults', () => {
    expect(defaults(ok(addToBook([], address)).book.map((e, i) => ({ ...e, id: String(i) })))).toEqual({ billing: ['0'], delivery: ['0'] })
  })
  it('a new default replaces the old one', () => {
    const book = [entry('a', { defaultBilling: true, defaultDelivery: true })]
    const added = ok(addToBook(book, address, { billing: true })).book.map((e, i) => ({ ...e, id: e.id ?? `new${i}` }))
    expect(defaults(added)).toEqual({ billing: ['new1'], delivery: ['a'] })
  })
  it('changing an address keeps its defaults and can take one', () => {
    const book = [entry('a', { defaultBilling: true, defaultDelivery: true }), entry('b')]
    const changed = ok(replaceInBook(book, 'b', { ...address, town: 'York' }, { delivery: true })).book
    expect(changed[1]!.town).toBe('York')
    expect(defaults(changed)).toEqual({ billing: ['a'], delivery: ['b'] })
  })
  it('removing the default passes it to an address that remains', () => {
    const book = [entry('a', { defaultBilling: true }), entry('b', { defaultDelivery: true }), entry('c')]
    expect(defaults(ok(removeFromBook(book, 'a')).book)).toEqual({ billing: ['b'], delivery: ['b'] })
    expect(ok(removeFromBook([entry('a', { defaultBilling: true, defaultDelivery: true })], 'a')).book).toEqual([])
  })
  it('makes an address the default', () => {
    const book = [entry('a', { defaultBilling: true, defaultDelivery: true }), entry('b')]
    expect(defaults(ok(makeDefault(book, 'b', 'billing')).book)).toEqual({ billing: ['b'], delivery: ['a'] })
  })
  it('an unknown address is an error, and the book is unchanged', () => {
    const book = [entry('a', { defaultBilling: true, defaultDelivery: true })]
    expect(removeFromBook(book, 'zzz')).toEqual({ ok: false, error: expect.stringMatching(/no longer in your address book/) })
    expect(replaceInBook(book, 'zzz', address)).toMatchObject({ ok: false })
    expect(makeDefault(book, 'zzz', 'delivery')).toMatchObject({ ok: false })
  })
  it('keeps at most 20 addresses', () => {
    const book = Array.from({ length: 20 }, (_, i) => entry(String(i)))
    expect(addToBook(book, address)).toEqual({ ok: false, error: expect.stringMatching(/up to 20 addresses/) })
  })
  it('normalising repairs two defaults or none', () => {
    expect(defaults(normaliseDefaults([entry('a', { defaultBilling: true }), entry('b', { defaultBilling: true })]))).toEqual({ billing: ['a'], delivery: ['a'] })
  })
})

describe('profile photos are recognised by their content', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])
  const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')])
  it('JPEG, PNG and WebP', () => {
    expect([detectPhotoType(jpeg), detectPhotoType(png), detectPhotoType(webp)]).toEqual(['image/jpeg', 'image/png', 'image/webp'])
  })
  it('not a GIF, an SVG, a PDF or text, whatever the file is called', () => {
    for (const bytes of [Buffer.from('GIF89a'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), Buffer.from('%PDF-1.7'), Buffer.from('hello')])
      expect(checkPhoto({ size: bytes.length, bytes })).toMatchObject({ ok: false, code: 'wrongType' })
  })
  it('5 MB at most, and not empty', () => {
    expect(checkPhoto({ size: PHOTO_MAX_BYTES, bytes: jpeg })).toMatchObject({ ok: true, extension: 'jpg' })
    expect(checkPhoto({ size: PHOTO_MAX_BYTES + 1, bytes: jpeg })).toMatchObject({ ok: false, code: 'tooLarge' })
    expect(checkPhoto({ size: 0, bytes: Buffer.alloc(0) })).toMatchObject({ ok: false, code: 'missing' })
  })
})

describe('personal details and password', () => {
  it('a telephone number is kept in E.164; a UK number needs no country code; a wrong one is refused', () => {
    expect(checkPersonalDetails({ phone: '+44 07700 900123' }, 'learner')).toEqual({ errors: {}, values: { phone: '+447700900123' } })
    expect(checkPersonalDetails({ phone: '07700 900982' }, 'learner')).toEqual({ errors: {}, values: { phone: '+447700900982' } })
    expect(checkPersonalDetails({ phone: '' }, 'learner')).toEqual({ errors: {}, values: { phone: '' } })
    expect(checkPersonalDetails({ phone: '+44 12' }, 'learner').errors).toEqual({ phone: 'The telephone number is too short. Check it has all its digits.' })
  })
  it('a learner changes only the telephone number; a third party also name, company and job title', () => {
    expect(checkPersonalDetails({ phone: '+44 7700 900982', firstName: 'Other' }, 'learner')).toEqual({ errors: {}, values: { phone: '+447700900982' } })
    expect(checkPersonalDetails({ firstName: '', lastName: 'X', companyName: 'Acme', jobTitle: '' }, 'third-party').errors).toEqual({
      firstName: 'Enter your first name.',
      jobTitle: 'Enter your job title.',
    })
  })
  it('a name that is too long is told so, not that it has the wrong characters', () => {
    expect(checkPersonalDetails({ firstName: 'a'.repeat(150), lastName: 'X', companyName: 'c'.repeat(201), jobTitle: 'HR' }, 'third-party').errors).toEqual({
      firstName: 'Your first name is too long (at most 100 characters).',
      companyName: 'The company name is too long (at most 200 characters).',
    })
  })
  it('a password change needs the current password, a good new one typed twice, different from the old', () => {
    const check = (form: Record<string, string>) => checkPasswordChange(form, { email: 'ann@example.test' }).errors
    expect(check({ currentPassword: '', password: 'velvet summit otter', confirmPassword: 'velvet summit otter' })).toEqual({ currentPassword: 'Enter your current password.' })
    expect(check({ currentPassword: 'x', password: 'short', confirmPassword: 'short' }).password).toMatch(/at least 12/)
    expect(check({ currentPassword: 'x', password: 'password1234', confirmPassword: 'password1234' }).password).toMatch(/too common/)
    expect(check({ currentPassword: 'velvet summit otter', password: 'velvet summit otter', confirmPassword: 'velvet summit otter' }).password).toMatch(/different/)
    expect(check({ currentPassword: 'x', password: 'velvet summit otter', confirmPassword: 'velvet summit other' }).confirmPassword).toMatch(/do not match/)
    // Every problem at once: a missing current password, a weak new one and a different confirmation.
    expect(check({ currentPassword: '', password: 'short', confirmPassword: 'other' })).toEqual({
      currentPassword: 'Enter your current password.',
      password: 'Your password must be at least 12 characters long.',
      confirmPassword: 'The new passwords do not match.',
    })
    expect(checkPasswordChange({ currentPassword: 'x', password: 'velvet summit otter', confirmPassword: 'velvet summit otter', signOutOthers: 'on' }, { email: 'a@b.c' })).toEqual({
      errors: {},
      values: { currentPassword: 'x', password: 'velvet summit otter', signOutOthers: true },
    })
  })
})

describe('orders of a deleted account', () => {
  it('keep the billing address of a sale, the delivery address only while still to be sent, and cancel what can no longer be paid', () => {
    expect(orderAfterAccountDeletion({ status: 'awaiting-payment', paidAt: null })).toEqual({ cancel: true, clearBilling: true, clearDelivery: true })
    expect(orderAfterAccountDeletion({ status: 'paid', paidAt: '2026-01-01' })).toEqual({ cancel: false, clearBilling: false, clearDelivery: false })
    expect(orderAfterAccountDeletion({ status: 'printed', paidAt: '2026-01-01' })).toEqual({ cancel: false, clearBilling: false, clearDelivery: false })
    expect(orderAfterAccountDeletion({ status: 'dispatched', paidAt: '2026-01-01' })).toEqual({ cancel: false, clearBilling: false, clearDelivery: true })
    expect(orderAfterAccountDeletion({ status: 'refunded', paidAt: '2026-01-01' })).toEqual({ cancel: false, clearBilling: false, clearDelivery: true })
  })
})

describe('countries', () => {
  it('from the ISO 3166 list in English, the United Kingdom first', () => {
    expect(COUNTRIES[0]).toEqual({ code: 'GB', name: 'United Kingdom' })
    expect(countryName('US')).toBe('United States of America')
    expect(countryName('XK')).toBe('Kosovo')
    expect(COUNTRIES).toHaveLength(250)
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(250)
  })
  it('an unknown code is refused with a message naming it', () => {
    expect(countryProblem('UN')).toBe('We do not recognise the country “UN”. Choose the country from the list.')
    expect(countryProblem('GB')).toBeNull()
    expect(checkAddress({ ...address, country: 'UN' }).errors).toEqual({ country: 'We do not recognise the country “UN”. Choose the country from the list.' })
  })
})
