// Reading one due with everything the due's page shows: the position and its type, options,
// transfers, payments taken at the desk, history, changes waiting for the backend, open POS work.
import { and, desc, eq, getTableColumns, inArray, ne, sql } from 'drizzle-orm'
import { OPEN_STATES, POS_APPROVED_STATES } from '../../../contract/pos'
import { auditLog, deskPayments, dueTypes, outbox, paymentOptions, posJournal, positionIssuers, positions, transfers } from '../schema'
import type { QueryDb } from './query-db'
import { outboxError } from '../outbox'

export type OptionRow = typeof paymentOptions.$inferSelect
export type TransferRow = typeof transfers.$inferSelect

/**
 * A position's columns with its issuer's names (GPD's companyName and officeName), which positions
 * keep once per pair since migration 0013. Every writer names an issuer; were one missing, the due
 * would read with an empty name and no office rather than not at all.
 */
const positionColumns = {
  ...getTableColumns(positions),
  companyName: sql<string>`coalesce(${positionIssuers.companyName}, '')`,
  officeName: positionIssuers.officeName
}
export type PositionRow = NonNullable<ReturnType<typeof positionByIupd>>

export const positionByIupd = (db: QueryDb, iupd: string) =>
  db.select(positionColumns).from(positions).leftJoin(positionIssuers, eq(positionIssuers.id, positions.issuerId)).where(eq(positions.iupd, iupd)).get()

export function positionWithType(db: QueryDb, iupd: string) {
  return db
    .select({ position: positionColumns, typeCode: dueTypes.code, typeLabel: dueTypes.label })
    .from(positions)
    .leftJoin(positionIssuers, eq(positionIssuers.id, positions.issuerId))
    .leftJoin(dueTypes, eq(dueTypes.id, positions.dueTypeId))
    .where(eq(positions.iupd, iupd))
    .get()
}

export const optionsOf = (db: QueryDb, positionId: number) => db.select().from(paymentOptions).where(eq(paymentOptions.positionId, positionId)).orderBy(paymentOptions.installmentNo).all()

export const transfersOf = (db: QueryDb, optionId: number) => db.select().from(transfers).where(eq(transfers.optionId, optionId)).orderBy(transfers.idTransfer).all()

export function deskPaymentsOf(db: QueryDb, positionId: number) {
  return db
    .select({ nav: paymentOptions.nav, channel: deskPayments.channel, paidAt: deskPayments.paidAt, amountCents: deskPayments.amountCents, reference: deskPayments.reference, operator: deskPayments.operator, note: deskPayments.note })
    .from(deskPayments)
    .innerJoin(paymentOptions, eq(paymentOptions.id, deskPayments.optionId))
    .where(eq(paymentOptions.positionId, positionId))
    .orderBy(deskPayments.id)
    .all()
}

export function historyOf(db: QueryDb, iupd: string, limit = 200) {
  return db
    .select({ at: auditLog.at, operator: auditLog.operator, action: auditLog.action, reason: auditLog.reason, beforeJson: auditLog.beforeJson, afterJson: auditLog.afterJson })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'position'), eq(auditLog.entityKey, iupd)))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all()
}

/** Changes waiting for the backend, and those it refused. */
export function unsentChangesOf(db: QueryDb, iupd: string) {
  return db
    .select({ operation: outbox.operation, state: outbox.state, createdAt: outbox.createdAt, attempts: outbox.attempts, lastError: outbox.lastError })
    .from(outbox)
    .where(and(eq(outbox.iupd, iupd), ne(outbox.state, 'done')))
    .orderBy(outbox.id)
    .all()
    .map((change) => ({ ...change, lastError: outboxError(change.lastError) }))
}

/** A POS payment of this due whose outcome is open or uncertain. */
export function openPosPaymentOf(db: QueryDb, iupd: string) {
  return db
    .select({ id: posJournal.id, nav: posJournal.nav, amountCents: posJournal.amountCents, state: posJournal.state, message: posJournal.message, createdAt: posJournal.createdAt })
    .from(posJournal)
    .where(and(eq(posJournal.iupd, iupd), inArray(posJournal.state, [...OPEN_STATES])))
    .orderBy(desc(posJournal.createdAt))
    .limit(1)
    .get()
}

/** Unpaid options a PSP terminal has charged: paid once their pagoPA receipt comes through sync. */
export function chargedUnpaidStans(db: QueryDb, positionId: number) {
  return db
    .select({ stan: posJournal.stan })
    .from(paymentOptions)
    .innerJoin(posJournal, eq(posJournal.nav, paymentOptions.nav))
    .where(and(eq(paymentOptions.positionId, positionId), eq(paymentOptions.status, 'PO_UNPAID'), inArray(posJournal.state, [...POS_APPROVED_STATES])))
    .all()
}
