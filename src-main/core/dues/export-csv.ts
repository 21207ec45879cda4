// Search results as a CSV for Excel on an Italian PC (see ../csv), with dates as dd/mm/yyyy.
import { formatDate, formatNoticeNumber, STATUS_LABELS_IT } from '../../contract/format'
import type { DueSummary } from '../../contract/dues'
import { CSV_BOM, csvAmount as amount, csvCell as cell, csvText as asText } from '../csv'

const HEADER = ['Numero avviso', 'IUV', 'Identificativo (IUPD)', 'Debitore', 'Codice fiscale', 'Tipo', 'Causale', 'Importo', 'Scadenza', 'Stato', 'Data pagamento', 'Rate']

export function csvHeader(): string {
  return CSV_BOM + HEADER.join(';') + '\r\n'
}

export function csvRows(rows: DueSummary[]): string {
  return rows
    .map((r) =>
      [
        asText(formatNoticeNumber(r.noticeNumber)),
        asText(r.iuv),
        cell(r.iupd),
        cell(r.debtorName),
        cell(r.debtorFiscalCode),
        cell(r.dueTypeLabel ?? ''),
        cell(r.causale),
        amount(r.amountCents),
        formatDate(r.dueDate),
        STATUS_LABELS_IT[r.status],
        formatDate(r.paidAt),
        String(r.installments)
      ].join(';') + '\r\n'
    )
    .join('')
}
