// The till's reads and its one write: the desk payments after a given one (every channel, with the
// due, its type and its receipt), the cash closings, and the day a payment may no longer be dated on.
// Nothing here opens a transaction: the caller's holds the read and the insert together.
import { desc, eq, gt, max } from 'drizzle-orm'
import { deskPayments, dueTypes, paymentOptions, positions, receipts, tillClosings } from '../schema'
import type { QueryDb } from './query-db'

export type TillClosingRow = typeof tillClosings.$inferSelect

/**
 * Desk payments recorded after `afterId`, oldest first, with what the till shows of each. Left
 * joins: a payment is counted even if its due left the cache, and one without a receipt is listed.
 */
export function paymentsAfter(db: QueryDb, afterId: number) {
  return db
    .select({
      id: deskPayments.id,
      recordedAt: deskPayments.createdAt,
      paidAt: deskPayments.paidAt,
      channel: deskPayments.channel,
      amountCents: deskPayments.amountCents,
      operator: deskPayments.operator,
      reference: deskPayments.reference,
      nav: paymentOptions.nav,
      iupd: positions.iupd,
      dueTypeCode: dueTypes.code,
      dueTypeLabel: dueTypes.label,
      receiptId: receipts.id,
      receiptYear: receipts.year,
      receiptNumber: receipts.number
    })
    .from(deskPayments)
    .leftJoin(paymentOptions, eq(paymentOptions.id, deskPayments.optionId))
    .leftJoin(positions, eq(positions.id, paymentOptions.positionId))
    .leftJoin(dueTypes, eq(dueTypes.id, positions.dueTypeId))
    .leftJoin(receipts, eq(receipts.deskPaymentId, deskPayments.id))
    .where(gt(deskPayments.id, afterId))
    .orderBy(deskPayments.id)
    .all()
}
export type TillPaymentRow = ReturnType<typeof paymentsAfter>[number]

export const lastTillClosing = (db: QueryDb) => db.select().from(tillClosings).orderBy(desc(tillClosings.id)).limit(1).get()

export const tillClosingRow = (db: QueryDb, id: number) => db.select().from(tillClosings).where(eq(tillClosings.id, id)).get()

export const tillClosingOfDay = (db: QueryDb, day: string) => db.select().from(tillClosings).where(eq(tillClosings.day, day)).get()

export const latestTillClosings = (db: QueryDb, limit: number) => db.select().from(tillClosings).orderBy(desc(tillClosings.id)).limit(limit).all()

/** The latest day closed: a payment cannot be dated on it or before it (see contract/till.ts). */
export const lastClosedDay = (db: QueryDb): string | null => db.select({ day: max(tillClosings.day) }).from(tillClosings).get()?.day ?? null

export const insertTillClosing = (db: QueryDb, row: Omit<typeof tillClosings.$inferInsert, 'id' | 'closedAt'>): number => Number(db.insert(tillClosings).values(row).run().lastInsertRowid)
