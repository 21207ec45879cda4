// Money is integer euro cents from input to GPD. Operators type Italian amounts: "1.234,56",
// "1234,56", "12", "12,5"; a dot followed by exactly three digits groups thousands.
import { fail, ok, type Check } from './check'

/** The largest amount a notice can print: 999.999.999,99 €. */
export const MAX_AMOUNT_CENTS = 99_999_999_999

export function parseAmount(input: string): Check<{ cents: number }> {
  const text = input.replace(/\s|€/g, '')
  if (text === '') return fail('pagopa.amount.missing')
  if (text.startsWith('-')) return fail('pagopa.amount.negative')
  const italian = /^(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$/
  const plainDot = /^\d+\.\d{1,2}$/
  let euros: string
  let decimals = ''
  if (italian.test(text)) {
    const [integer, fraction] = text.split(',')
    euros = integer!.replace(/\./g, '')
    decimals = fraction ?? ''
  } else if (plainDot.test(text)) {
    // "12.50" from a spreadsheet or a scanner: a dot with one or two digits is a decimal point.
    ;[euros, decimals] = text.split('.') as [string, string]
  } else if (/,\d{3,}$/.test(text)) {
    return fail('pagopa.amount.decimals')
  } else {
    return fail('pagopa.amount.invalid', { input: input.trim() })
  }
  const cents = Number(euros) * 100 + Number(decimals.padEnd(2, '0'))
  if (!Number.isSafeInteger(cents) || cents > MAX_AMOUNT_CENTS) return fail('pagopa.amount.tooLarge')
  if (cents < 1) return fail('pagopa.amount.tooSmall')
  return ok({ cents })
}

/** "1.234,56" (no currency sign), for fields the operator edits. */
export function centsToInput(cents: number): string {
  const euros = Math.floor(cents / 100)
  const rest = String(cents % 100).padStart(2, '0')
  return `${euros.toLocaleString('it-IT', { useGrouping: 'always' } as Intl.NumberFormatOptions)},${rest}`
}
