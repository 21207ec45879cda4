// The receipt printer's two jobs: a receipt (the same lines as the A4 PDF, see
// receipts/receipt-data), and the "Stampa di prova" that shows the operator the printer is
// reached and prints Italian letters and the euro sign.
import { formatDateTime } from '../../../contract/format'
import { italian, message, type Message } from '../../../contract/messages'
import type { ReceiptPrinterSettings } from '../../../contract/receipt-printer'
import { receiptLines, type ReceiptDocument } from '../../receipts/receipt-data'
import { renderEscPos, type EscPosLine } from './escpos'
import { receiptPrinterName, sendToPrinter, type LinkOptions } from './link'

export { receiptPrinterName, type LinkOptions } from './link'
export { renderEscPos, type EscPosLine } from './escpos'

const columnsOf = (settings: ReceiptPrinterSettings) => (settings.mode === 'none' ? 48 : settings.columns)

/** The receipt as ESC/POS bytes, for a printer of `columns` characters per line. */
export function receiptEscPos(document: ReceiptDocument, columns = 48): Uint8Array {
  return renderEscPos(receiptLines(document), { columns })
}

/** Prints a receipt on the desk's receipt printer; fails with the reason in the operator's words. */
export async function printReceiptEscPos(settings: ReceiptPrinterSettings, document: ReceiptDocument, options: LinkOptions = {}): Promise<void> {
  await sendToPrinter(settings, receiptEscPos(document, columnsOf(settings)), options)
}

/** The test page: the ente, the date, the accented letters and €, the line's width, a cut. */
export function testPageLines(enteName: string, now: Date, columns: number): EscPosLine[] {
  return [
    { text: enteName, bold: true, align: 'center' },
    { text: italian('receiptPrinter.testPage.title'), bold: true, align: 'center', large: true },
    { text: '' },
    { text: italian('receiptPrinter.testPage.date', { date: formatDateTime(now.toISOString()) }) },
    { text: italian('receiptPrinter.testPage.accents') },
    { text: italian('receiptPrinter.testPage.columns', { columns }) },
    { text: '1234567890'.repeat(Math.ceil(columns / 10)).slice(0, columns) },
    { text: '' },
    { text: italian('receiptPrinter.testPage.end'), align: 'center' }
  ]
}

/** "Stampa di prova": prints the test page and says what to check on it. */
export async function printTestPage(settings: ReceiptPrinterSettings, enteName: string, now = new Date(), options: LinkOptions = {}): Promise<Message> {
  const columns = columnsOf(settings)
  await sendToPrinter(settings, renderEscPos(testPageLines(enteName, now, columns), { columns }), options)
  return message('receiptPrinter.testSent', { printer: receiptPrinterName(settings) })
}
