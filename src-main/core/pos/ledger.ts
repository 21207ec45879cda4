// Reading the POS journal for the operator (today's operations, receipts) and closing the
// terminal's session at the end of the day: the journal's approved total against the terminal's
// and its host's, kept with the operations it covered.
import type Database from 'better-sqlite3'
import type { PosClosureInfo, PosJournalEntryInfo } from '../../contract/pos'
import { createAuditLog } from '../audit/audit-log'
import { assignToClosure, closureRow, entriesOfClosure, insertClosure, journalEntry, lastClosedAt, latestClosures, otherChannelsSince, unclosedEntries, unclosedTotals, type PosClosureRow } from '../db/queries/pos-journal'
import { queryDb } from '../db/queries/query-db'

const toClosure = (r: PosClosureRow): PosClosureInfo => ({
  id: r.id,
  closedAt: r.closedAt,
  terminalId: r.terminalId,
  operator: r.operator,
  journalCents: r.journalCents,
  journalCount: r.journalCount,
  terminalCents: r.terminalCents,
  hostCents: r.hostCents,
  unresolved: r.unresolved,
  // Written by recordClosure below from otherChannelsSince, in this very shape.
  deskChannels: r.deskChannelsJson ? (JSON.parse(r.deskChannelsJson) as PosClosureInfo['deskChannels']) : [],
  balanced: r.unresolved === 0 && r.journalCents === r.terminalCents && r.terminalCents === r.hostCents
})

export function createPosLedger(sqlite: Database.Database) {
  const audit = createAuditLog(sqlite)
  const db = queryDb(sqlite)

  return {
    entry(id: string): PosJournalEntryInfo | null {
      return journalEntry(db, id) ?? null
    },
    /** Operations not yet covered by a closing, oldest first. */
    openSession(): PosJournalEntryInfo[] {
      return unclosedEntries(db)
    },
    closures(limit = 30): PosClosureInfo[] {
      return latestClosures(db, limit).map(toClosure)
    },
    closure(id: number): { closure: PosClosureInfo; entries: PosJournalEntryInfo[] } | null {
      const row = closureRow(db, id)
      return row ? { closure: toClosure(row), entries: entriesOfClosure(db, id) } : null
    },

    /**
     * Records the terminal's closing and assigns it every operation of that terminal not yet
     * covered, in one transaction: a report never misses or repeats an operation.
     */
    recordClosure(input: { terminalId: string; operator: string; terminalCents: number; hostCents: number }): PosClosureInfo {
      return sqlite.transaction(() => {
        const totals = unclosedTotals(db, input.terminalId)
        // Payments taken by hand since the previous closing (cash, cheque, a terminal not connected
        // to the desk): the day's other channels, beside the terminal's reconciliation.
        const deskChannels = otherChannelsSince(db, lastClosedAt(db) ?? '')
        const id = insertClosure(db, {
          terminalId: input.terminalId,
          operator: input.operator,
          journalCents: totals.cents,
          journalCount: totals.approved,
          terminalCents: input.terminalCents,
          hostCents: input.hostCents,
          unresolved: totals.unresolved,
          deskChannelsJson: JSON.stringify(deskChannels)
        })
        assignToClosure(db, id, input.terminalId)
        const recorded = closureRow(db, id)
        // Read back in the transaction that wrote it: absent only if the database lost the row.
        if (!recorded) throw new Error(`Chiusura POS ${id} non riletta dopo la scrittura.`)
        const closure = toClosure(recorded)
        audit.append({ operator: input.operator, action: 'posClosing', entity: 'pos', entityKey: input.terminalId, after: closure, reason: 'Chiusura giornaliera POS' })
        return closure
      })()
    }
  }
}
export type PosLedger = ReturnType<typeof createPosLedger>
