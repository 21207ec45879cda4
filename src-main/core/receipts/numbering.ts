// The numbers of the receipts: one sequence per year (Europe/Rome) and desk number, 1, 2, 3…,
// never a number twice, not after a crash, a power cut or a restored copy of the cache.
//
// - The next number is one above the highest the cache used or skipped for that year and desk.
// - Before a number is given to a payment, it is written to a reservation file beside the cache
//   (not inside it: it must outlive a restored cache), flushed to disk, within the transaction
//   that records the payment. One number at a time: a receipt sequence has no room for blocks.
// - When the reservation is above what the cache holds, the reserved numbers were handed out by a
//   transaction that never reached the disk (a crash, a power cut) or by a cache that was since
//   replaced by an older copy: the next number starts above the reservation, and every number in
//   between is recorded in receipt_skips with why, so the sequence can be audited.
// - Processes sharing the data folder (the app and the CLI) take turns: numbering runs after the
//   payment's row is written, so the cache's write lock is held while the file is read and written.
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import { italian, message, type Message } from '../../contract/messages'
import { readJsonFile, writeJsonDurably } from '../db/durable-file'
import { insertReceipt, lastReceiptNumber, recordSkipped } from '../db/queries/receipts'
import { queryDb } from '../db/queries/query-db'
import { currentDesk } from '../settings/desk'
import type { SettingsStore } from '../settings/settings'

/** The reservation file's name, in the data folder beside the cache (sportello.db). */
export const RECEIPT_RESERVATION_FILE = 'receipt-reservation.json'
export const receiptReservationFile = (dataDir: string) => join(dataDir, RECEIPT_RESERVATION_FILE)

/** The year of an instant in Rome: a payment registered at 00:30 on 1 January belongs to the new year. */
export const romeYear = (at: Date) => Number(new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'Europe/Rome' }).format(at))

/** Why no payment can be taken at this desk now (receipts are numbered per desk, and it has no number), or null. */
export function receiptRefusal(settings: SettingsStore): Message | null {
  return currentDesk(settings) ? null : message('receipts.noDesk')
}

export interface IssuedReceipt {
  id: number
  year: number
  deskNumber: number
  number: number
}

export interface ReceiptBook {
  /**
   * Numbers the receipt of a desk payment. Call it inside the transaction that recorded the
   * payment, after its row is written: the number commits with the payment or not at all.
   */
  issue(deskPaymentId: number, operator: string): IssuedReceipt
}

export interface ReceiptBookOptions {
  sqlite: Database.Database
  settings: SettingsStore
  /** See receiptReservationFile(dataDir). */
  reservationFile: string
  now?: () => Date
}

type Reservations = Record<string, number>
const keyOf = (year: number, deskNumber: number) => `${year}/${deskNumber}`

function readReservations(file: string): Reservations {
  const parsed = readJsonFile(file)
  const reserved = typeof parsed === 'object' && parsed !== null && 'reserved' in parsed ? parsed.reserved : null
  if (typeof reserved !== 'object' || reserved === null) return {}
  return Object.fromEntries(Object.entries(reserved).filter((e): e is [string, number] => Number.isSafeInteger(e[1]) && e[1] > 0))
}

function writeReservations(file: string, reserved: Reservations): void {
  writeJsonDurably(file, { reserved, at: new Date().toISOString() })
}

export function createReceiptBook(options: ReceiptBookOptions): ReceiptBook {
  const { sqlite, settings, reservationFile } = options
  const now = options.now ?? (() => new Date())
  const db = queryDb(sqlite)
  return {
    issue(deskPaymentId, operator) {
      if (!sqlite.inTransaction) throw new Error('La numerazione delle ricevute va fatta nella transazione del pagamento.')
      const desk = currentDesk(settings)
      if (!desk) throw new AppError('CONFLICT', receiptRefusal(settings)!)
      const at = now()
      const year = romeYear(at)
      const key = keyOf(year, desk.number)
      // Read at every receipt, under the cache's write lock: another process may have numbered since.
      const reservations = readReservations(reservationFile)
      const last = lastReceiptNumber(db, year, desk.number)
      const reserved = reservations[key] ?? 0
      if (reserved > last) recordSkipped(db, year, desk.number, last + 1, reserved, italian(message('receipts.skippedReserved')))
      const number = Math.max(last, reserved) + 1
      // Sequences of years long gone need no guard any more; last year's is kept against a clock set back.
      const kept = Object.fromEntries(Object.entries(reservations).filter(([k]) => Number(k.split('/')[0]) >= year - 1))
      writeReservations(reservationFile, { ...kept, [key]: number })
      const id = insertReceipt(db, { year, deskNumber: desk.number, deskName: desk.name, number, deskPaymentId, issuedAt: at.toISOString(), operator })
      return { id, year, deskNumber: desk.number, number }
    }
  }
}
