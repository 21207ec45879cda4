// Reading the POS journal for the operator (today's operations, receipts) and closing the
// terminal's session at the end of the day: the journal's approved total against the terminal's
// and its host's, kept with the operations it covered.
import type Database from 'better-sqlite3'
import type { PosClosureInfo, PosJournalEntryInfo } from '../../contract/pos'
import { createAuditLog } from '../audit/audit-log'
import { APPROVED_STATES, OPEN_STATES, type JournalState } from './payments'

interface JournalRow {
  id: string
  iupd: string
  nav: string
  amount_cents: number
  terminal_id: string
  state: JournalState
  stan: string | null
  auth_code: string | null
  pan: string | null
  message: string | null
  operator: string
  created_at: string
}
interface ClosureRow {
  id: number
  closed_at: string
  terminal_id: string
  operator: string
  journal_cents: number
  journal_count: number
  terminal_cents: number
  host_cents: number
  unresolved: number
  desk_channels_json: string | null
}

const toEntry = (r: JournalRow): PosJournalEntryInfo => ({
  id: r.id,
  iupd: r.iupd,
  nav: r.nav,
  amountCents: r.amount_cents,
  terminalId: r.terminal_id,
  state: r.state,
  stan: r.stan,
  authCode: r.auth_code,
  pan: r.pan,
  message: r.message,
  operator: r.operator,
  createdAt: r.created_at
})
const toClosure = (r: ClosureRow): PosClosureInfo => ({
  id: r.id,
  closedAt: r.closed_at,
  terminalId: r.terminal_id,
  operator: r.operator,
  journalCents: r.journal_cents,
  journalCount: r.journal_count,
  terminalCents: r.terminal_cents,
  hostCents: r.host_cents,
  unresolved: r.unresolved,
  deskChannels: r.desk_channels_json ? (JSON.parse(r.desk_channels_json) as PosClosureInfo['deskChannels']) : [],
  balanced: r.unresolved === 0 && r.journal_cents === r.terminal_cents && r.terminal_cents === r.host_cents
})
const list = (states: readonly string[]) => states.map((s) => `'${s}'`).join(', ')

export function createPosLedger(sqlite: Database.Database) {
  const audit = createAuditLog(sqlite)
  const columns = 'id, iupd, nav, amount_cents, terminal_id, state, stan, auth_code, pan, message, operator, created_at'
  const entry = sqlite.prepare(`SELECT ${columns} FROM pos_journal WHERE id = ?`)
  const session = sqlite.prepare(`SELECT ${columns} FROM pos_journal WHERE closure_id IS NULL ORDER BY created_at`)
  const ofClosure = sqlite.prepare(`SELECT ${columns} FROM pos_journal WHERE closure_id = ? ORDER BY created_at`)
  const closure = sqlite.prepare('SELECT * FROM pos_closures WHERE id = ?')
  const closures = sqlite.prepare('SELECT * FROM pos_closures ORDER BY id DESC LIMIT ?')

  return {
    entry(id: string): PosJournalEntryInfo | null {
      const row = entry.get(id) as JournalRow | undefined
      return row ? toEntry(row) : null
    },
    /** Operations not yet covered by a closing, oldest first. */
    openSession(): PosJournalEntryInfo[] {
      return (session.all() as JournalRow[]).map(toEntry)
    },
    closures(limit = 30): PosClosureInfo[] {
      return (closures.all(limit) as ClosureRow[]).map(toClosure)
    },
    closure(id: number): { closure: PosClosureInfo; entries: PosJournalEntryInfo[] } | null {
      const row = closure.get(id) as ClosureRow | undefined
      return row ? { closure: toClosure(row), entries: (ofClosure.all(id) as JournalRow[]).map(toEntry) } : null
    },

    /**
     * Records the terminal's closing and assigns it every operation of that terminal not yet
     * covered, in one transaction: a report never misses or repeats an operation.
     */
    recordClosure(input: { terminalId: string; operator: string; terminalCents: number; hostCents: number }): PosClosureInfo {
      return sqlite.transaction(() => {
        const totals = sqlite
          .prepare(
            `SELECT coalesce(sum(CASE WHEN state IN (${list(APPROVED_STATES)}) THEN amount_cents END), 0) AS cents,
                    count(CASE WHEN state IN (${list(APPROVED_STATES)}) THEN 1 END) AS approved,
                    count(CASE WHEN state IN (${list(OPEN_STATES)}) THEN 1 END) AS unresolved
               FROM pos_journal WHERE closure_id IS NULL AND terminal_id = ?`
          )
          .get(input.terminalId) as { cents: number; approved: number; unresolved: number }
        // Payments taken by hand since the previous closing (cash, cheque, a terminal not connected
        // to the desk): the day's other channels, beside the terminal's reconciliation.
        const since = (sqlite.prepare('SELECT max(closed_at) FROM pos_closures').pluck().get() as string | null) ?? ''
        const deskChannels = sqlite
          .prepare("SELECT channel, count(*) AS count, sum(amount_cents) AS cents FROM desk_payments WHERE channel != 'pos-integrato' AND created_at > ? GROUP BY channel ORDER BY channel")
          .all(since) as PosClosureInfo['deskChannels']
        const id = Number(
          sqlite
            .prepare('INSERT INTO pos_closures (terminal_id, operator, journal_cents, journal_count, terminal_cents, host_cents, unresolved, desk_channels_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(input.terminalId, input.operator, totals.cents, totals.approved, input.terminalCents, input.hostCents, totals.unresolved, JSON.stringify(deskChannels)).lastInsertRowid
        )
        sqlite.prepare('UPDATE pos_journal SET closure_id = ? WHERE closure_id IS NULL AND terminal_id = ?').run(id, input.terminalId)
        const recorded = toClosure(closure.get(id) as ClosureRow)
        audit.append({ operator: input.operator, action: 'posClosing', entity: 'pos', entityKey: input.terminalId, after: recorded, reason: 'Chiusura giornaliera POS' })
        return recorded
      })()
    }
  }
}
export type PosLedger = ReturnType<typeof createPosLedger>
