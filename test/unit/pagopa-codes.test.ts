import { describe, expect, it } from 'vitest'
import { formatNoticeNumber } from '../../src-main/contract/format'
import {
  computePersonFiscalCode,
  deOmocode,
  isValidNumericFiscalCode,
  isValidPersonFiscalCode
} from '../../src-main/core/pagopa/fiscal-code'
import { buildNoticeCodes, isValidNoticeNumber } from '../../src-main/core/pagopa/notice-number'

describe('notice numbers (aux digit 3, mod 93)', () => {
  it.each([
    ['01', '0000000000001', '301000000000000144'],
    ['47', '2025000012345', '347202500001234535']
  ])('segregation %s, base %s → %s', (segregation, base, nav) => {
    expect(buildNoticeCodes(segregation, base)).toEqual({ nav, iuv: nav.slice(1) })
  })

  it('accepts real notices and refuses a wrong check digit', () => {
    expect(isValidNoticeNumber('302032002700000251')).toBe(true)
    expect(isValidNoticeNumber('300715700000000032')).toBe(true)
    expect(isValidNoticeNumber('302032002700000252')).toBe(false)
    expect(isValidNoticeNumber('30203200270000025')).toBe(false)
  })

  it('prints in groups of four', () => {
    expect(formatNoticeNumber('347202500001234535')).toBe('3472 0250 0001 2345 35')
  })

  it('refuses malformed parts', () => {
    expect(() => buildNoticeCodes('1', '0000000000001')).toThrow(/segregazione/)
    expect(() => buildNoticeCodes('01', '123')).toThrow(/13 cifre/)
  })
})

describe('fiscal codes', () => {
  it.each(['RSSMRA85T10A562S', 'RSSMRA80A01H501U', 'RSSMRA85T10A56NH'])('accepts %s', (cf) => {
    expect(isValidPersonFiscalCode(cf)).toBe(true)
  })

  it('refuses a wrong check character', () => {
    expect(isValidPersonFiscalCode('RSSMRA85T10A562T')).toBe(false)
  })

  it('maps omocodia back to digits', () => {
    expect(deOmocode('RSSMRA85T10A56NH')).toBe('RSSMRA85T10A562S')
  })

  it('computes the code of a person the way the registry does', () => {
    expect(
      computePersonFiscalCode({ surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: { year: 1980, month: 1, day: 1 }, birthPlaceCode: 'H501' })
    ).toBe('RSSMRA80A01H501U')
  })

  it.each(['01199250158', '00743110157', '00085240950', '03334231200', '12345678903'])('accepts the numeric code %s', (code) => {
    expect(isValidNumericFiscalCode(code)).toBe(true)
  })

  it('refuses a wrong numeric check digit', () => {
    expect(isValidNumericFiscalCode('01199250159')).toBe(false)
  })
})
