// One citizen's data in the cache (GDPR): the export, the erasure, the erasure list, and the
// closed dues that may leave the cache.
import type Database from 'better-sqlite3'
import { and, eq, gte, inArray, lt, notExists, sql, type SQL, type Table } from 'drizzle-orm'
import type { PositionStatus } from '../../../contract/dues'
import { auditLog, debtors, deskPayments, outbox, paymentOptions, posJournal, positionIssuers, positions, privacyErasures, transfers } from '../schema'
import type { QueryDb } from './query-db'

export const CLOSED_STATUSES = ['PAID', 'REPORTED', 'INVALID', 'EXPIRED'] as const satisfies readonly PositionStatus[]

/**
 * A row as SQLite stores it, from the schema: column names and driver values (booleans as 0/1).
 * The export gives the citizen the cache's own rows, so it reads them with SELECT *, not mapped.
 */
export type StoredRow<T extends Table> = {
  [K in keyof T['_']['columns'] as T['_']['columns'][K]['_']['name']]: T['_']['columns'][K]['_']['notNull'] extends true
    ? T['_']['columns'][K]['_']['driverParam']
    : T['_']['columns'][K]['_']['driverParam'] | null
}

/** The statements of one export, prepared once for all its dues. */
export function citizenExportQueries(sqlite: Database.Database) {
  type PosPayment = Pick<StoredRow<typeof posJournal>, 'id' | 'nav' | 'amount_cents' | 'state' | 'stan' | 'auth_code' | 'pan' | 'created_at'>
  type HistoryEntry = Pick<StoredRow<typeof auditLog>, 'at' | 'operator' | 'action' | 'reason'>
  return {
    registry: sqlite.prepare<[fiscalCode: string], StoredRow<typeof debtors>>('SELECT * FROM debtors WHERE fiscal_code = ?'),
    // With the ente's name and office the position carries, stored once per pair since migration 0013.
    positions: sqlite.prepare<[fiscalCode: string], StoredRow<typeof positions> & Pick<StoredRow<typeof positionIssuers>, 'company_name' | 'office_name'>>(
      'SELECT p.*, i.company_name, i.office_name FROM positions p LEFT JOIN position_issuers i ON i.id = p.issuer_id WHERE p.debtor_fiscal_code = ? ORDER BY p.due_date'
    ),
    options: sqlite.prepare<[positionId: number], StoredRow<typeof paymentOptions>>('SELECT * FROM payment_options WHERE position_id = ? ORDER BY installment_no'),
    transfers: sqlite.prepare<[optionId: number], StoredRow<typeof transfers>>('SELECT * FROM transfers WHERE option_id = ?'),
    deskPayments: sqlite.prepare<[optionId: number], StoredRow<typeof deskPayments>>('SELECT * FROM desk_payments WHERE option_id = ?'),
    posPayments: sqlite.prepare<[iupd: string], PosPayment>('SELECT id, nav, amount_cents, state, stan, auth_code, pan, created_at FROM pos_journal WHERE iupd = ? ORDER BY created_at'),
    history: sqlite.prepare<[iupd: string], HistoryEntry>("SELECT at, operator, action, reason FROM audit_log WHERE entity = 'position' AND entity_key = ? ORDER BY id")
  }
}

/**
 * Closed, nothing waiting to be sent, no POS payment to settle: safe to drop from the cache.
 * `status` is the column, or an expression of it that keeps SQLite off the status index.
 */
function removable(db: QueryDb, status: SQL = sql`${positions.status}`) {
  return and(
    inArray(status, [...CLOSED_STATUSES]),
    notExists(
      db
        .select({ one: sql`1` })
        .from(outbox)
        .where(and(inArray(outbox.state, ['pending', 'failed', 'conflict']), eq(outbox.iupd, positions.iupd)))
    ),
    notExists(
      db
        .select({ one: sql`1` })
        .from(posJournal)
        .where(and(eq(posJournal.iupd, positions.iupd), inArray(posJournal.state, ['sending', 'unknown', 'uncertain'])))
    )
  )
}

export const duesOfCitizen = (db: QueryDb, fiscalCode: string) =>
  db.select({ id: positions.id, iupd: positions.iupd }).from(positions).where(eq(positions.debtorFiscalCode, fiscalCode)).all()

export const removableDueIdsOf = (db: QueryDb, fiscalCode: string) =>
  db
    .select({ id: positions.id })
    .from(positions)
    .where(and(eq(positions.debtorFiscalCode, fiscalCode), removable(db)))
    .all()
    .map((p) => p.id)

/**
 * Removable dues closed before the cutoff (an ISO date-time): the last of payment, update or due date.
 * With `ids`, only those with from <= id < to: a slice read by primary key (the status index
 * would make each slice read every closed due), so a purge of a large cache goes a slice at a time.
 */
export const removableDueIdsClosedBefore = (db: QueryDb, cutoff: string, ids?: { from: number; to: number }) =>
  db
    .select({ id: positions.id })
    .from(positions)
    .where(
      and(
        ids ? removable(db, sql`+${positions.status}`) : removable(db),
        lt(sql`coalesce(${positions.paidAt}, ${positions.lastUpdatedAt}, ${positions.dueDate})`, cutoff),
        ids ? and(gte(positions.id, ids.from), lt(positions.id, ids.to)) : undefined
      )
    )
    .all()
    .map((p) => p.id)

/** Whether the registry held the citizen. */
export const deleteDebtor = (db: QueryDb, fiscalCode: string): boolean => db.delete(debtors).where(eq(debtors.fiscalCode, fiscalCode)).run().changes > 0

export const recordErasure = (db: QueryDb, fiscalCodeHash: string) => db.insert(privacyErasures).values({ fiscalCodeHash }).onConflictDoNothing().run()

/** Prepared once: the sync asks for every closed due it receives. */
export function erasureLookup(sqlite: Database.Database): (fiscalCodeHash: string) => boolean {
  const statement = sqlite.prepare<[fiscalCodeHash: string], Pick<typeof privacyErasures.$inferSelect, 'fiscalCodeHash'>>(
    'SELECT fiscal_code_hash AS fiscalCodeHash FROM privacy_erasures WHERE fiscal_code_hash = ?'
  )
  return (fiscalCodeHash) => statement.get(fiscalCodeHash) !== undefined
}
