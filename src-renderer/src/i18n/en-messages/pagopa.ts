import type { PAGOPA_MESSAGES } from '@contract/messages/pagopa'
import type { Catalog } from '@contract/messages'

export const PAGOPA_EN: Catalog<typeof PAGOPA_MESSAGES> = {
  noticeNumber: {
    missing: 'Notice number missing.',
    digitsOnly: 'A notice number contains only digits (and possibly spaces).',
    length: 'A notice number has 18 digits: {count} were entered.',
    checkDigits: 'Invalid notice number: the final check digits do not match. Please check it was copied correctly.',
    auxDigit: 'Invalid notice number: the first digit must be 0, 1, 2 or 3, not {digit}.'
  },
  iuvExhausted: 'IUV numbering exhausted for this desk.',
  qr: {
    notPagopa: "This is not the QR code of a pagoPA notice (it must start with PAGOPA{'|'}).",
    incomplete: "Incomplete pagoPA QR code: 5 parts separated by {'|'} expected, {count} found.",
    version: 'QR code version not supported: {version} (002 expected).',
    notice: 'QR code: {reason}',
    enteFiscalCode: 'QR code: the ente’s fiscal code "{code}" is not valid.',
    amount: 'QR code: invalid amount "{amount}" (cents, digits only).',
    amountTooSmall: 'QR code: the amount must be at least one cent.'
  },
  dataMatrix: {
    notPoste: 'This is not the Data Matrix code of a Poste pagoPA payment slip (it must start with codfase=NBPA;).',
    incomplete: 'Incomplete Data Matrix code.',
    malformed: 'The Data Matrix code does not follow the Poste PA payment slip format.',
    notice: 'Data Matrix code: {reason}',
    amount: 'Data Matrix code: invalid amount.'
  },
  fiscalCode: {
    missing: 'Fiscal code missing.',
    numericLength: 'A numeric fiscal code (VAT number) has 11 digits: {count} were entered.',
    numericCheckDigit: 'VAT number / fiscal code {code} is not valid: the check digit does not match.',
    personLength: 'A person’s fiscal code has 16 characters: {count} were entered.',
    personShape: 'The fiscal code {code} does not have the right shape (6 letters, 2 digits, 1 letter, 2 digits, 1 letter, 3 digits, 1 letter).',
    personCheckChar: 'Fiscal code {code} is not valid: the check character should be {expected}, not {found}.'
  },
  partitaIva: {
    length: 'A VAT number has 11 digits: "{input}" is not valid.',
    checkDigit: 'VAT number {code} is not valid: the check digit does not match.'
  },
  iban: {
    missing: 'IBAN missing.',
    unknownCountry: 'Invalid IBAN: the first two letters do not name a known country.',
    length: 'Invalid IBAN: the length is not the one expected for the country (27 characters for Italy).',
    format: 'Invalid IBAN: the part after the check digits does not have the format expected for the country.',
    checksumNotDigits: 'Invalid IBAN: the third and fourth characters must be digits.',
    checksum: 'Invalid IBAN: the check digits do not match. Please check it was copied correctly.',
    cin: 'Invalid IBAN: the check character (CIN) does not match the ABI, CAB and account number.',
    notAllowed: 'IBAN not allowed.',
    invalid: 'Invalid IBAN.'
  },
  taxonomy: {
    invalid: 'Invalid taxonomy code: "{input}". The format is 9/TTAASSSMM/ (e.g. 9/0101101IM/), with MM one of IM, TS, SP, SA, AP.'
  },
  causale: {
    missing: 'The description is required.',
    tooLong: 'The description can be at most {max} characters long: it has {length}.',
    unprintable: 'The description contains non-printable characters.'
  },
  amount: {
    missing: 'Amount missing.',
    negative: 'The amount cannot be negative.',
    decimals: 'The amount can have at most two decimal places.',
    invalid: 'Invalid amount: "{input}". Write it as, for example, 1.234,56',
    tooLarge: 'The amount exceeds the maximum of €999,999,999.99.',
    tooSmall: 'The amount must be at least €0.01.'
  }
}
