// receipts.*: the numbered receipts of the payments taken at the desk: a due's list, the PDF, the
// desk's printer (A4) or the receipt printer (ESC/POS) when the desk has one. The first output of a receipt is the original; every later one is a "copia",
// counted, and recorded in the due's history.
import type { ServiceHandlers } from '../../contract/methods'
import { createAuditLog } from '../audit/audit-log'
import { receiptFilename, renderReceiptPdf } from '../notices/receipt-pdf'
import { italian } from '../../contract/messages'
import { createPdfPrinter } from '../printing/pdf-printer'
import { printReceiptEscPos, receiptPrinterName } from '../printing/receipt-printer/receipt-printer'
import { readReceiptPrinterSettings } from '../printing/receipt-printer/settings'
import { receiptTitle, type ReceiptDocument } from '../receipts/receipt-data'
import { createReceiptStore } from '../receipts/receipt-store'
import type { ServiceContext } from './context'

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

export function receiptServices(ctx: ServiceContext) {
  const store = createReceiptStore({ sqlite: ctx.sqlite, settings: ctx.settings })
  const audit = createAuditLog(ctx.sqlite)
  const pdfPrinter = createPdfPrinter({ dataDir: ctx.dataDir, settings: ctx.settings, printSystem: ctx.printSystem })
  /** The output happened: counted (original or copy) and kept in the due's history, in one transaction. */
  const recorded = (doc: ReceiptDocument, how: string) =>
    ctx.sqlite.transaction(() => {
      const { copy } = store.recordOutput(doc.id)
      audit.append({ operator: ctx.sessions.operatorName(), action: 'receipt', entity: 'position', entityKey: doc.iupd, reason: `${copy ? 'Copia della ' : ''}${receiptTitle(doc)}${copy ? '' : ' (originale)'} ${how}` })
      return copy
    })()
  return {
    'receipts.ofDue': (input) => store.ofDue(input.iupd),
    'receipts.pdf': async (input) => {
      const doc = store.document(input.id)
      const pdf = await renderReceiptPdf(doc)
      const copy = recorded(doc, 'scaricata in PDF')
      return { filename: receiptFilename(doc), base64: base64(pdf), copy }
    },
    'receipts.print': async (input) => {
      const doc = store.document(input.id)
      const thermal = readReceiptPrinterSettings(ctx.settings)
      if (input.on === 'receiptPrinter' || (input.on === 'auto' && thermal.mode !== 'none')) {
        // printReceiptEscPos refuses with the reason when no receipt printer is set up.
        await printReceiptEscPos(thermal, doc)
        const name = italian(receiptPrinterName(thermal))
        const copy = recorded(doc, `stampata sulla stampante per ricevute ${name}`)
        return { printer: name, jobId: '', copy, receipt: store.info(doc.id) }
      }
      const printer = pdfPrinter.chosen()
      const job = await pdfPrinter.print(await renderReceiptPdf(doc), printer, 'ricevuta')
      const copy = recorded(doc, `stampata su ${printer}${job.jobId ? ` (lavoro ${job.jobId})` : ''}`)
      return { printer, jobId: job.jobId, copy, receipt: store.info(doc.id) }
    }
  } satisfies Partial<ServiceHandlers>
}
