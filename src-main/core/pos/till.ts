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
  if (!entry) throw new AppError('NOT_FOUND', 'pos.entryNotFound')
  if (!isApproved(entry.state)) throw new AppError('CONFLICT', 'pos.receiptOnlyApproved')
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
  if (answer.kind === 'not-sent') throw new AppError('UNAVAILABLE', 'pos.closing.notSent', { reason: answer.reason })
  const closed = answer.kind === 'result' ? parseCloseSession(answer.message) : null
  if (!closed) throw new AppError('UNAVAILABLE', 'pos.closing.unconfirmed')
  if (!closed.ok) {
    // The description is the terminal's own text.
    throw closed.description
      ? new AppError('UNAVAILABLE', 'pos.closing.refused', { description: closed.description, code: closed.actionCode })
      : new AppError('UNAVAILABLE', 'pos.closing.refusedNoReason', { code: closed.actionCode })
  }
  return ledger.recordClosure({ terminalId: ids.terminalId, operator, terminalCents: closed.posTotalCents, hostCents: closed.hostTotalCents })
}

/** The report of a closing, as PDF or as CSV for Excel. */
export async function closingReport(ledger: PosLedger, ente: string, closureId: number, format: 'pdf' | 'csv'): Promise<{ filename: string; bytes: Uint8Array }> {
  const found = ledger.closure(closureId)
  if (!found) throw new AppError('NOT_FOUND', 'pos.closing.notFound')
  const report = { ente, ...found }
  const filename = `chiusura-pos-${found.closure.closedAt.slice(0, 10)}-${closureId}.${format}`
  return { filename, bytes: format === 'pdf' ? await renderDailyReport(report) : new TextEncoder().encode(dailyReportCsv(report)) }
}
