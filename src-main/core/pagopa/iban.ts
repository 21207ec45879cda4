import { electronicFormatIBAN, extractIBAN, friendlyFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools'
import { fail, ok, type Check } from './check'

const REASONS: Record<number, string> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'IBAN mancante.',
  [ValidationErrorsIBAN.NoIBANCountry]: 'IBAN non valido: le prime due lettere non indicano un paese noto.',
  [ValidationErrorsIBAN.WrongBBANLength]: 'IBAN non valido: la lunghezza non è quella prevista per il paese (27 caratteri per l’Italia).',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'IBAN non valido: la parte dopo le cifre di controllo non ha la forma prevista per il paese.',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'IBAN non valido: il terzo e il quarto carattere devono essere cifre.',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'IBAN non valido: le cifre di controllo non corrispondono. Verificare di averlo copiato correttamente.',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'IBAN non valido: il carattere di controllo (CIN) non corrisponde a ABI, CAB e conto.',
  [ValidationErrorsIBAN.QRIBANNotAllowed]: 'IBAN non ammesso.'
}

export function parseIban(input: string): Check<{ iban: string; formatted: string; country: string; abi?: string; cab?: string; account?: string }> {
  const iban = electronicFormatIBAN(input) ?? ''
  const result = validateIBAN(iban)
  if (!result.valid) return fail(REASONS[result.errorCodes[0] ?? 0] ?? 'IBAN non valido.')
  const parts = extractIBAN(iban)
  const italian = parts.countryCode === 'IT'
  return ok({
    iban,
    formatted: friendlyFormatIBAN(iban) ?? iban,
    country: parts.countryCode ?? '',
    ...(italian ? { abi: iban.slice(5, 10), cab: iban.slice(10, 15), account: iban.slice(15) } : {})
  })
}
