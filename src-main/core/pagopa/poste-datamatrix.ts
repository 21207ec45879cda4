// The Data Matrix of the Poste section of a notice ("bollettino PA"), 256 characters:
//   codfase=NBPA; 18<notice 18> 12<postal account 12> 10<amount cents 10> 3 896 1P1
//   <ente CF 11><debtor CF 16><debtor name 40><subject 110><12 spaces>A
import { fail, ok, type Check } from './check'
import { parseNoticeNumber } from './notice-number'

const PREFIX = 'codfase=NBPA;'
export const DATAMATRIX_LENGTH = 256

export interface PosteDataMatrix {
  nav: string
  postalAccount: string
  amountCents: number
  enteFiscalCode: string
  debtorFiscalCode: string
  debtorName: string
  subject: string
}

const fit = (text: string, width: number) => text.slice(0, width).padEnd(width, ' ')

export function buildDataMatrixPayload(d: PosteDataMatrix): string {
  const codeline =
    '18' + d.nav.padStart(18, '0') + '12' + d.postalAccount.padStart(12, '0') + '10' + String(d.amountCents).padStart(10, '0') + '3' + '896'
  return (
    PREFIX + codeline + '1P1' + fit(d.enteFiscalCode, 11) + fit(d.debtorFiscalCode, 16) + fit(d.debtorName, 40) + fit(d.subject, 110) + ' '.repeat(12) + 'A'
  )
}

export function parseDataMatrixPayload(input: string): Check<PosteDataMatrix> {
  // Scanners may drop trailing spaces or add a line end: only the fixed part must be there.
  const text = input.replace(/[\r\n]+$/, '')
  if (!text.startsWith(PREFIX)) return fail('pagopa.dataMatrix.notPoste')
  if (text.length < 77) return fail('pagopa.dataMatrix.incomplete')
  const at = (from: number, to: number) => text.slice(from, to)
  if (at(13, 15) !== '18' || at(33, 35) !== '12' || at(47, 49) !== '10' || at(59, 63) !== '3896' || at(63, 66) !== '1P1') {
    return fail('pagopa.dataMatrix.malformed')
  }
  const notice = parseNoticeNumber(at(15, 33))
  if (!notice.valid) return fail('pagopa.dataMatrix.notice', { reason: notice.reason })
  const amount = at(49, 59)
  if (!/^\d{10}$/.test(amount) || Number(amount) < 1) return fail('pagopa.dataMatrix.amount')
  return ok({
    nav: notice.nav,
    postalAccount: at(35, 47).replace(/^0+(?=\d)/, ''),
    amountCents: Number(amount),
    enteFiscalCode: at(66, 77).trim(),
    debtorFiscalCode: at(77, 93).trim(),
    debtorName: at(93, 133).trim(),
    subject: at(133, 243).trim()
  })
}
