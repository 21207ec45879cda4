// Numbered receipts of desk payments and the numbers skipped in their sequence. Nothing here opens
// a transaction: the numbering runs inside the transaction that records the payment.
import { and, desc, eq, isNull, max, sql } from 'drizzle-orm'
import { deskPayments, paymentOptions, positions, receiptSkips, receipts } from '../schema'
import type { QueryDb } from './query-db'

export type ReceiptRow = typeof receipts.$inferSelect
export type ReceiptSkipRow = typeof receiptSkips.$inferSelect

/** The highest number this desk used or skipped in the year; 0 when none. */
export function lastReceiptNumber(db: QueryDb, year: number, deskNumber: number): number {
  const used = db.select({ n: max(receipts.number) }).from(receipts).where(and(eq(receipts.year, year), eq(receipts.deskNumber, deskNumber))).get()?.n ?? 0
  const skipped = db.select({ n: max(receiptSkips.number) }).from(receiptSkips).where(and(eq(receiptSkips.year, year), eq(receiptSkips.deskNumber, deskNumber))).get()?.n ?? 0
  return Math.max(used, skipped)
}

export function recordSkipped(db: QueryDb, year: number, deskNumber: number, from: number, to: number, reason: string): void {
  for (let number = from; number <= to; number++) db.insert(receiptSkips).values({ year, deskNumber, number, reason }).run()
}

export function insertReceipt(db: QueryDb, row: typeof receipts.$inferInsert): number {
  return db.insert(receipts).values(row).returning({ id: receipts.id }).get().id
}

/** What a receipt says, from the payment it numbers and the due that payment settled. */
const documentColumns = {
  id: receipts.id,
  number: receipts.number,
  year: receipts.year,
  deskNumber: receipts.deskNumber,
  deskName: receipts.deskName,
  issuedAt: receipts.issuedAt,
  operator: receipts.operator,
  reprints: receipts.reprints,
  printedAt: receipts.printedAt,
  paidAt: deskPayments.paidAt,
  amountCents: deskPayments.amountCents,
  channel: deskPayments.channel,
  reference: deskPayments.reference,
  nav: paymentOptions.nav,
  iupd: positions.iupd,
  causale: positions.causale,
  debtorName: positions.debtorName,
  debtorFiscalCode: positions.debtorFiscalCode
}

const withPayment = (db: QueryDb) =>
  db
    .select(documentColumns)
    .from(receipts)
    .innerJoin(deskPayments, eq(deskPayments.id, receipts.deskPaymentId))
    .innerJoin(paymentOptions, eq(paymentOptions.id, deskPayments.optionId))
    .innerJoin(positions, eq(positions.id, paymentOptions.positionId))

export type ReceiptWithPayment = NonNullable<ReturnType<typeof receiptWithPayment>>

export const receiptWithPayment = (db: QueryDb, id: number) => withPayment(db).where(eq(receipts.id, id)).get()

/** The receipts of a due's payments, newest first. */
export const receiptsOfDue = (db: QueryDb, iupd: string) => withPayment(db).where(eq(positions.iupd, iupd)).orderBy(desc(receipts.id)).all()

/** The receipt of one desk payment, if it has one. */
export const receiptOfPayment = (db: QueryDb, deskPaymentId: number) => db.select().from(receipts).where(eq(receipts.deskPaymentId, deskPaymentId)).get()

/**
 * Records an output of the receipt: the first is the original, every later one a copy. Returns
 * whether this output was a copy. Compare-and-set on printed_at, so two outputs at once make one original.
 */
export function recordOutput(db: QueryDb, id: number, at: string): { copy: boolean } {
  const original = db.update(receipts).set({ printedAt: at }).where(and(eq(receipts.id, id), isNull(receipts.printedAt))).run()
  if (original.changes > 0) return { copy: false }
  db.update(receipts).set({ reprints: sql`${receipts.reprints} + 1` }).where(eq(receipts.id, id)).run()
  return { copy: true }
}

/** The numbers skipped by a desk in a year, in order (an auditor reads them beside the receipts). */
export const skippedNumbers = (db: QueryDb, year: number, deskNumber: number) =>
  db.select().from(receiptSkips).where(and(eq(receiptSkips.year, year), eq(receiptSkips.deskNumber, deskNumber))).orderBy(receiptSkips.number).all()
