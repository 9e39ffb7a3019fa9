import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { priceOrder, productAppliesTo, regionOf, servesCountry, vatOn } from '../../src/lib/pricing'

const line = fc.record({ unitPricePence: fc.integer({ min: 0, max: 1_000_000 }), vatRatePercent: fc.constantFrom(0, 5, 12.5, 17.5, 20, 0.01, 99.99) })

describe('totals', () => {
  it('the seed: a £30.50 duplicate certificate with UK 1st class (£3.50) at 0 % VAT is £34.00', () => {
    expect(priceOrder([{ unitPricePence: 3050, vatRatePercent: 0 }], 350)).toEqual({
      lines: [{ unitPricePence: 3050, vatRatePercent: 0, vatPence: 0 }],
      subtotalPence: 3050,
      deliveryPence: 350,
      vatPence: 0,
      totalPence: 3400,
    })
  })

  it('for any basket: total = lines + delivery + VAT, VAT is each line’s VAT, all whole pence', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.integer({ min: 0, max: 100_000 }), (lines, delivery) => {
        const totals = priceOrder(lines, delivery)
        const sumLines = lines.reduce((s, l) => s + l.unitPricePence, 0)
        const sumVat = totals.lines.reduce((s, l) => s + l.vatPence, 0)
        expect(totals.subtotalPence).toBe(sumLines)
        expect(totals.deliveryPence).toBe(delivery)
        expect(totals.vatPence).toBe(sumVat)
        expect(totals.totalPence).toBe(sumLines + delivery + sumVat)
        expect(totals.lines.map((l) => l.vatPence)).toEqual(lines.map((l) => vatOn(l.unitPricePence, l.vatRatePercent)))
        for (const value of [totals.totalPence, totals.vatPence, ...totals.lines.map((l) => l.vatPence)]) expect(Number.isSafeInteger(value) && value >= 0).toBe(true)
      }),
    )
  })

  it('a price that is not whole pence from 0 is refused, not rounded', () => {
    expect(() => priceOrder([{ unitPricePence: 10.5, vatRatePercent: 0 }], 0)).toThrow(new RangeError('Prices are whole pence from 0, got 10.5'))
    expect(() => priceOrder([{ unitPricePence: -1, vatRatePercent: 0 }], 0)).toThrow(new RangeError('Prices are whole pence from 0, got -1'))
    expect(() => priceOrder([], Number.NaN)).toThrow(new RangeError('Prices are whole pence from 0, got NaN'))
  })
})

describe('VAT on a line', () => {
  it('rounds half a penny up, at rates with decimals', () => {
    expect(vatOn(1000, 17.5)).toBe(175)
    expect(vatOn(10, 17.5)).toBe(2) // 1.75p
    expect(vatOn(2, 25)).toBe(1) // 0.5p, half up
    expect(vatOn(1, 17.5)).toBe(0) // 0.175p
    expect(vatOn(3050, 20)).toBe(610)
    expect(vatOn(99, 12.5)).toBe(12) // 12.375p
    expect(vatOn(100, 0.5)).toBe(1) // 0.5p, half up
    expect(vatOn(3050, 0)).toBe(0)
  })

  it('is the exact VAT rounded half up, for any price and rate with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), (pence, basisPoints) => {
        // Exact in integers: pence × basisPoints / 10 000, half up.
        const exact = pence * basisPoints
        const expected = Math.floor(exact / 10_000) + (exact % 10_000 >= 5_000 ? 1 : 0)
        expect(vatOn(pence, basisPoints / 100)).toBe(expected)
      }),
    )
  })
})

describe('delivery by destination', () => {
  it('Great Britain and Northern Ireland, Guernsey, Jersey and the Isle of Man are the UK; others are international', () => {
    for (const code of ['GB', 'GG', 'JE', 'IM', 'gb', ' je ']) expect(regionOf(code)).toBe('uk')
    for (const code of ['FR', 'US', 'AU', 'IE', 'UK', '']) expect(regionOf(code)).toBe('international')
  })

  const uk = { region: 'uk' as const }
  const international = { region: 'international' as const }
  it('a UK option serves the UK only; an international one everywhere else', () => {
    for (const code of ['GB', 'GG', 'JE', 'IM']) expect([servesCountry(uk, code), servesCountry(international, code)]).toEqual([true, false])
    for (const code of ['FR', 'US', 'AU']) expect([servesCountry(uk, code), servesCountry(international, code)]).toEqual([false, true])
  })

  it('an option with a list of countries serves only those; an inactive option or no country, none', () => {
    const europe = { region: 'international' as const, countries: ['FR', 'de'] }
    expect(['FR', 'fr', 'DE', 'US', 'AU'].map((code) => servesCountry(europe, code))).toEqual([true, true, true, false, false])
    const islands = { region: 'uk' as const, countries: ['JE', 'GG'] }
    expect(['JE', 'GG', 'GB', 'IM'].map((code) => servesCountry(islands, code))).toEqual([true, true, false, false])
    expect(servesCountry({ region: 'uk', countries: [] }, 'GB')).toBe(true)
    expect(servesCountry({ region: 'uk', active: false }, 'GB')).toBe(false)
    expect(servesCountry(uk, '  ')).toBe(false)
  })

  it('for any country, exactly the options of its region serve it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{2}$/), (code) => {
        const inUk = ['GB', 'GG', 'JE', 'IM'].includes(code)
        expect([servesCountry(uk, code), servesCountry(international, code)]).toEqual([inUk, !inUk])
      }),
    )
  })
})

describe('products per qualification type', () => {
  it('a product with no types applies to every achievement; with types, only to those', () => {
    expect(productAppliesTo({ qualificationTypes: [] }, 'regulated')).toBe(true)
    expect(productAppliesTo({ qualificationTypes: null }, null)).toBe(true)
    expect(productAppliesTo({ qualificationTypes: ['regulated'] }, 'regulated')).toBe(true)
    expect(productAppliesTo({ qualificationTypes: ['regulated'] }, 'unit')).toBe(false)
    expect(productAppliesTo({ qualificationTypes: ['regulated'] }, null)).toBe(false)
  })
})
