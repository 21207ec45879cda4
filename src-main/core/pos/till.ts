// The till's paperwork and the end of the day: the citizen's receipt of an approved payment, the
// terminal's session closed (ECR17 C) and recorded against the journal, the day's report.
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import type { PosClosureInfo } from '../../contract/pos'
import { dueOnReceipt } from '../db/queries/pos-journal'
import { queryDb } from '../db/queries/query-db'
import { dailyReportCsv, isApproved, renderDailyReport, renderReceipt } from './documents'
import { ecr17, parseCloseSession } from './ecr17/messages'
import type { PosLedger } from './ledger'
import type { Terminal } from './terminal'

/** The citizen's receipt of an approved payment. */
export async function receiptOf(sqlite: Database.Database, ledger: PosLedger, ente: string, id: string): Promise<{ filename: string; pdf: Uint8Array }> {
  const entry = ledger.entry(id)
  if (!entry) throw new AppError('NOT_FOUND', 'Operazione POS non trovata.')
  if (!isApproved(entry.state)) throw new AppError('CONFLICT', 'Solo un pagamento approvato ha una ricevuta.')
  const due = dueOnReceipt(queryDb(sqlite), entry.iupd)
  const pdf = await renderReceipt({ ente, entry, causale: due?.causale ?? '', debtor: due?.debtorName ?? '' })
  return { filename: `ricevuta-pos-${entry.nav}-${entry.stan ?? entry.id.slice(0, 8)}.pdf`, pdf }
}

/**
 * End of day: closes the terminal's session, whose answer carries the terminal's and the host's
 * totals, and records them against the journal. Open payments are settled first.
 */
export async function closeTerminalSession(terminal: Terminal, ledger: PosLedger, operator: string): Promise<PosClosureInfo> {
  const { payments, session, ids } = terminal
  if (payments.hasPending()) await payments.recoverPending()
  // Not repeated after any sign of acceptance: a second closing would report an empty session.
  const answer = await session.request(ecr17.closeSession(ids), { financial: true, expectResult: true, replyCodes: ['C'] })
  if (answer.kind === 'not-sent') throw new AppError('UNAVAILABLE', `Chiusura non inviata al POS: ${answer.reason}. Riprovare.`)
  const closed = answer.kind === 'result' ? parseCloseSession(answer.message) : null
  if (!closed) throw new AppError('UNAVAILABLE', 'Il POS non ha confermato la chiusura: stampare i totali dal terminale e verificarli prima di riprovare.')
  if (!closed.ok) throw new AppError('UNAVAILABLE', `Chiusura rifiutata dal POS: ${closed.description || 'nessuna spiegazione'} (codice ${closed.actionCode}).`)
  return ledger.recordClosure({ terminalId: ids.terminalId, operator, terminalCents: closed.posTotalCents, hostCents: closed.hostTotalCents })
}

/** The report of a closing, as PDF or as CSV for Excel. */
export async function closingReport(ledger: PosLedger, ente: string, closureId: number, format: 'pdf' | 'csv'): Promise<{ filename: string; bytes: Uint8Array }> {
  const found = ledger.closure(closureId)
  if (!found) throw new AppError('NOT_FOUND', 'Chiusura POS non trovata.')
  const report = { ente, ...found }
  const filename = `chiusura-pos-${found.closure.closedAt.slice(0, 10)}-${closureId}.${format}`
  return { filename, bytes: format === 'pdf' ? await renderDailyReport(report) : new TextEncoder().encode(dailyReportCsv(report)) }
}
