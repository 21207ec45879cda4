import { electronicFormatIBAN, extractIBAN, friendlyFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools'
import type { MessageKey } from '../../contract/messages'
import { fail, ok, type Check } from './check'

const REASONS: Record<number, MessageKey> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'pagopa.iban.missing',
  [ValidationErrorsIBAN.NoIBANCountry]: 'pagopa.iban.unknownCountry',
  [ValidationErrorsIBAN.WrongBBANLength]: 'pagopa.iban.length',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'pagopa.iban.format',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'pagopa.iban.checksumNotDigits',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'pagopa.iban.checksum',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'pagopa.iban.cin',
  [ValidationErrorsIBAN.QRIBANNotAllowed]: 'pagopa.iban.notAllowed'
}

export function parseIban(input: string): Check<{ iban: string; formatted: string; country: string; abi?: string; cab?: string; account?: string }> {
  const iban = electronicFormatIBAN(input) ?? ''
  const result = validateIBAN(iban)
  if (!result.valid) return fail(REASONS[result.errorCodes[0] ?? 0] ?? 'pagopa.iban.invalid')
  const parts = extractIBAN(iban)
  const italian = parts.countryCode === 'IT'
  return ok({
    iban,
    formatted: friendlyFormatIBAN(iban) ?? iban,
    country: parts.countryCode ?? '',
    ...(italian ? { abi: iban.slice(5, 10), cab: iban.slice(10, 15), account: iban.slice(15) } : {})
  })
}
