// The POS journal and its end-of-day closings, and what the POS flow reads of the dues it charges.
// Row types come from the schema. Nothing here opens a transaction or flushes: every write runs
// inside the caller's durably(...) or transaction, so a journal step and its audit are one commit.
import { and, count, desc, eq, gt, inArray, isNull, max, ne, sql } from 'drizzle-orm'
import { OPEN_STATES, POS_APPROVED_STATES, type PosClosureInfo, type PosJournalState } from '../../../contract/pos'
import { deskPayments, paymentOptions, posClosures, posJournal, positions } from '../schema'
import type { QueryDb } from './query-db'

export type PosJournalRow = typeof posJournal.$inferSelect
export type PosClosureRow = typeof posClosures.$inferSelect

// ---- The journal, as the operator reads it ----

/** What the operator sees of an operation: exactly the fields of PosJournalEntryInfo. */
const entryColumns = {
  id: posJournal.id,
  iupd: posJournal.iupd,
  nav: posJournal.nav,
  amountCents: posJournal.amountCents,
  terminalId: posJournal.terminalId,
  state: posJournal.state,
  stan: posJournal.stan,
  authCode: posJournal.authCode,
  pan: posJournal.pan,
  message: posJournal.message,
  operator: posJournal.operator,
  createdAt: posJournal.createdAt
}

export const journalEntry = (db: QueryDb, id: string) => db.select(entryColumns).from(posJournal).where(eq(posJournal.id, id)).get()

/** Operations no closing covers yet, oldest first. */
export const unclosedEntries = (db: QueryDb) => db.select(entryColumns).from(posJournal).where(isNull(posJournal.closureId)).orderBy(posJournal.createdAt).all()

export const entriesOfClosure = (db: QueryDb, closureId: number) => db.select(entryColumns).from(posJournal).where(eq(posJournal.closureId, closureId)).orderBy(posJournal.createdAt).all()

// ---- The journal, as the payment flow reads it ----

export const journalRow = (db: QueryDb, id: string) => db.select().from(posJournal).where(eq(posJournal.id, id)).get()

/** The newest entry of a due whose outcome is open or uncertain: it locks the due. */
export function openEntryOf(db: QueryDb, iupd: string) {
  return db
    .select()
    .from(posJournal)
    .where(and(eq(posJournal.iupd, iupd), inArray(posJournal.state, [...OPEN_STATES])))
    .orderBy(desc(posJournal.createdAt))
    .limit(1)
    .get()
}

/** A charge of this notice the terminal approved (its pagoPA receipt may not have come yet). */
export const approvedChargeOf = (db: QueryDb, nav: string) =>
  db
    .select({ stan: posJournal.stan })
    .from(posJournal)
    .where(and(eq(posJournal.nav, nav), inArray(posJournal.state, [...POS_APPROVED_STATES])))
    .limit(1)
    .get()

export const hasEntryIn = (db: QueryDb, states: readonly PosJournalState[]) => db.select({ id: posJournal.id }).from(posJournal).where(inArray(posJournal.state, [...states])).limit(1).get() !== undefined

/** Entries in these states, oldest first: recovery settles them in the order they were sent. */
export const entryIdsIn = (db: QueryDb, states: readonly PosJournalState[]) =>
  db
    .select({ id: posJournal.id })
    .from(posJournal)
    .where(inArray(posJournal.state, [...states]))
    .orderBy(posJournal.createdAt)
    .all()
    .map((r) => r.id)

// ---- The dues the flow charges ----

/** The option to charge with what its refusal rules and the terminal's receipt need. */
export function payableOptionOf(db: QueryDb, nav: string) {
  return db
    .select({
      nav: paymentOptions.nav,
      amountCents: paymentOptions.amountCents,
      status: paymentOptions.status,
      isPartialPayment: paymentOptions.isPartialPayment,
      iupd: positions.iupd,
      causale: positions.causale,
      positionStatus: positions.status
    })
    .from(paymentOptions)
    .innerJoin(positions, eq(positions.id, paymentOptions.positionId))
    .where(eq(paymentOptions.nav, nav))
    .get()
}
export type PayableOption = NonNullable<ReturnType<typeof payableOptionOf>>

/** The option an approval is recorded on, read again inside the recording transaction. */
export const optionToRecord = (db: QueryDb, nav: string) =>
  db.select({ id: paymentOptions.id, positionId: paymentOptions.positionId, isPartialPayment: paymentOptions.isPartialPayment, status: paymentOptions.status }).from(paymentOptions).where(eq(paymentOptions.nav, nav)).get()
export type OptionToRecord = NonNullable<ReturnType<typeof optionToRecord>>

export const dueOnReceipt = (db: QueryDb, iupd: string) => db.select({ causale: positions.causale, debtorName: positions.debtorName }).from(positions).where(eq(positions.iupd, iupd)).get()

// ---- Journal writes (inside the caller's durably) ----

export function insertSending(db: QueryDb, entry: Pick<PosJournalRow, 'id' | 'iupd' | 'nav' | 'amountCents' | 'terminalId' | 'baselineStan' | 'operator'>): void {
  db.insert(posJournal)
    .values({ ...entry, state: 'sending', updatedAt: new Date().toISOString() })
    .run()
}

/** The facts a step may record, named as the flow names them (the columns' SQL names). */
const FACT_COLUMNS = [
  ['stan', 'stan'],
  ['auth_code', 'authCode'],
  ['pan', 'pan'],
  ['online_id', 'onlineId'],
  ['host_time', 'hostTime'],
  ['result_raw', 'resultRaw'],
  ['message', 'message']
] as const satisfies readonly (readonly [string, keyof PosJournalRow])[]
export type JournalFacts = Partial<Record<(typeof FACT_COLUMNS)[number][0], string | null>>

/**
 * The compare-and-set of every step: one UPDATE whose WHERE holds the states leading to `state`.
 * Only the changed-row count decides, so a step that finds its entry moved on changes nothing.
 */
export function moveEntry(db: QueryDb, id: string, state: PosJournalState, from: readonly PosJournalState[], facts: JournalFacts): boolean {
  const set: Partial<typeof posJournal.$inferInsert> = { state, updatedAt: new Date().toISOString() }
  // A fact given as undefined is written as null, as a fact left out is not written at all.
  for (const [key, column] of FACT_COLUMNS) if (key in facts) set[column] = facts[key] ?? null
  const changed = db
    .update(posJournal)
    .set(set)
    .where(and(eq(posJournal.id, id), inArray(posJournal.state, [...from])))
    .run().changes
  return changed === 1
}

// ---- End of day (inside the caller's transaction) ----

export const closureRow = (db: QueryDb, id: number) => db.select().from(posClosures).where(eq(posClosures.id, id)).get()

export const latestClosures = (db: QueryDb, limit: number) => db.select().from(posClosures).orderBy(desc(posClosures.id)).limit(limit).all()

/** The terminal's operations no closing covers yet: approved total and count, and those still open. */
export function unclosedTotals(db: QueryDb, terminalId: string): { cents: number; approved: number; unresolved: number } {
  const approved = inArray(posJournal.state, [...POS_APPROVED_STATES])
  const open = inArray(posJournal.state, [...OPEN_STATES])
  const totals = db
    .select({
      cents: sql`coalesce(sum(CASE WHEN ${approved} THEN ${posJournal.amountCents} END), 0)`.mapWith(Number),
      approved: count(sql`CASE WHEN ${approved} THEN 1 END`),
      unresolved: count(sql`CASE WHEN ${open} THEN 1 END`)
    })
    .from(posJournal)
    .where(and(isNull(posJournal.closureId), eq(posJournal.terminalId, terminalId)))
    .get()
  // An aggregate without GROUP BY always has its one row; the fallback only satisfies the type.
  return totals ?? { cents: 0, approved: 0, unresolved: 0 }
}

export const lastClosedAt = (db: QueryDb): string | null => db.select({ at: max(posClosures.closedAt) }).from(posClosures).get()?.at ?? null

/** Payments taken by hand since `since`, per channel; the desk's own terminal is reconciled apart. */
export function otherChannelsSince(db: QueryDb, since: string): PosClosureInfo['deskChannels'] {
  const rows = db
    .select({ channel: deskPayments.channel, count: count(), cents: sql`sum(${deskPayments.amountCents})`.mapWith(Number) })
    .from(deskPayments)
    .where(and(ne(deskPayments.channel, 'pos-integrato'), gt(deskPayments.createdAt, since)))
    .groupBy(deskPayments.channel)
    .orderBy(deskPayments.channel)
    .all()
  // The WHERE already left the terminal's channel out; this tells the type so, without a cast.
  return rows.flatMap((r) => (r.channel === 'pos-integrato' ? [] : [{ channel: r.channel, count: r.count, cents: r.cents }]))
}

export const insertClosure = (db: QueryDb, closure: Omit<typeof posClosures.$inferInsert, 'id' | 'closedAt'>): number => Number(db.insert(posClosures).values(closure).run().lastInsertRowid)

/** Gives the closing every operation of the terminal no closing covers yet. */
export const assignToClosure = (db: QueryDb, closureId: number, terminalId: string) =>
  db
    .update(posJournal)
    .set({ closureId })
    .where(and(isNull(posJournal.closureId), eq(posJournal.terminalId, terminalId)))
    .run()
