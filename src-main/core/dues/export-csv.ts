// Search results as a CSV for Excel on an Italian PC (see ../csv), with dates as dd/mm/yyyy.
import { formatDate, formatNoticeNumber, STATUS_LABELS_IT } from '../../contract/format'
import type { DueSummary } from '../../contract/dues'
import { CSV_BOM, csvAmount as amount, csvCell as cell, csvText as asText } from '../csv'
import { AppError } from '../../contract/errors'
import type { DueFiltersParams, DueSearch } from './search'

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

const EXPORT_LIMIT = 200_000

/** Cerca dovuti's results (or the selected ones) as one CSV file, in the search's order. */
export function exportDues(search: DueSearch, input: DueFiltersParams & { iupds?: string[] | undefined }): { filename: string; content: string; rows: number } {
  let content = csvHeader()
  let rows = 0
  const wanted = input.iupds ? new Set(input.iupds) : null
  for (const chunk of search.all(input)) {
    const selected = wanted ? chunk.filter((r) => wanted.has(r.iupd)) : chunk
    content += csvRows(selected)
    rows += selected.length
    if (rows > EXPORT_LIMIT) throw new AppError('INVALID_INPUT', 'dues.tooManyToExport', { limit: EXPORT_LIMIT.toLocaleString('it-IT') })
  }
  const stamp = new Date().toLocaleString('sv-SE', { timeZone: 'Europe/Rome' }).replace(/[: ]/g, '-').slice(0, 16)
  return { filename: `dovuti-${stamp}.csv`, content, rows }
}
