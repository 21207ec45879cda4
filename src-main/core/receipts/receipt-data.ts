// A receipt as every printer renders it: the A4 PDF (receipt-pdf.ts) and the 80 mm ESC/POS receipt
// printer read the same document and the same lines, so both say the same thing in the same order.
import type { DeskPaymentChannel } from '../../contract/dues'
import { receiptNumberLabel } from '../../contract/receipts'
import { formatCents, formatDate, formatDateTime, formatNoticeNumber } from '../../contract/format'

/** One numbered receipt of a payment taken at the desk (any channel), ready to print. */
export interface ReceiptDocument {
  /** The receipts row's id. */
  id: number
  /** The number within its year and desk: 1, 2, 3… */
  number: number
  /** Europe/Rome year of the payment's registration. */
  year: number
  ente: { name: string; fiscalCode: string }
  desk: { number: number; name: string }
  /** Who registered the payment. */
  operator: string
  /** When the payment was registered and the receipt numbered (ISO date-time, UTC). */
  issuedAt: string
  /** When the citizen paid, as registered (ISO date or date-time). */
  paidAt: string
  iupd: string
  /** The notice number paid (18 digits). */
  nav: string
  causale: string
  debtor: { name: string; fiscalCode: string }
  amountCents: number
  /** "centoventitré/45 euro" (see amount-in-words.ts). */
  amountInWords: string
  channel: DeskPaymentChannel
  /** CHANNEL_LABELS_IT[channel]: "Contanti", "Assegno", "POS integrato"… */
  channelLabel: string
  /** The channel's reference as registered: cheque number, CRO/TRN, "STAN … · AUT …"; null when none. */
  reference: string | null
  /** A reprint ("copia"), not the original handed over at payment time. */
  copy: boolean
  /** How many copies were printed or downloaded before this one. */
  reprints: number
}

/** One line of a receipt: what a receipt printer prints and the PDF draws. */
export interface ReceiptLine {
  text: string
  bold?: boolean
  align?: 'left' | 'center' | 'right'
  /** A larger line (the title, the amount): double size on a receipt printer. */
  large?: boolean
}

/** "12/2026": the receipt's number within its year (and desk). */

/** "Ricevuta n. 12/2026 – Sportello 3". */
export const receiptTitle = (r: Pick<ReceiptDocument, 'number' | 'year'> & { desk: { number: number } }) => `Ricevuta n. ${receiptNumberLabel(r)} – Sportello ${r.desk.number}`

/** What the channel's reference is called on the receipt. */
export function referenceLabel(channel: DeskPaymentChannel): string {
  switch (channel) {
    case 'assegno':
      return 'Numero assegno'
    case 'bonifico':
      return 'CRO / TRN'
    case 'pos':
    case 'pos-integrato':
      return 'Riferimento POS'
    default:
      return 'Riferimento'
  }
}

/** The label/value pairs of the receipt's body, in order (the PDF draws them as a table). */
export function receiptFields(r: ReceiptDocument): [string, string][] {
  const fields: [string, string][] = [
    ['Data e ora', formatDateTime(r.issuedAt)],
    ['Data del pagamento', formatDate(r.paidAt)],
    ['Debitore', r.debtor.fiscalCode ? `${r.debtor.name} (${r.debtor.fiscalCode})` : r.debtor.name],
    ['Causale', r.causale],
    ['Numero avviso', formatNoticeNumber(r.nav)],
    ['Codice dovuto (IUPD)', r.iupd],
    ['Canale', r.channelLabel]
  ]
  if (r.reference) fields.push([referenceLabel(r.channel), r.reference])
  fields.push(['Sportello', r.desk.name && r.desk.name !== `Sportello ${r.desk.number}` ? `${r.desk.number} – ${r.desk.name}` : String(r.desk.number)], ['Operatore', r.operator])
  return fields
}

/**
 * The receipt as lines, top to bottom: the ente, the title with number and desk, "COPIA" on a
 * reprint, the amount in figures and in words, the fields, the closing sentence. The receipt
 * printer prints them as they are (wrapping long ones); the PDF draws the same text.
 */
export function receiptLines(r: ReceiptDocument): ReceiptLine[] {
  const lines: ReceiptLine[] = [
    { text: r.ente.name, bold: true, align: 'center' },
    { text: `C.F. ${r.ente.fiscalCode}`, align: 'center' },
    { text: '' },
    { text: receiptTitle(r), bold: true, align: 'center', large: true }
  ]
  if (r.copy) lines.push({ text: 'COPIA – non valida come originale', bold: true, align: 'center' })
  lines.push(
    { text: '' },
    { text: `Importo: ${formatCents(r.amountCents)}`, bold: true, large: true },
    { text: `(${r.amountInWords})` },
    { text: '' },
    ...receiptFields(r).map(([label, value]): ReceiptLine => ({ text: `${label}: ${value}` })),
    { text: '' },
    { text: 'Pagamento ricevuto allo sportello e registrato sul dovuto indicato. Conservare la ricevuta.', align: 'center' }
  )
  return lines
}
