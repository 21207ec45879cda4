import type { INPUT_MESSAGES } from '@contract/messages/input'
import type { Catalog } from '@contract/messages'

export const INPUT_EN: Catalog<typeof INPUT_MESSAGES> = {
  invalid: 'Invalid data. {details}',
  issue: '{path}: {text}',
  cashRegisterId: 'the cash register code has 8 digits',
  changeReason: 'state the reason for the change',
  citizenCode: 'fiscal code of 16 characters or VAT number of 11 digits',
  debtorCountry: 'the country is its two-letter code (e.g. IT)',
  debtorEmail: 'invalid e-mail address',
  debtorFullName: 'enter surname and name, or the company name',
  debtorPostalCode: 'an Italian postal code (CAP) has 5 digits',
  debtorProvince: 'the province is its two-letter code (e.g. RM)',
  deskName: 'enter the desk name',
  dueTypeCode: 'code: capital letters, digits, - and _ (at most 40)',
  enteFiscalCode: 'the ente’s fiscal code has 11 digits',
  isoDay: 'date as yyyy-mm-dd',
  iupdPrefix: 'the identifier prefix has 2 to 10 capital letters or digits',
  keyTooShort: 'key too short',
  noticeNumber: 'notice number of 18 digits',
  passwordLength: 'the password must have at least 10 characters',
  posHost: 'enter the POS address',
  posOutcomeNote: 'State where the outcome comes from (receipt, POS journal).',
  reason: 'state the reason',
  retentionMax: 'at most 10 years',
  retentionMin: 'at least 30 days',
  segregationCode: 'the segregation code has 2 digits',
  serialPort: 'choose the serial port',
  terminalId: 'the terminal code has 8 digits',
  username: 'user name: lower-case letters, digits, . _ - (2 to 60)'
}
