// Notice numbers ("codice avviso") with aux digit 3, as GPD uses them:
//   nav = 3 + segregation code (2) + IUV base (13) + check digits (2);  IUV = nav without the aux digit.
// The check digits are (aux + segregation + base) mod 93, written on two digits.
import { fail, ok, type Check } from './check'

export const AUX_DIGIT = '3'

function mod93(digits: string): number {
  // 16 digits exceed Number's exact range: reduce digit by digit instead.
  let rest = 0
  for (const ch of digits) rest = (rest * 10 + (ch.charCodeAt(0) - 48)) % 93
  return rest
}

export function checkDigits(prefixDigits: string): string {
  return String(mod93(prefixDigits)).padStart(2, '0')
}

export interface NoticeCodes {
  /** Identificativo Univoco di Versamento, 17 digits. */
  iuv: string
  /** Numero avviso, 18 digits. */
  nav: string
}

export function buildNoticeCodes(segregationCode: string, base13: string): NoticeCodes {
  if (!/^\d{2}$/.test(segregationCode)) throw new Error('Il codice di segregazione deve avere 2 cifre')
  if (!/^\d{13}$/.test(base13)) throw new Error('La base dello IUV deve avere 13 cifre')
  const prefix = AUX_DIGIT + segregationCode + base13
  const nav = prefix + checkDigits(prefix)
  return { nav, iuv: nav.slice(1) }
}

/** Removes the spaces (and dashes) people and printed notices put between digit groups. */
export function compactDigits(text: string): string {
  return text.replace(/[\s\-.]/g, '')
}

/** True for an 18-digit aux-3 notice number whose check digits are right. */
export function isValidNoticeNumber(nav: string): boolean {
  if (!/^3\d{17}$/.test(nav)) return false
  return checkDigits(nav.slice(0, 16)) === nav.slice(16)
}

/** Parses a notice number as typed or printed (spaces allowed) and says what is wrong with it. */
export function parseNoticeNumber(input: string): Check<{ nav: string; iuv: string; segregationCode: string; auxDigit: string }> {
  const nav = compactDigits(input.trim())
  if (nav === '') return fail('pagopa.noticeNumber.missing')
  if (!/^\d+$/.test(nav)) return fail('pagopa.noticeNumber.digitsOnly')
  if (nav.length !== 18) return fail('pagopa.noticeNumber.length', { count: nav.length })
  const aux = nav[0]!
  if (aux === '3') {
    if (checkDigits(nav.slice(0, 16)) !== nav.slice(16)) {
      return fail('pagopa.noticeNumber.checkDigits')
    }
    return ok({ nav, iuv: nav.slice(1), segregationCode: nav.slice(1, 3), auxDigit: aux })
  }
  if (aux === '0' || aux === '2') {
    // Older schemes, still found on paper: 0 carries a 2-digit application code, 2 none.
    const iuvStart = aux === '0' ? 3 : 1
    if (checkDigits(nav.slice(0, 16)) !== nav.slice(16)) {
      return fail('pagopa.noticeNumber.checkDigits')
    }
    return ok({ nav, iuv: nav.slice(iuvStart), segregationCode: '', auxDigit: aux })
  }
  if (aux === '1') return ok({ nav, iuv: nav.slice(1), segregationCode: '', auxDigit: aux })
  return fail('pagopa.noticeNumber.auxDigit', { digit: aux })
}
