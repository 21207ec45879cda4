// Search results as a CSV that Excel opens right away on an Italian PC: UTF-8 with BOM, semicolons,
// decimal commas, dd/mm/yyyy, and codes kept as text (a notice number must not become 3,01E+17).
import { formatDate, formatNoticeNumber, STATUS_LABELS_IT } from '../../contract/format'
import type { DueSummary } from '../../contract/dues'

const HEADER = ['Numero avviso', 'IUV', 'Identificativo (IUPD)', 'Debitore', 'Codice fiscale', 'Tipo', 'Causale', 'Importo', 'Scadenza', 'Stato', 'Data pagamento', 'Rate']

function cell(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}
/** A formula that yields the text itself: Excel keeps every digit and leading zero. */
const asText = (digits: string) => `="${digits}"`
const amount = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`

export function csvHeader(): string {
  return '\uFEFF' + HEADER.join(';') + '\r\n'
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
