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
  if (parts[0]?.toUpperCase() !== 'PAGOPA') return fail('pagopa.qr.notPagopa')
  if (parts.length !== 5) return fail('pagopa.qr.incomplete', { count: parts.length })
  const [, version, navText, enteFiscalCode, amountText] = parts as [string, string, string, string, string]
  if (version !== '002') return fail('pagopa.qr.version', { version })
  const notice = parseNoticeNumber(navText)
  if (!notice.valid) return fail('pagopa.qr.notice', { reason: notice.reason })
  if (!isValidNumericFiscalCode(enteFiscalCode)) return fail('pagopa.qr.enteFiscalCode', { code: enteFiscalCode })
  if (!/^\d{1,11}$/.test(amountText)) return fail('pagopa.qr.amount', { amount: amountText })
  const amountCents = Number(amountText)
  if (amountCents < 1) return fail('pagopa.qr.amountTooSmall')
  return ok({ nav: notice.nav, enteFiscalCode, amountCents })
}
