// Opening the cache at startup without ever losing what the desk has not sent yet. A marker file
// says whether the last session closed cleanly; after a crash the cache is checked (quick_check).
// A damaged cache is set aside (never deleted), the newest sound backup takes its place (or an
// empty cache that the next sync refills), and the changes still queued for the backend are
// salvaged from the damaged file with the dues they carry. A cache held by another program is
// reported as such, not treated as damage.
//
// The full check reads the whole file: seconds on a large cache. The app defers it
// (deferFullCheck): before serving, only the schema and the small tables that hold what must not
// be lost (unsent changes, POS payments, receipts, settings, operators) are checked; the rest is
// checked by a worker thread on its own read-only connection while the desk works. Damage found
// there is reported and leaves a flag, so the next start checks up front and rebuilds the cache.
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../contract/errors'
import { italian, message, type Message } from '../../contract/messages'
import { listBackups } from './backups'
import { deleteCachedPosition } from './delete-position'
import { positionIssuerIds } from './position-issuers'
import { openDatabase, type OpenedDatabase } from './open'
import { Worker } from 'node:worker_threads'

export interface CacheRecovery {
  damagedFile: string
  restoredFrom: string | null
  salvagedChanges: number
  salvagedDues: number
  /** What the operator is told (and the log says, in Italian). */
  message: Message
}

export interface CheckedCache {
  database: OpenedDatabase
  /** Set when the cache had to be rebuilt at this start: the operator is told. */
  recovery: CacheRecovery | null
  /**
   * Set when the full check was deferred (deferFullCheck, after an unclean stop): starts it. Until
   * it finds the cache sound, the session does not count as closed cleanly, so a start that ends
   * before the check is over checks again at the next start.
   */
  deferredCheck: (() => DeferredCheck) | null
}

/** What the full check of the file found; 'unchecked' when it could not run (then it runs at the next start). */
export type CacheCheck = { state: 'sound' } | { state: 'damaged'; problems: string[] } | { state: 'unchecked'; reason: string }

export interface DeferredCheck {
  result: Promise<CacheCheck>
  /** Stops a check still running (the app is closing): its result is then 'unchecked'. */
  cancel(): Promise<void>
}

export interface CheckOptions {
  migrationsFolder: string
  backupsDir: string
  log?: (message: string) => void
  /** Check only the small tables before serving after an unclean stop; the whole file in a worker later. */
  deferFullCheck?: boolean
}

const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_VTAB'])
const isDamage = (error: unknown) => DAMAGE_CODES.has((error as { code?: string }).code ?? '') || /malformed|not a database/i.test(String(error))

/** What quick_check's rows say of a file. */
const checkOf = (rows: string[]): CacheCheck => (rows.length === 1 && rows[0] === 'ok' ? { state: 'sound' } : { state: 'damaged', problems: rows.slice(0, 10) })
/** An error opening or reading the file: damage, or a check that could not be made. */
const failedCheck = (error: { code?: string }, text: string): CacheCheck =>
  isDamage(Object.assign(new Error(text), { code: error.code })) ? { state: 'damaged', problems: [text] } : { state: 'unchecked', reason: text }
const isLocked = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? '')

function quickCheck(sqlite: Database.Database, table?: string): boolean {
  const rows = sqlite.pragma(table ? `quick_check(${JSON.stringify(table)})` : 'quick_check') as { quick_check: string }[]
  return checkOf(rows.map((r) => r.quick_check)).state === 'sound'
}

/**
 * What is checked before serving when the full check is deferred: the tables that hold what the
 * desk must not lose or get wrong (changes and payments not yet settled with the backend or the
 * terminal, receipt and IUV numbering, who signs in, the desk's settings). They stay small, so
 * checking them takes milliseconds; the dues, their registry, search index and history are the
 * bulk of the file and are checked in the background.
 */
const CHECKED_BEFORE_SERVING = ['settings', 'operators', 'sync_state', 'due_types', 'outbox', 'pos_journal', 'pos_closures', 'desk_payments', 'receipts', 'receipt_skips', 'issued_iuvs', 'till_closings', 'privacy_erasures']

function smallTablesSound(sqlite: Database.Database): boolean {
  const present = new Set(sqlite.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all())
  return CHECKED_BEFORE_SERVING.filter((t) => present.has(t)).every((t) => quickCheck(sqlite, t))
}

/** Left by a background check that found damage: the next start checks the whole file before serving. */
export const damageFlagFile = (file: string) => `${file}.danneggiata`
/** Left at close when the deferred check had not finished: the next start owes it, as after a crash. */
const checkOwedFile = (file: string) => `${file}.da-verificare`

export function openCheckedCache(file: string, options: CheckOptions): CheckedCache {
  const marker = `${file}.in-uso`
  const flag = damageFlagFile(file)
  const owed = checkOwedFile(file)
  const unclean = existsSync(marker) || existsSync(owed)
  // Damage reported by the last session's background check is checked again before serving.
  const flagged = existsSync(flag)
  let database: OpenedDatabase | null = null
  let damaged = false
  let deferred = false
  try {
    database = openDatabase(file, { migrationsFolder: options.migrationsFolder })
    if (flagged || (unclean && !options.deferFullCheck)) damaged = !quickCheck(database.sqlite)
    else if (unclean) {
      damaged = !smallTablesSound(database.sqlite)
      deferred = !damaged
    }
  } catch (error) {
    if (isLocked(error)) {
      throw new AppError('UNAVAILABLE', 'settings.cache.locked', { file })
    }
    if (!isDamage(error)) throw error
    damaged = true
  }
  let recovery: CacheRecovery | null = null
  if (damaged) {
    database?.close()
    recovery = recover(file, options)
    options.log?.(italian(recovery.message))
    database = openDatabase(file, { migrationsFolder: options.migrationsFolder })
  }
  rmSync(flag, { force: true })
  rmSync(owed, { force: true })
  writeFileSync(marker, `${process.pid} ${new Date().toISOString()}\n`)
  const opened = database!
  // A deferred check not yet found sound is owed by the next start.
  let checkOwed = deferred
  const deferredCheck = () => {
    const check = checkInWorker(file)
    let cancelled = false
    return {
      cancel: async () => {
        cancelled = true
        await check.cancel()
      },
      // A worker that cannot run (a packaging fault) must not leave a cache unchecked for ever:
      // then the check runs here, holding the desk for its few seconds, once.
      result: check.result.then((found) => (found.state === 'unchecked' && !cancelled ? checkHere(file) : found)).then((found) => {
        if (found.state === 'sound') checkOwed = false
        if (found.state === 'damaged') writeFileSync(flag, `${new Date().toISOString()}\n${found.problems.join('\n')}\n`)
        return found
      })
    }
  }
  return {
    database: {
      sqlite: opened.sqlite,
      db: opened.db,
      close: () => {
        opened.close()
        if (checkOwed) writeFileSync(owed, `${new Date().toISOString()}\n`)
        rmSync(marker, { force: true })
      }
    },
    recovery,
    deferredCheck: deferred ? deferredCheck : null
  }
}

// The worker's whole program: it opens the file read-only (never a write, never a lock that would
// stop the desk) and reports what quick_check says. The driver's path comes from the app, which
// knows where its node_modules are.
const CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
let db
try {
  const Database = require(workerData.driver)
  db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  parentPort.postMessage({ rows: db.pragma('quick_check').map((r) => r.quick_check) })
} catch (error) {
  parentPort.postMessage({ error: { code: error && error.code, text: String(error) } })
} finally {
  if (db) db.close()
}
`

function checkHere(file: string): CacheCheck {
  let db: Database.Database | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    return checkOf((db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check))
  } catch (error) {
    return failedCheck(error as { code?: string }, String(error))
  } finally {
    db?.close()
  }
}

/** quick_check of the whole file in a worker thread, on its own read-only connection. */
export function checkInWorker(file: string): DeferredCheck {
  let worker: Worker
  try {
    worker = new Worker(CHECK_WORKER, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3') } })
  } catch (error) {
    return { result: Promise.resolve({ state: 'unchecked', reason: String(error) }), cancel: async () => undefined }
  }
  const result = new Promise<CacheCheck>((resolve) => {
    worker.once('message', (found: { rows: string[] } | { error: { code?: string; text: string } }) => {
      resolve('rows' in found ? checkOf(found.rows) : failedCheck(found.error, found.error.text))
    })
    worker.once('error', (error) => resolve({ state: 'unchecked', reason: String(error) }))
    worker.once('exit', () => resolve({ state: 'unchecked', reason: 'verifica interrotta' }))
  })
  return {
    result,
    // A check inside SQLite cannot be interrupted: the worker stops when it is over, and never
    // keeps the process alive meanwhile.
    cancel: async () => {
      worker.unref()
      void worker.terminate()
    }
  }
}

function soundBackup(file: string): boolean {
  try {
    const candidate = new Database(file, { readonly: true, fileMustExist: true })
    try {
      return quickCheck(candidate)
    } finally {
      candidate.close()
    }
  } catch {
    return false
  }
}

/** After damage: the newest sound backup, or an empty cache. */
function recover(file: string, options: CheckOptions): CacheRecovery {
  const backup = listBackups(options.backupsDir).find((b) => soundBackup(b.file))?.file ?? null
  return replaceCache(file, backup, 'danneggiato', options.migrationsFolder)
}

/**
 * `sportello restore`: puts a backup in place of the cache. The cache it replaces is kept aside,
 * and what it still had to send is carried over, as after damage.
 */
export function restoreBackup(file: string, backup: string, options: { migrationsFolder: string }): CacheRecovery {
  if (existsSync(`${file}.in-uso`)) throw new AppError('CONFLICT', 'settings.cache.openElsewhere')
  if (!soundBackup(backup)) throw new AppError('INVALID_INPUT', 'settings.cache.badBackup', { file: basename(backup) })
  return replaceCache(file, backup, 'sostituito', options.migrationsFolder)
}

function replaceCache(file: string, backup: string | null, why: 'danneggiato' | 'sostituito', migrationsFolder: string): CacheRecovery {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const asideFile = join(dirname(file), `${basename(file, '.db')}.${why}-${stamp}.db`)
  // The WAL and shared memory belong to the old file: they move with it.
  if (existsSync(file)) renameSync(file, asideFile)
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, asideFile + suffix)
  if (backup) copyFileSync(backup, file)
  const target = openDatabase(file, { migrationsFolder })
  let salvaged = { changes: 0, dues: 0 }
  try {
    salvaged = salvageQueuedChanges(asideFile, target.sqlite)
  } finally {
    target.close()
  }
  const counts = { changes: salvaged.changes, dues: salvaged.dues, aside: basename(asideFile) }
  const said = !backup
    ? message('settings.cache.damagedRecreated', counts)
    : message(why === 'danneggiato' ? 'settings.cache.damagedRestored' : 'settings.cache.restored', { backup: basename(backup), ...counts })
  return {
    damagedFile: asideFile,
    restoredFrom: backup,
    salvagedChanges: salvaged.changes,
    salvagedDues: salvaged.dues,
    message: said
  }
}

type Row = Record<string, unknown>
// Only the columns the target has: a damaged cache written before a migration may hold columns
// since dropped as never read (0013), and a view (transfers) lists its own.
const insertRow = (sqlite: Database.Database, table: string, row: Row) => {
  const present = new Set((sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name))
  const columns = Object.keys(row).filter((c) => present.has(c))
  return sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => row[c] as never))
}
const without = (row: Row, ...keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)))

/**
 * Copies what the damaged cache still holds of the changes waiting for the backend: the outbox
 * entries not yet done, the dues they are about (as the damaged cache last saw them) and POS
 * payments whose outcome was still open. Whatever cannot be read is left out, never guessed.
 */
export function salvageQueuedChanges(damagedFile: string, target: Database.Database): { changes: number; dues: number } {
  let source: Database.Database
  let queued: Row[]
  try {
    source = new Database(damagedFile, { readonly: true, fileMustExist: true })
    queued = source.prepare<[], Row>("SELECT * FROM outbox WHERE state IN ('pending', 'failed', 'conflict') ORDER BY id").all()
  } catch {
    return { changes: 0, dues: 0 }
  }
  const has = target.prepare('SELECT 1 FROM outbox WHERE operation = ? AND iupd = ? AND payload_json = ? AND created_at = ?')
  const iupds = [...new Set(queued.map((r) => String(r.iupd)))]
  let dues = 0
  let changes = 0
  target.transaction(() => {
    for (const iupd of iupds) {
      try {
        if (copyDue(source, target, iupd)) dues++
      } catch {
        // This due's rows are unreadable in the damaged file: its queued changes still go below.
      }
    }
    for (const row of queued) {
      if (has.get(row.operation, row.iupd, row.payload_json, row.created_at)) continue
      insertRow(target, 'outbox', without(row, 'id'))
      changes++
    }
    try {
      const known = target.prepare('SELECT 1 FROM pos_journal WHERE id = ?')
      for (const entry of source.prepare<[], Row>("SELECT * FROM pos_journal WHERE state IN ('sending', 'unknown', 'uncertain')").all()) {
        if (!known.get(entry.id)) insertRow(target, 'pos_journal', entry)
      }
    } catch {
      // No readable POS journal in the damaged file.
    }
  })()
  source.close()
  return { changes, dues }
}

/** The due as the damaged cache holds it replaces the restored one; a due deleted there is deleted here. */
/** The ente's name and office of a position: its own columns before migration 0013, its issuer's after (ids differ between caches). */
function issuerOf(source: Database.Database, position: Row): { company_name: string; office_name: string | null } | undefined {
  if ('company_name' in position) return { company_name: String(position.company_name), office_name: (position.office_name as string | null) ?? null }
  if (position.issuer_id === null || position.issuer_id === undefined) return undefined
  return source.prepare<[unknown], { company_name: string; office_name: string | null }>('SELECT company_name, office_name FROM position_issuers WHERE id = ?').get(position.issuer_id)
}

function copyDue(source: Database.Database, target: Database.Database, iupd: string): boolean {
  const position = source.prepare<[string], Row>('SELECT p.*, t.code AS due_type_code FROM positions p LEFT JOIN due_types t ON t.id = p.due_type_id WHERE p.iupd = ?').get(iupd)
  const existing = target.prepare<[string], { id: number }>('SELECT id FROM positions WHERE iupd = ?').get(iupd)?.id
  if (existing !== undefined) deleteCachedPosition(target, existing)
  if (!position) return existing !== undefined
  const dueTypeId = position.due_type_code ? (target.prepare('SELECT id FROM due_types WHERE code = ?').pluck().get(position.due_type_code) ?? null) : null
  const issuer = issuerOf(source, position)
  const issuerId = issuer ? positionIssuerIds(target)(issuer.company_name, issuer.office_name) : null
  const positionId = Number(insertRow(target, 'positions', { ...without(position, 'id', 'due_type_code', 'issuer_id'), due_type_id: dueTypeId, issuer_id: issuerId }).lastInsertRowid)
  for (const option of source.prepare<[unknown], Row>('SELECT * FROM payment_options WHERE position_id = ?').all(position.id)) {
    const optionId = Number(insertRow(target, 'payment_options', { ...without(option, 'id'), position_id: positionId }).lastInsertRowid)
    for (const transfer of source.prepare<[unknown], Row>('SELECT * FROM transfers WHERE option_id = ?').all(option.id)) insertRow(target, 'transfers', { ...without(transfer, 'id'), option_id: optionId })
    for (const payment of source.prepare<[unknown], Row>('SELECT * FROM desk_payments WHERE option_id = ?').all(option.id)) {
      const paymentId = Number(insertRow(target, 'desk_payments', { ...without(payment, 'id'), option_id: optionId }).lastInsertRowid)
      copyReceipt(source, target, payment.id, paymentId)
    }
  }
  return true
}

/** The payment's receipt comes along with it, its number no longer counted as skipped. */
function copyReceipt(source: Database.Database, target: Database.Database, sourcePaymentId: unknown, paymentId: number): void {
  let receipt: Row | undefined
  try {
    receipt = source.prepare<[unknown], Row>('SELECT * FROM receipts WHERE desk_payment_id = ?').get(sourcePaymentId)
  } catch {
    return // A damaged cache from before receipts, or whose receipts cannot be read.
  }
  if (!receipt) return
  const row: Row = { ...without(receipt, 'id'), desk_payment_id: paymentId }
  const columns = Object.keys(row)
  const copied = target.prepare(`INSERT OR IGNORE INTO receipts (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => row[c] as never))
  if (copied.changes > 0) target.prepare('DELETE FROM receipt_skips WHERE year = ? AND desk_number = ? AND number = ?').run(receipt.year as never, receipt.desk_number as never, receipt.number as never)
}
