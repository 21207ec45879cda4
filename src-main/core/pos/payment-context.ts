// The POS journal's primitives, shared by the payment, its recovery and the operator's settling:
// every write flushed to disk, every step a compare-and-set from the states that lead to it.
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import { italian, message, type Message } from '../../contract/messages'
import type { PosJournalState, PosOutcomeInfo } from '../../contract/pos'
import { createAuditLog, type AuditLog } from '../audit/audit-log'
import { createOutbox, type Outbox } from '../db/outbox'
import { journalRow, moveEntry, optionToRecord, type JournalFacts, type OptionToRecord, type PosJournalRow } from '../db/queries/pos-journal'
import { queryDb, type QueryDb } from '../db/queries/query-db'
import type { ReceiptBook } from '../receipts/numbering'
import type { Ecr17Ids } from './ecr17/messages'
import { DEFAULT_SESSION, type Ecr17Session } from './ecr17/session'

type JournalState = PosJournalState
/**
 * The states each state is reached from. Every step of the journal is a compare-and-set: a step
 * that finds its entry already settled (by a recovery, or by another process on the same cache)
 * changes nothing, so an outcome is recorded once whatever runs late.
 */
const REACHED_FROM: Record<Exclude<JournalState, 'sending'>, JournalState[]> = {
  unknown: ['sending'],
  'not-sent': ['sending'],
  approved: ['sending', 'unknown'],
  declined: ['sending', 'unknown'],
  'not-performed': ['sending', 'unknown'],
  uncertain: ['sending', 'unknown'],
  'resolved-approved': ['uncertain'],
  'resolved-not-performed': ['uncertain']
}

export type PosPaymentOutcome = PosOutcomeInfo

export interface PosPaymentsOptions {
  sqlite: Database.Database
  session: Ecr17Session
  ids: Ecr17Ids
  operator: () => string
  /** Numbers the receipt of every approved payment, in the transaction that records it. */
  receipts: ReceiptBook
  onProgress?: (journalId: string, iupd: string, text: Message) => void
  /** How long to wait for the terminal to be idle before trusting its last result (a cardholder may still be typing the PIN). */
  idleWaitMs?: number
  /** Called when a due's payment is recorded (to refresh statuses, push the outbox). */
  onRecorded?: (iupd: string) => void
  /** The terminal is a pagoPA PSP: its approval is a pagoPA payment whose receipt comes through sync. */
  pagopaPsp?: boolean
}

export type { PosJournalRow } from '../db/queries/pos-journal'
/** A step's facts; its sentence is kept in the journal in Italian (the journal is a record). */
export type Facts = Omit<JournalFacts, 'message'> & { message?: Message }
/** The option an approval is recorded on. */
export type OptionRow = OptionToRecord

export interface PaymentContext {
  sqlite: Database.Database
  /** Typed queries on the same connection: they join the transactions opened on `sqlite`. */
  db: QueryDb
  session: Ecr17Session
  ids: Ecr17Ids
  options: PosPaymentsOptions
  audit: AuditLog
  outbox: Outbox
  /** Recovery may wait as long as a payment can last: the cardholder may still be typing the PIN. */
  recoveryWaitMs: number
  /** Journal writes are flushed to disk before the next step: they must survive a power cut. */
  durably<T>(work: () => T): T
  /** Moves an entry on, only from the states that lead there; false when it had moved on already. */
  settle(id: string, state: Exclude<JournalState, 'sending'>, extra?: Facts): boolean
  settleDurably(id: string, state: Exclude<JournalState, 'sending'>, extra: Facts): boolean
  /** An entry the flow wrote or listed itself; one that is missing is refused, not guessed at. */
  entry(id: string): PosJournalRow
  /** What the journal holds: the caller sees the outcome that was kept, not the one it tried to write. */
  outcomeOf(id: string): PosPaymentOutcome
  optionOf(nav: string): OptionRow | undefined
}

export function createPaymentContext(options: PosPaymentsOptions): PaymentContext {
  const { sqlite } = options
  const db = queryDb(sqlite)
  function durably<T>(work: () => T): T {
    sqlite.pragma('synchronous = FULL')
    try {
      return sqlite.transaction(work)()
    } finally {
      sqlite.pragma('synchronous = NORMAL')
    }
  }
  /**
   * The sentences this process wrote, by entry: the journal keeps their Italian text, the operator
   * is answered in their language. An outcome another run wrote is shown as the journal has it.
   */
  const written = new Map<string, Message>()
  const settle = (id: string, state: Exclude<JournalState, 'sending'>, extra: Facts = {}): boolean => {
    const { message: said, ...facts } = extra
    const moved = moveEntry(db, id, state, REACHED_FROM[state], said ? { ...facts, message: italian(said) } : facts)
    if (moved && said) written.set(id, said)
    return moved
  }
  const entry = (id: string): PosJournalRow => {
    const row = journalRow(db, id)
    if (!row) throw new AppError('NOT_FOUND', 'pos.entryNotFound')
    return row
  }
  return {
    sqlite,
    db,
    session: options.session,
    ids: options.ids,
    options,
    audit: createAuditLog(sqlite),
    outbox: createOutbox(sqlite),
    recoveryWaitMs: options.idleWaitMs ?? DEFAULT_SESSION.resultTimeoutMs,
    durably,
    settle,
    settleDurably: (id, state, extra) => durably(() => settle(id, state, extra)),
    entry,
    outcomeOf(id) {
      const j = entry(id)
      const said = written.get(id)
      written.delete(id)
      const kept = said && italian(said) === j.message ? said : message('pos.verbatim', { text: j.message ?? '' })
      return { id, state: j.state, message: kept, stan: j.stan }
    },
    optionOf: (nav) => optionToRecord(db, nav)
  }
}
