// The QR code of a pagoPA notice: PAGOPA|002|<notice number>|<ente fiscal code>|<amount in cents>.
// PagoPA's generator writes the amount unpadded, the guide's examples pad it to 10 digits: read both.
import { fail, ok, type Check } from './check'
import { isValidNumericFiscalCode } from './fiscal-code'
import { parseNoticeNumber } from './notice-number'

export interface NoticeQr {
  nav: string
  enteFiscalCode: string
  amountCents: number
}

export function buildQrPayload(qr: NoticeQr): string {
  return `PAGOPA|002|${qr.nav}|${qr.enteFiscalCode}|${qr.amountCents}`
}

export function parseQrPayload(input: string): Check<NoticeQr> {
  const text = input.trim()
  const parts = text.split('|')
  if (parts[0]?.toUpperCase() !== 'PAGOPA') return fail('Non è il codice QR di un avviso pagoPA (deve iniziare con PAGOPA|).')
  if (parts.length !== 5) return fail(`Codice QR pagoPA incompleto: attese 5 parti separate da |, trovate ${parts.length}.`)
  const [, version, navText, enteFiscalCode, amountText] = parts as [string, string, string, string, string]
  if (version !== '002') return fail(`Versione del codice QR non supportata: ${version} (attesa 002).`)
  const notice = parseNoticeNumber(navText)
  if (!notice.valid) return fail(`Codice QR: ${notice.reason}`)
  if (!isValidNumericFiscalCode(enteFiscalCode)) return fail(`Codice QR: il codice fiscale dell'ente "${enteFiscalCode}" non è valido.`)
  if (!/^\d{1,11}$/.test(amountText)) return fail(`Codice QR: importo non valido "${amountText}" (centesimi, solo cifre).`)
  const amountCents = Number(amountText)
  if (amountCents < 1) return fail("Codice QR: l'importo deve essere di almeno un centesimo.")
  return ok({ nav: notice.nav, enteFiscalCode, amountCents })
}
