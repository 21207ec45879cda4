// Codice fiscale of natural persons (16 characters) and numeric fiscal codes / partita IVA
// (11 digits, also used by companies and by the ente itself).
import { fail, ok, type Check } from './check'

const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
const MONTH_LETTERS = 'ABCDEHLMPRST'
const OMOCODIA_LETTERS = 'LMNPQRSTUV'
const PERSON_PATTERN = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/

function charValue(ch: string): number {
  const code = ch.charCodeAt(0)
  return code >= 48 && code <= 57 ? code - 48 : code - 65
}

/** The 16th character of a personal fiscal code, from the first 15. */
export function fiscalCodeCheckChar(first15: string): string {
  let sum = 0
  for (let i = 0; i < 15; i++) {
    const value = charValue(first15[i]!)
    // Positions are counted from 1 in the rule: index 0 is an "odd" position.
    sum += i % 2 === 0 ? ODD_VALUES[value]! : value
  }
  return String.fromCharCode(65 + (sum % 26))
}

export function isPersonFiscalCodeShape(code: string): boolean {
  return PERSON_PATTERN.test(code)
}

export function isValidPersonFiscalCode(code: string): boolean {
  return PERSON_PATTERN.test(code) && fiscalCodeCheckChar(code.slice(0, 15)) === code[15]
}

export function isValidNumericFiscalCode(code: string): boolean {
  if (!/^\d{11}$/.test(code)) return false
  return numericCheckDigit(code.slice(0, 10)) === code[10]
}

export function numericCheckDigit(first10: string): string {
  let sum = 0
  for (let i = 0; i < 10; i++) {
    const digit = first10.charCodeAt(i) - 48
    if (i % 2 === 0) sum += digit
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2
  }
  return String((10 - (sum % 10)) % 10)
}

const VOWELS = /[AEIOU]/
function letters(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
}
function split(text: string): { consonants: string; vowels: string } {
  let consonants = ''
  let vowels = ''
  for (const ch of letters(text)) {
    if (VOWELS.test(ch)) vowels += ch
    else consonants += ch
  }
  return { consonants, vowels }
}

function surnameCode(surname: string): string {
  const { consonants, vowels } = split(surname)
  return (consonants + vowels + 'XXX').slice(0, 3)
}

function givenNameCode(name: string): string {
  const { consonants, vowels } = split(name)
  if (consonants.length >= 4) return consonants[0]! + consonants[2]! + consonants[3]!
  return (consonants + vowels + 'XXX').slice(0, 3)
}

export interface PersonData {
  surname: string
  givenName: string
  sex: 'M' | 'F'
  birthDate: { year: number; month: number; day: number }
  /** Codice catastale (Belfiore) of the birthplace, e.g. H501 for Roma. */
  birthPlaceCode: string
}

/** Builds the fiscal code a person with these data receives (without omocodia). */
export function computePersonFiscalCode(p: PersonData): string {
  const year = String(p.birthDate.year % 100).padStart(2, '0')
  const month = MONTH_LETTERS[p.birthDate.month - 1]
  if (!month) throw new Error('Mese di nascita non valido')
  const day = String(p.birthDate.day + (p.sex === 'F' ? 40 : 0)).padStart(2, '0')
  const first15 = surnameCode(p.surname) + givenNameCode(p.givenName) + year + month + day + p.birthPlaceCode.toUpperCase()
  return first15 + fiscalCodeCheckChar(first15)
}

/** Replaces omocodia letters with the digits they stand for (positions 7,8,10,11,13,14,15). */
export function deOmocode(code: string): string {
  const chars = code.split('')
  for (const i of [6, 7, 9, 10, 12, 13, 14]) {
    const at = OMOCODIA_LETTERS.indexOf(chars[i]!)
    if (at >= 0) chars[i] = String(at)
  }
  const first15 = chars.slice(0, 15).join('')
  return first15 + fiscalCodeCheckChar(first15)
}

export type FiscalCodeKind = 'person' | 'numeric'

/** Validates a debtor's fiscal code (16 characters) or partita IVA / numeric code (11 digits). */
export function parseFiscalCode(input: string): Check<{ fiscalCode: string; kind: FiscalCodeKind; canonical: string }> {
  const code = input.replace(/\s/g, '').toUpperCase()
  if (code === '') return fail('pagopa.fiscalCode.missing')
  if (/^\d+$/.test(code)) {
    if (code.length !== 11) return fail('pagopa.fiscalCode.numericLength', { count: code.length })
    if (!isValidNumericFiscalCode(code)) return fail('pagopa.fiscalCode.numericCheckDigit', { code })
    return ok({ fiscalCode: code, kind: 'numeric', canonical: code })
  }
  if (code.length !== 16) return fail('pagopa.fiscalCode.personLength', { count: code.length })
  if (!PERSON_PATTERN.test(code)) {
    return fail('pagopa.fiscalCode.personShape', { code })
  }
  const expected = fiscalCodeCheckChar(code.slice(0, 15))
  if (expected !== code[15]) return fail('pagopa.fiscalCode.personCheckChar', { code, expected, found: code[15]! })
  return ok({ fiscalCode: code, kind: 'person', canonical: deOmocode(code) })
}

/** Validates an 11-digit partita IVA. */
export function parsePartitaIva(input: string): Check<{ partitaIva: string }> {
  const code = input.replace(/\s/g, '').replace(/^IT/i, '')
  if (!/^\d{11}$/.test(code)) return fail('pagopa.partitaIva.length', { input: input.trim() })
  if (!isValidNumericFiscalCode(code)) return fail('pagopa.partitaIva.checkDigit', { code })
  return ok({ partitaIva: code })
}
