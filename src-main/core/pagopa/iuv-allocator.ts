// Allocation of IUVs (and so notice numbers) that never hands out the same number twice.
//
//   IUV base (13 digits) = desk number (3 digits, 000-799) + counter (10 digits)
//
// - Two desks of the same ente never collide, even offline at the same time: each desk owns the
//   numbers that start with its own desk number (assigned once, in the desk's settings). Bases
//   starting with 8 and 9 are left to demo data.
// - The counter only grows, and never falls below the seconds elapsed since 2025-01-01: after a
//   restore of an old copy of the whole data folder, the clock has moved past what the old copy
//   had issued (unless the desk issued faster than one number a second for hours before).
// - Before handing out numbers, the allocator reserves a block of them in a small file beside the
//   cache, written and flushed to disk first. After a crash, a power cut (which can drop the last
//   SQLite transactions) or a restore of the cache file alone, the next number starts above the
//   reservation: a few numbers are skipped, none is reused.
import type Database from 'better-sqlite3'
import { readJsonFile, writeJsonDurably } from '../db/durable-file'
import { MAX_DESK_NUMBER } from '../../contract/app'
import { AppError } from '../../contract/errors'
import { buildNoticeCodes, type NoticeCodes } from './notice-number'

export { MAX_DESK_NUMBER }

export const COUNTER_EPOCH_MS = Date.UTC(2025, 0, 1)
const COUNTER_MAX = 9_999_999_999
const STATE_KEY = 'iuv.counter'

/** The desk number as the first three digits of its IUVs' base (and of the IUPDs it suggests). */
export const deskDigits = (deskNumber: number) => String(deskNumber).padStart(3, '0')

/** The last counter this desk number handed out in this cache; 0 when it never issued a code. */
export function issuedUpTo(sqlite: Database.Database, deskNumber: number): number {
  const row = sqlite.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?').get(`${STATE_KEY}.${deskDigits(deskNumber)}`)
  return row ? Number(row.value) : 0
}

export interface IuvAllocatorOptions {
  sqlite: Database.Database
  segregationCode: string
  deskNumber: number
  /** The reservation file, beside the cache (not inside it: it must outlive a restored cache). */
  reservationFile: string
  now?: () => number
  blockSize?: number
}

export interface AllocatedCodes extends NoticeCodes {
  /** The 13-digit base: desk number and counter. */
  base: string
  counter: number
}

export interface IuvAllocator {
  /** The next codes. Call it inside the transaction that stores the due, so both commit together. */
  next(): AllocatedCodes
  readonly deskNumber: number
}

function readReservation(file: string): number {
  const value = Number((readJsonFile(file) as { reservedUpTo?: unknown } | undefined)?.reservedUpTo)
  return Number.isSafeInteger(value) && value >= 0 ? value : 0
}

function writeReservation(file: string, reservedUpTo: number): void {
  writeJsonDurably(file, { reservedUpTo, at: new Date().toISOString() })
}

export function createIuvAllocator(options: IuvAllocatorOptions): IuvAllocator {
  const { sqlite, segregationCode, deskNumber, reservationFile } = options
  if (!Number.isInteger(deskNumber) || deskNumber < 0 || deskNumber > MAX_DESK_NUMBER) {
    throw new Error(`Numero dello sportello non valido: ${deskNumber} (da 0 a ${MAX_DESK_NUMBER}).`)
  }
  const now = options.now ?? Date.now
  const blockSize = options.blockSize ?? 1000
  const desk = deskDigits(deskNumber)
  const readState = sqlite.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?')
  const writeState = sqlite.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'
  )
  const stateKey = `${STATE_KEY}.${desk}`
  // Every IUV handed out is remembered: the sync tells this desk's positions from another desk's by it.
  const remember = sqlite.prepare('INSERT OR IGNORE INTO issued_iuvs (iuv) VALUES (?)')
  // Whatever was reserved before this start may have been handed out: start above it.
  let reservedUpTo = readReservation(reservationFile)
  let reservationStart = reservedUpTo

  return {
    deskNumber,
    next() {
      const stored = Number(readState.get(stateKey)?.value ?? 0)
      const clockFloor = Math.floor((now() - COUNTER_EPOCH_MS) / 1000)
      const counter = Math.max(stored + 1, reservationStart + 1, clockFloor)
      if (counter > COUNTER_MAX) throw new AppError('CONFLICT', 'pagopa.iuvExhausted')
      if (counter > reservedUpTo) {
        // Another process on the same data folder (the CLI beside the app) may have reserved
        // further: the file only ever moves up.
        reservedUpTo = Math.max(readReservation(reservationFile), Math.min(COUNTER_MAX, counter + blockSize))
        writeReservation(reservationFile, reservedUpTo)
      }
      // Inside this process numbers come from the database; the reservation guards restarts only.
      reservationStart = 0
      writeState.run(stateKey, String(counter))
      const base = desk + String(counter).padStart(10, '0')
      const codes = buildNoticeCodes(segregationCode, base)
      remember.run(codes.iuv)
      return { ...codes, base, counter }
    }
  }
}
