import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src-main/core/db/open'
import { olderMigrations } from '../helpers/older-migrations'
import { MIGRATIONS, tempDir } from '../helpers/paths'

let cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups) c()
  cleanups = []
})
function temp() {
  const t = tempDir()
  cleanups.push(t.cleanup)
  return t.dir
}

const migrationsUpTo = (count: number) => olderMigrations(temp(), count)

// Before migration 0013 positions also held the ente's fiscal code, name and office themselves.
const insertOldPosition = `INSERT INTO positions (iupd, organization_fiscal_code, status, debtor_type, debtor_fiscal_code, debtor_name,
  company_name, causale, amount_cents, due_date, origin) VALUES (?, '00723456018', 'VALID', 'F', 'RSSMRA80A01H501U', ?, 'Comune', ?, 1000, '2026-12-31', 'local')`
const insertPosition = `INSERT INTO positions (iupd, status, debtor_type, debtor_fiscal_code, debtor_name,
  causale, amount_cents, due_date, origin) VALUES (?, 'VALID', 'F', 'RSSMRA80A01H501U', ?, ?, 1000, '2026-12-31', 'local')`

describe('migrations on a real file', () => {
  it('creates every table, WAL mode and foreign keys on a new cache', () => {
    const file = join(temp(), 'sportello.db')
    const { sqlite, close } = openDatabase(file, { migrationsFolder: MIGRATIONS })
    // transfers is a view over transfer_rows and transfer_profiles since migration 0013.
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").pluck().all()
    expect(tables).toEqual(expect.arrayContaining(['positions', 'payment_options', 'transfers', 'due_types', 'debtors', 'audit_log', 'outbox', 'sync_state', 'settings', 'operators', 'desk_payments', 'positions_fts']))
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    close()
  })

  it('opens a cache written by an older version, keeps its data and indexes it', () => {
    const file = join(temp(), 'sportello.db')
    const old = openDatabase(file, { migrationsFolder: migrationsUpTo(1) })
    expect(old.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'positions_fts'").pluck().get()).toBe(0)
    old.sqlite.prepare(insertOldPosition).run('OLD-1', 'VERDI GIUSEPPE', 'Mensa scolastica ottobre')
    old.close()

    const current = openDatabase(file, { migrationsFolder: MIGRATIONS })
    expect(current.sqlite.prepare('SELECT debtor_name FROM positions').pluck().all()).toEqual(['VERDI GIUSEPPE'])
    const found = current.sqlite.prepare("SELECT rowid FROM positions_fts WHERE positions_fts MATCH '\"verdi\"*'").pluck().all()
    expect(found).toHaveLength(1)
    expect(current.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    current.close()
  })

  it('applies nothing twice when reopened, and keeps the FTS index in step with changes', () => {
    const file = join(temp(), 'sportello.db')
    const first = openDatabase(file, { migrationsFolder: MIGRATIONS })
    first.sqlite.prepare(insertPosition).run('A-1', 'BIANCHI ANNA', 'TARI 2026')
    first.close()
    const again = openDatabase(file, { migrationsFolder: MIGRATIONS })
    const match = again.sqlite.prepare('SELECT count(*) FROM positions_fts WHERE positions_fts MATCH ?').pluck()
    const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
    expect(again.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(journal.entries.length)
    again.sqlite.prepare("UPDATE positions SET debtor_name = 'NERI ANNA' WHERE iupd = 'A-1'").run()
    expect(match.get('"bianchi"*')).toBe(0)
    expect(match.get('"neri"*')).toBe(1)
    again.sqlite.prepare("DELETE FROM positions WHERE iupd = 'A-1'").run()
    expect(match.get('"neri"*')).toBe(0)
    again.close()
  })

  it('refuses a file that is not a database, without touching it', () => {
    const file = join(temp(), 'sportello.db')
    writeFileSync(file, 'this is not sqlite '.repeat(100))
    expect(() => openDatabase(file, { migrationsFolder: MIGRATIONS })).toThrow()
    expect(readFileSync(file, 'utf8')).toMatch(/^this is not sqlite/)
    // and the handle was released: the file can be opened again by someone else
    expect(() => new Database(file).close()).not.toThrow()
  })

  it('refuses a cache a newer version has migrated, saying what to do, and leaves it as it was', () => {
    const file = join(temp(), 'sportello.db')
    openDatabase(file, { migrationsFolder: MIGRATIONS }).close()
    const applied = () => {
      const db = new Database(file, { readonly: true })
      const n = db.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()
      db.close()
      return n
    }
    const before = applied()
    expect(() => openDatabase(file, { migrationsFolder: migrationsUpTo(3) })).toThrow(/aggiornata da una versione più recente di Sportello Dovuti \(schema \d+, questa versione conosce fino a 3\): installare l’ultima versione/)
    expect(applied()).toBe(before)
    expect(() => openDatabase(file, { migrationsFolder: MIGRATIONS }).close()).not.toThrow()
  })
})
