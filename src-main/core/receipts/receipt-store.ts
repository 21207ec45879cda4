// The receipts as the desk reads them: a due's list, one receipt as a printable document, and the
// record of each output (the first is the original, every later one a "copia", counted).
import type Database from 'better-sqlite3'
import { CHANNEL_LABELS_IT } from '../../contract/dues'
import { AppError } from '../../contract/errors'
import type { ReceiptInfo } from '../../contract/receipts'
import { queryDb } from '../db/queries/query-db'
import { receiptsOfDue, receiptWithPayment, recordOutput, type ReceiptWithPayment } from '../db/queries/receipts'
import type { EnteSettings, SettingsStore } from '../settings/settings'
import { amountInWords } from './amount-in-words'
import { receiptTitle, type ReceiptDocument } from './receipt-data'

const infoOf = (r: ReceiptWithPayment): ReceiptInfo => ({
  id: r.id,
  number: r.number,
  year: r.year,
  deskNumber: r.deskNumber,
  title: receiptTitle({ number: r.number, year: r.year, desk: { number: r.deskNumber } }),
  iupd: r.iupd,
  nav: r.nav,
  amountCents: r.amountCents,
  channel: r.channel,
  reference: r.reference,
  issuedAt: r.issuedAt,
  operator: r.operator,
  printed: r.printedAt !== null,
  reprints: r.reprints
})

export function createReceiptStore(options: { sqlite: Database.Database; settings: SettingsStore }) {
  const db = queryDb(options.sqlite)
  const mustFind = (id: number) => {
    const row = receiptWithPayment(db, id)
    if (!row) throw new AppError('NOT_FOUND', 'receipts.notFound')
    return row
  }
  const documentOf = (r: ReceiptWithPayment, copy: boolean): ReceiptDocument => {
    const ente = options.settings.get<EnteSettings>('ente')
    return {
      id: r.id,
      number: r.number,
      year: r.year,
      ente: { name: ente?.name ?? '', fiscalCode: ente?.fiscalCode ?? '' },
      desk: { number: r.deskNumber, name: r.deskName },
      operator: r.operator,
      issuedAt: r.issuedAt,
      paidAt: r.paidAt,
      iupd: r.iupd,
      nav: r.nav,
      causale: r.causale,
      debtor: { name: r.debtorName, fiscalCode: r.debtorFiscalCode },
      amountCents: r.amountCents,
      amountInWords: amountInWords(r.amountCents),
      channel: r.channel,
      channelLabel: CHANNEL_LABELS_IT[r.channel],
      reference: r.reference,
      copy,
      reprints: r.reprints
    }
  }
  return {
    /** The receipts of a due's payments, newest first. */
    ofDue: (iupd: string): ReceiptInfo[] => receiptsOfDue(db, iupd).map(infoOf),
    info: (id: number): ReceiptInfo => infoOf(mustFind(id)),
    /** The receipt as its next output will be: the original the first time, a copy after. */
    document: (id: number): ReceiptDocument => {
      const row = mustFind(id)
      return documentOf(row, row.printedAt !== null)
    },
    /**
     * Records that the document was handed out (printed or downloaded): call once the output
     * succeeded. Returns whether it counted as a copy.
     */
    recordOutput: (id: number): { copy: boolean } => options.sqlite.transaction(() => recordOutput(db, id, new Date().toISOString()))()
  }
}
export type ReceiptStore = ReturnType<typeof createReceiptStore>
