import { describe, expect, it } from 'vitest'
import { parseFiscalCode, parsePartitaIva } from '../../src-main/core/pagopa/fiscal-code'
import { parseIban } from '../../src-main/core/pagopa/iban'
import { centsToInput, parseAmount } from '../../src-main/core/pagopa/money'
import { parseNoticeNumber } from '../../src-main/core/pagopa/notice-number'
import { buildDataMatrixPayload, DATAMATRIX_LENGTH, parseDataMatrixPayload } from '../../src-main/core/pagopa/poste-datamatrix'
import { buildQrPayload, parseQrPayload } from '../../src-main/core/pagopa/qr-code'
import { allowedActions, whyNotAllowed } from '../../src-main/core/pagopa/status-rules'
import { parseCausale, parseTaxonomyCode } from '../../src-main/core/pagopa/taxonomy'
import { italian, type Message } from '../../src-main/contract/messages'

/** A refusal's reason in Italian; null when the value was accepted. */
const why = (check: { valid: boolean; reason?: Message }) => (check.valid ? null : italian(check.reason!))

describe('amounts', () => {
  it.each([
    ['1.234,56', 123456], ['1234,56', 123456], ['12', 1200], ['12,5', 1250], ['0,01', 1], ['€ 1.000', 100000],
    ['12.50', 1250], ['999.999.999,99', 99999999999], [' 7,00 € ', 700]
  ])('%j is %i cents', (text, cents) => {
    expect(parseAmount(text)).toEqual({ valid: true, cents })
  })
  it.each([
    ['', /mancante/], ['-5', /negativo/], ['12,345', /due decimali/], ['abc', /non valido/], ['0', /almeno/],
    ['1.000.000.000,00', /massimo/], ['1,2,3', /non valido/], ['1.23.4', /non valido/]
  ])('%j is refused', (text, reason) => {
    const result = parseAmount(text)
    expect(result.valid).toBe(false)
    if (!result.valid) expect(italian(result.reason)).toMatch(reason)
  })
  it('writes cents back for editing', () => {
    expect(centsToInput(123456)).toBe('1.234,56')
    expect(centsToInput(5)).toBe('0,05')
  })
})

describe('notice numbers with reasons', () => {
  it('parses spaced numbers and their parts', () => {
    expect(parseNoticeNumber('3472 0250 0001 2345 35')).toEqual({ valid: true, nav: '347202500001234535', iuv: '47202500001234535', segregationCode: '47', auxDigit: '3' })
    expect(parseNoticeNumber('001721265093769322')).toMatchObject({ valid: true, auxDigit: '0', iuv: '721265093769322' })
  })
  it.each([
    ['3472 0250 0001 2345 36', /cifre di controllo/], ['34720250000123453', /18 cifre: ne sono state scritte 17/],
    ['3472-0250-ABCD', /solo cifre/], ['', /mancante/], ['547202500001234535', /prima cifra/]
  ])('refuses %j', (text, reason) => {
    const result = parseNoticeNumber(text)
    expect(result.valid).toBe(false)
    if (!result.valid) expect(italian(result.reason)).toMatch(reason)
  })
})

describe('QR code and Poste Data Matrix payloads', () => {
  it('reads the guide\'s examples, padded or not', () => {
    expect(parseQrPayload('PAGOPA|002|302032002700000251|03334231200|11')).toEqual({ valid: true, nav: '302032002700000251', enteFiscalCode: '03334231200', amountCents: 11 })
    expect(parseQrPayload('PAGOPA|002|347202500001234535|01199250158|0000015000')).toMatchObject({ valid: true, amountCents: 15000 })
  })
  it('round-trips what it builds', () => {
    const qr = { nav: '347202500001234535', enteFiscalCode: '01199250158', amountCents: 15000 }
    expect(buildQrPayload(qr)).toBe('PAGOPA|002|347202500001234535|01199250158|15000')
    expect(parseQrPayload(buildQrPayload(qr))).toEqual({ valid: true, ...qr })
  })
  it.each([
    ['HELLO|002|x', /PAGOPA/], ['PAGOPA|001|302032002700000251|03334231200|11', /Versione/], ['PAGOPA|002|302032002700000252|03334231200|11', /controllo/],
    ['PAGOPA|002|302032002700000251|03334231201|11', /ente/], ['PAGOPA|002|302032002700000251|03334231200|1,1', /importo/], ['PAGOPA|002|302032002700000251', /5 parti/]
  ])('refuses %j', (text, reason) => {
    const result = parseQrPayload(text)
    expect(result.valid).toBe(false)
    if (!result.valid) expect(italian(result.reason)).toMatch(reason)
  })

  const matrix = {
    nav: '300715700000000032', postalAccount: '16302093', amountCents: 1, enteFiscalCode: '00085240950',
    debtorFiscalCode: 'BSCMTT83A12L719R', debtorName: 'Name Surname', subject: 'test'
  }
  it('builds the 256-character Data Matrix string of the guide', () => {
    const payload = buildDataMatrixPayload(matrix)
    expect(payload).toHaveLength(DATAMATRIX_LENGTH)
    expect(payload.startsWith('codfase=NBPA;183007157000000000321200001630209310000000000138961P100085240950BSCMTT83A12L719RName Surname')).toBe(true)
    expect(payload.endsWith(' '.repeat(12) + 'A')).toBe(true)
    expect(payload.slice(15, 33)).toBe(matrix.nav)
    expect(payload.slice(49, 59)).toBe('0000000001')
    expect(payload.slice(66, 77)).toBe(matrix.enteFiscalCode)
  })
  it('reads back what it builds, and truncates long names', () => {
    expect(parseDataMatrixPayload(buildDataMatrixPayload(matrix))).toEqual({ valid: true, ...matrix })
    const long = buildDataMatrixPayload({ ...matrix, debtorName: 'X'.repeat(60), subject: 'Y'.repeat(200) })
    expect(long).toHaveLength(DATAMATRIX_LENGTH)
  })
  it('refuses other strings', () => {
    expect(parseDataMatrixPayload('codfase=XXXX;').valid).toBe(false)
    expect(parseDataMatrixPayload(buildDataMatrixPayload(matrix).replace('3896', '3123')).valid).toBe(false)
  })
})

describe('fiscal codes, partita IVA, IBAN, taxonomy, causale', () => {
  it('explains fiscal code mistakes', () => {
    expect(parseFiscalCode(' rssmra80a01h501u ')).toEqual({ valid: true, fiscalCode: 'RSSMRA80A01H501U', kind: 'person', canonical: 'RSSMRA80A01H501U' })
    expect(parseFiscalCode('RSSMRA85T10A56NH')).toMatchObject({ valid: true, canonical: 'RSSMRA85T10A562S' })
    expect(parseFiscalCode('01199250158')).toMatchObject({ valid: true, kind: 'numeric' })
    expect(why(parseFiscalCode('RSSMRA80A01H501X'))).toMatch(/dovrebbe essere U, non X/)
    expect(parseFiscalCode('RSSMRA80A01H501X')).toEqual({ valid: false, reason: { key: 'pagopa.fiscalCode.personCheckChar', params: { code: 'RSSMRA80A01H501X', expected: 'U', found: 'X' } } })
    expect(why(parseFiscalCode('RSSMRA80A01H501'))).toMatch(/16 caratteri: ne sono stati scritti 15/)
    expect(why(parseFiscalCode('RSSMRA80Z01H501U'))).toMatch(/forma corretta/)
    expect(why(parseFiscalCode('0119925015'))).toMatch(/11 cifre/)
  })
  it('checks partita IVA', () => {
    expect(parsePartitaIva('IT01199250158')).toEqual({ valid: true, partitaIva: '01199250158' })
    expect(why(parsePartitaIva('01199250159'))).toMatch(/cifra di controllo/)
  })
  it('checks IBANs with ibantools and explains in Italian', () => {
    expect(parseIban('IT60 X054 2811 1010 0000 0123 456')).toMatchObject({ valid: true, iban: 'IT60X0542811101000000123456', abi: '05428', cab: '11101' })
    expect(why(parseIban('IT61X0542811101000000123456'))).toMatch(/cifre di controllo/)
    expect(why(parseIban('IT60X05428111010000001234'))).toMatch(/lunghezza/)
    expect(why(parseIban(''))).toBe('IBAN mancante.')
  })
  it('reads taxonomy codes, known or not', () => {
    expect(parseTaxonomyCode('9/0101101IM/')).toMatchObject({ valid: true, known: true, requestToPay: true, legalReason: 'imposta' })
    expect(parseTaxonomyCode('7/0101101IM/')).toMatchObject({ valid: true, known: true, requestToPay: false })
    expect(parseTaxonomyCode('9/0199999TS/')).toMatchObject({ valid: true, known: false })
    expect(parseTaxonomyCode('9/0101101XX/').valid).toBe(false)
    expect(parseTaxonomyCode('0101101IM').valid).toBe(false)
  })
  it('limits the causale to 140 printable characters', () => {
    expect(parseCausale('  TARI   2026 ')).toEqual({ valid: true, causale: 'TARI 2026' })
    expect(why(parseCausale('x'.repeat(141)))).toMatch(/140/)
    expect(why(parseCausale(''))).toMatch(/obbligatoria/)
  })
})

describe('what each status allows', () => {
  it('follows GPD', () => {
    expect(allowedActions('VALID')).toEqual({ edit: true, delete: true, invalidate: true, markPaid: true, publish: false })
    expect(allowedActions('DRAFT')).toEqual({ edit: true, delete: true, invalidate: false, markPaid: false, publish: true })
    expect(allowedActions('PAID')).toEqual({ edit: false, delete: false, invalidate: false, markPaid: false, publish: false })
    expect(allowedActions('PARTIALLY_PAID')).toEqual({ edit: false, delete: false, invalidate: false, markPaid: true, publish: false })
    expect(allowedActions('EXPIRED')).toMatchObject({ edit: true, delete: true, invalidate: false })
  })
  it('says why not in Italian', () => {
    expect(whyNotAllowed('edit', 'PAID')).toEqual({ key: 'dues.notAllowed', params: { action: { key: 'dues.notAllowedAction.edit' }, why: { key: 'dues.notAllowedBecause.paid' } } })
    expect(whyNotAllowed('edit', 'VALID')).toBeNull()
  })
})
