// Opening the cache at startup without ever losing what the desk has not sent yet. A marker file
// says whether the last session closed cleanly; after a crash the cache is checked (quick_check).
// A damaged cache is set aside (never deleted), the newest sound backup takes its place (or an
// empty cache that the next sync refills), and the changes still queued for the backend are
// salvaged from the damaged file with the dues they carry. A cache held by another program is
// reported as such, not treated as damage.
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../contract/errors'
import { italian, message, type Message } from '../../contract/messages'
import { listBackups } from './backups'
import { deleteCachedPosition } from './delete-position'
import { openDatabase, type OpenedDatabase } from './open'

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
}

const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_VTAB'])
const isDamage = (error: unknown) => DAMAGE_CODES.has((error as { code?: string }).code ?? '') || /malformed|not a database/i.test(String(error))
const isLocked = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? '')

function quickCheck(sqlite: Database.Database): boolean {
  const rows = sqlite.pragma('quick_check') as { quick_check: string }[]
  return rows.length === 1 && rows[0]!.quick_check === 'ok'
}

export function openCheckedCache(file: string, options: { migrationsFolder: string; backupsDir: string; log?: (message: string) => void }): CheckedCache {
  const marker = `${file}.in-uso`
  const unclean = existsSync(marker)
  let database: OpenedDatabase | null = null
  let damaged = false
  try {
    database = openDatabase(file, { migrationsFolder: options.migrationsFolder })
    if (unclean && !quickCheck(database.sqlite)) damaged = true
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
  writeFileSync(marker, `${process.pid} ${new Date().toISOString()}\n`)
  const opened = database!
  return {
    database: {
      sqlite: opened.sqlite,
      db: opened.db,
      close: () => {
        opened.close()
        rmSync(marker, { force: true })
      }
    },
    recovery
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
function recover(file: string, options: { migrationsFolder: string; backupsDir: string }): CacheRecovery {
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
const insertRow = (sqlite: Database.Database, table: string, row: Row) => {
  const columns = Object.keys(row)
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
function copyDue(source: Database.Database, target: Database.Database, iupd: string): boolean {
  const position = source.prepare<[string], Row>('SELECT p.*, t.code AS due_type_code FROM positions p LEFT JOIN due_types t ON t.id = p.due_type_id WHERE p.iupd = ?').get(iupd)
  const existing = target.prepare<[string], { id: number }>('SELECT id FROM positions WHERE iupd = ?').get(iupd)?.id
  if (existing !== undefined) deleteCachedPosition(target, existing)
  if (!position) return existing !== undefined
  const dueTypeId = position.due_type_code ? (target.prepare('SELECT id FROM due_types WHERE code = ?').pluck().get(position.due_type_code) ?? null) : null
  const positionId = Number(insertRow(target, 'positions', { ...without(position, 'id', 'due_type_code'), due_type_id: dueTypeId }).lastInsertRowid)
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
