// Property-based tests (fast-check) for everything the desk parses from outside: what operators
// type or scan (notice numbers, QR and Data Matrix strings, fiscal codes, amounts, IBANs) and what
// the backend answers. Two properties each: nothing ever throws (a bad input is a Check with an
// Italian reason), and whatever the desk itself writes reads back the same.
import fc from 'fast-check'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGpdClient } from '../../src-main/core/gpd/client'
import { GpdError } from '../../src-main/core/gpd/errors'
import { createSpecValidator } from '../../src-main/core/gpd/spec-validator'
import { computePersonFiscalCode, deOmocode, fiscalCodeCheckChar, numericCheckDigit, parseFiscalCode, parsePartitaIva } from '../../src-main/core/pagopa/fiscal-code'
import { parseIban } from '../../src-main/core/pagopa/iban'
import { centsToInput, MAX_AMOUNT_CENTS, parseAmount } from '../../src-main/core/pagopa/money'
import { buildNoticeCodes, parseNoticeNumber } from '../../src-main/core/pagopa/notice-number'
import { buildDataMatrixPayload, DATAMATRIX_LENGTH, parseDataMatrixPayload } from '../../src-main/core/pagopa/poste-datamatrix'
import { buildQrPayload, parseQrPayload } from '../../src-main/core/pagopa/qr-code'
import { parseCausale, parseTaxonomyCode } from '../../src-main/core/pagopa/taxonomy'
import { isMessage, italian, type Message } from '../../src-main/contract/messages'
import { ROOT } from '../helpers/paths'

const RUNS = { numRuns: 500 }
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })
const notice = fc.tuple(digits(2), digits(13)).map(([segregation, base]) => buildNoticeCodes(segregation, base).nav)
const enteFiscalCode = digits(10).map((first) => first + numericCheckDigit(first))
const amount = fc.integer({ min: 1, max: MAX_AMOUNT_CENTS })
/** Text as it arrives from a keyboard, a scanner or a file: any Unicode, control characters included. */
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 }))
const isCheck = (value: { valid: boolean; reason?: Message }) => value.valid || (isMessage(value.reason) && italian(value.reason).length > 0)

describe('parsers never throw, and say why they refuse', () => {
  it.each([
    ['notice number', parseNoticeNumber],
    ['QR code', parseQrPayload],
    ['Data Matrix', parseDataMatrixPayload],
    ['fiscal code', parseFiscalCode],
    ['partita IVA', parsePartitaIva],
    ['amount', parseAmount],
    ['IBAN', parseIban],
    ['taxonomy code', parseTaxonomyCode],
    ['causale', parseCausale]
  ] as const)('%s', (_name, parse) => {
    fc.assert(fc.property(anyText, (text) => isCheck((parse as (t: string) => { valid: boolean; reason?: Message })(text))), RUNS)
  })

  it('structured near-misses too: a pagoPA prefix with any fields after it', () => {
    const field = fc.oneof(anyText, digits(18), digits(11), fc.constant(''))
    fc.assert(fc.property(fc.array(field, { maxLength: 6 }), (parts) => isCheck(parseQrPayload(['PAGOPA', '002', ...parts].join('|')))), RUNS)
    fc.assert(fc.property(fc.string({ maxLength: 260 }), (rest) => isCheck(parseDataMatrixPayload(`codfase=NBPA;${rest}`))), RUNS)
  })
})

describe('what the desk writes reads back the same', () => {
  it('notice numbers, spaced as on paper or not; any single changed digit after the aux digit is caught', () => {
    // The aux digit itself says which layout follows (0-2 have other ones), so it is not mutated.
    fc.assert(
      fc.property(notice, fc.integer({ min: 1, max: 17 }), fc.integer({ min: 1, max: 9 }), (nav, position, delta) => {
        const spaced = nav.replace(/(\d{4})(?=\d)/g, '$1 ')
        const read = parseNoticeNumber(` ${spaced} `)
        expect(read).toMatchObject({ valid: true, nav })
        const changed = nav.slice(0, position) + String((Number(nav[position]) + delta) % 10) + nav.slice(position + 1)
        expect(parseNoticeNumber(changed).valid).toBe(false)
      }),
      RUNS
    )
  })

  it('the QR payload', () => {
    fc.assert(
      fc.property(notice, enteFiscalCode, amount, (nav, ente, cents) => {
        expect(parseQrPayload(buildQrPayload({ nav, enteFiscalCode: ente, amountCents: cents }))).toEqual({ valid: true, nav, enteFiscalCode: ente, amountCents: cents })
      }),
      RUNS
    )
  })

  it('the Poste Data Matrix, always 256 characters', () => {
    const printable = (max: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz0123456789.,-/'), maxLength: max }).map((s) => s.trim())
    fc.assert(
      fc.property(notice, digits(12), fc.integer({ min: 1, max: 9_999_999_999 }), enteFiscalCode, printable(40), printable(110), (nav, account, cents, ente, name, subject) => {
        const payload = buildDataMatrixPayload({ nav, postalAccount: account, amountCents: cents, enteFiscalCode: ente, debtorFiscalCode: 'RSSMRA80A01H501U', debtorName: name, subject })
        expect(payload).toHaveLength(DATAMATRIX_LENGTH)
        expect(parseDataMatrixPayload(payload)).toMatchObject({ valid: true, nav, amountCents: cents, enteFiscalCode: ente, debtorName: name, subject })
      }),
      RUNS
    )
  })

  it('fiscal codes, with and without omocodia', () => {
    const letters = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 1, maxLength: 15 })
    const person = fc.record({
      surname: letters,
      givenName: letters,
      sex: fc.constantFrom('M' as const, 'F' as const),
      birthDate: fc.record({ year: fc.integer({ min: 1900, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }),
      birthPlaceCode: fc.tuple(fc.constantFrom(...'ABCDEFGHILMZ'), digits(3)).map(([l, d]) => l + d)
    })
    const OMOCODIA = 'LMNPQRSTUV'
    fc.assert(
      fc.property(person, fc.subarray([14, 13, 12, 10, 9, 7, 6]), (p, omocode) => {
        const code = computePersonFiscalCode(p)
        expect(parseFiscalCode(code.toLowerCase())).toMatchObject({ valid: true, fiscalCode: code, kind: 'person', canonical: code })
        // Omocodia replaces digits with letters from the right; the check character is recomputed.
        const chars = code.split('')
        for (const i of omocode) chars[i] = OMOCODIA[Number(chars[i])]!
        const first15 = chars.slice(0, 15).join('')
        const withCheck = first15 + fiscalCodeCheckChar(first15)
        expect(deOmocode(withCheck)).toBe(code)
        expect(parseFiscalCode(withCheck)).toMatchObject({ valid: true, canonical: code })
      }),
      RUNS
    )
  })

  it('amounts, as the desk shows them in its fields', () => {
    fc.assert(fc.property(amount, (cents) => {
        expect(parseAmount(centsToInput(cents))).toEqual({ valid: true, cents })
      }), RUNS)
  })
})

describe('the backend’s answers', () => {
  let server: Server
  let reply: { status: number; body: string; type: string } = { status: 200, body: '{}', type: 'application/json' }
  let baseUrl = ''
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(reply.status, { 'Content-Type': reply.type })
      res.end(reply.body)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('any JSON, any status, any bytes: a spec-conforming value or a GpdError, never anything else', async () => {
    const client = createGpdClient({ baseUrl, organizationFiscalCode: '00723456018', validator: createSpecValidator(join(ROOT, 'resources', 'specs', 'gpd')), timeoutMs: 5_000 })
    const body = fc.oneof(
      fc.json().map((json) => ({ body: json, type: 'application/json' })),
      fc.string({ maxLength: 200 }).map((text) => ({ body: text, type: 'application/json' })),
      fc.string({ maxLength: 200 }).map((text) => ({ body: text, type: 'text/html' })),
      // A position-shaped answer with random fields: the validator must still catch what is off.
      fc.record({ iupd: fc.string(), status: fc.string(), paymentOption: fc.array(fc.record({ nav: fc.string(), amount: fc.integer() }), { maxLength: 3 }) }).map((o) => ({ body: JSON.stringify(o), type: 'application/json' }))
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(200, 201, 400, 404, 409, 422, 500, 503), body, async (status, answer) => {
        reply = { status, ...answer }
        try {
          const position = await client.getPosition('VLD-TARI-2026-1')
          expect(status).toBe(200)
          expect(typeof position).toBe('object')
        } catch (error) {
          expect(error).toBeInstanceOf(GpdError)
          expect((error as GpdError).message).toMatch(/backend pagoPA/)
        }
      }),
      { numRuns: 200 }
    )
  })
})
