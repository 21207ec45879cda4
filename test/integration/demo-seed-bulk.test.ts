// A big seed sets the indexes and full-text triggers of the loaded tables aside and rebuilds them
// (issue 13): afterwards the cache must have exactly the schema it had, searchable, sound; a seed
// that fails or is killed half-way must leave it as it was.
import type Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src-main/core/db/open'
import { seedDemo } from '../../src-main/core/demo/seed'
import { DATABASE_FILE } from '../../src-main/core/paths'
import { TEST_TODAY } from '../helpers/demo-db'
import { CLI, MIGRATIONS, ROOT, tempDir } from '../helpers/paths'

let cleanup: (() => void)[] = []
afterEach(() => {
  for (const c of cleanup.reverse()) c()
  cleanup = []
})

function freshCache() {
  const { dir, cleanup: remove } = tempDir()
  const file = join(dir, DATABASE_FILE)
  const database = openDatabase(file, { migrationsFolder: MIGRATIONS })
  cleanup.push(() => {
    if (database.sqlite.open) database.close()
    remove()
  })
  return { dir, file, database, sqlite: database.sqlite }
}

/** Every index and trigger, as sqlite_master has them: what a seed must leave as it found. */
function schemaOf(sqlite: Database.Database) {
  return sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name").all()
}

function fullTextTables(sqlite: Database.Database): string[] {
  return sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'").pluck().all() as string[]
}

function expectSound(sqlite: Database.Database) {
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(sqlite.pragma('foreign_key_check')).toEqual([])
  const fts = fullTextTables(sqlite)
  expect(fts).toEqual(expect.arrayContaining(['positions_fts', 'debtors_fts']))
  // Throws SQLITE_CORRUPT_VTAB when an index and its content table disagree.
  for (const name of fts) sqlite.prepare(`INSERT INTO ${name}(${name}) VALUES ('integrity-check')`).run()
}

/** The rows a seed writes, minus the times SQLite stamps on them. */
function contentHash(sqlite: Database.Database): string {
  const hash = createHash('sha256')
  // transfers as the view shows them, and as stored: a bulk load writes transfer_rows directly.
  for (const table of ['debtors', 'positions', 'payment_options', 'transfers', 'transfer_rows', 'transfer_profiles']) {
    const columns = (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).filter((c) => !['created_at', 'updated_at'].includes(c))
    for (const row of sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY 1, 2`).raw().iterate()) hash.update(JSON.stringify(row))
  }
  return hash.digest('hex')
}

describe('bulk demo seed', () => {
  it('rebuilds exactly the indexes and triggers the cache had, and the full-text search finds the seeded names', () => {
    const { sqlite } = freshCache()
    const before = schemaOf(sqlite)
    let rebuilt = false
    seedDemo(sqlite, { dues: 3_000, seed: 4, today: TEST_TODAY, bulk: true, onIndexing: () => (rebuilt = true) })
    expect(rebuilt).toBe(true)
    expect(schemaOf(sqlite)).toEqual(before)
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expectSound(sqlite)

    // Every position and every debtor is in its full-text index, under its own words.
    const positions = sqlite.prepare('SELECT count(*) FROM positions').pluck().get() as number
    expect(positions).toBe(3_000)
    const position = sqlite.prepare('SELECT id, debtor_name FROM positions WHERE id = 1234').get() as { id: number; debtor_name: string }
    const words = position.debtor_name.split(' ').map((w) => `"${w.replace(/"/g, '""')}"`).join(' ')
    expect(sqlite.prepare('SELECT rowid FROM positions_fts WHERE positions_fts MATCH ?').pluck().all(words)).toContain(position.id)
    const tari = sqlite.prepare("SELECT count(*) FROM positions WHERE causale LIKE 'TARI %'").pluck().get() as number
    expect(tari).toBeGreaterThan(100)
    expect(sqlite.prepare("SELECT count(*) FROM positions_fts WHERE positions_fts MATCH 'tari'").pluck().get()).toBe(tari)
    const debtor = sqlite.prepare("SELECT id, full_name, fiscal_code FROM debtors WHERE type = 'F' ORDER BY id DESC LIMIT 1").get() as { id: number; full_name: string; fiscal_code: string }
    expect(sqlite.prepare('SELECT rowid FROM debtors_fts WHERE debtors_fts MATCH ?').pluck().all(`"${debtor.fiscal_code.toLowerCase()}"`)).toEqual([debtor.id])
    const name = debtor.full_name.split(' ').map((w) => `"${w.replace(/"/g, '""')}"`).join(' ')
    expect(sqlite.prepare('SELECT rowid FROM debtors_fts WHERE debtors_fts MATCH ?').pluck().all(name)).toContain(debtor.id)

    // The triggers work again: a later change reaches the full-text index.
    sqlite.prepare("UPDATE positions SET causale = 'Zanzariera comunale' WHERE id = ?").run(position.id)
    expect(sqlite.prepare("SELECT rowid FROM positions_fts WHERE positions_fts MATCH 'zanzariera'").pluck().all()).toEqual([position.id])
    expectSound(sqlite)
  })

  it('rebuilds indexes and full-text tables it has never heard of, and keeps other triggers firing', () => {
    const { sqlite } = freshCache()
    // What another release might add: a partial index, a second full-text table over positions
    // with its trigger, and a trigger that is not about full text (it must fire for every row).
    sqlite.exec(`
      CREATE INDEX "extra causale idx" ON positions (causale) WHERE status = 'PAID';
      CREATE VIRTUAL TABLE extra_fts USING fts5(iupd, content='positions', content_rowid='id');
      CREATE TRIGGER extra_fts_ai AFTER INSERT ON positions BEGIN INSERT INTO extra_fts(rowid, iupd) VALUES (new.id, new.iupd); END;
      CREATE TABLE extra_counts (n INTEGER NOT NULL);
      INSERT INTO extra_counts VALUES (0);
      CREATE TRIGGER extra_count_ai AFTER INSERT ON payment_options BEGIN UPDATE extra_counts SET n = n + 1; END;
    `)
    const before = schemaOf(sqlite)
    seedDemo(sqlite, { dues: 1_500, seed: 6, today: TEST_TODAY, bulk: true })
    expect(schemaOf(sqlite)).toEqual(before)
    expect(sqlite.prepare('SELECT n FROM extra_counts').pluck().get()).toBe(sqlite.prepare('SELECT count(*) FROM payment_options').pluck().get())
    const iupd = sqlite.prepare('SELECT iupd FROM positions WHERE id = 700').pluck().get() as string
    expect(sqlite.prepare('SELECT rowid FROM extra_fts WHERE extra_fts MATCH ?').pluck().all(`"${iupd}"`)).toEqual([700])
    expect(sqlite.prepare(`SELECT count(*) FROM positions INDEXED BY "extra causale idx" WHERE status = 'PAID' AND causale > ''`).pluck().get()).toBeGreaterThan(0)
    expectSound(sqlite)
  })

  it('writes the same rows as a seed that keeps the indexes', () => {
    const bulk = freshCache()
    const plain = freshCache()
    seedDemo(bulk.sqlite, { dues: 2_000, seed: 9, today: TEST_TODAY, bulk: true })
    seedDemo(plain.sqlite, { dues: 2_000, seed: 9, today: TEST_TODAY, bulk: false })
    expect(contentHash(bulk.sqlite)).toBe(contentHash(plain.sqlite))
    // And continues the same way on a cache that already has dues.
    seedDemo(bulk.sqlite, { dues: 500, seed: 9, today: TEST_TODAY, bulk: true })
    seedDemo(plain.sqlite, { dues: 500, seed: 9, today: TEST_TODAY, bulk: false })
    expect(contentHash(bulk.sqlite)).toBe(contentHash(plain.sqlite))
    expect(schemaOf(bulk.sqlite)).toEqual(schemaOf(plain.sqlite))
  })

  it('leaves the cache as it was when the seed fails half-way', () => {
    const { sqlite } = freshCache()
    seedDemo(sqlite, { dues: 300, seed: 2, today: TEST_TODAY })
    const before = schemaOf(sqlite)
    const rows = contentHash(sqlite)
    expect(() =>
      seedDemo(sqlite, {
        dues: 40_000,
        seed: 2,
        today: TEST_TODAY,
        bulk: true,
        onProgress: (done, total) => {
          if (done >= total / 2) throw new Error('interrotto')
        }
      })
    ).toThrow('interrotto')
    expect(schemaOf(sqlite)).toEqual(before)
    expect(contentHash(sqlite)).toBe(rows)
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1)
    expectSound(sqlite)
    // A cache that sound takes the next seed.
    seedDemo(sqlite, { dues: 200, seed: 2, today: TEST_TODAY, bulk: true })
    expect(schemaOf(sqlite)).toEqual(before)
    expect(sqlite.prepare('SELECT count(*) FROM positions').pluck().get()).toBe(500)
    expectSound(sqlite)
  })

  it('leaves the cache whole when `sportello seed` is killed during the load', async () => {
    const { dir, file, database } = freshCache()
    const before = schemaOf(database.sqlite)
    database.close()
    // Killed once the rows are going in: the indexes and triggers are dropped by then.
    const child = spawn(process.execPath, [CLI, 'seed', '--data', dir, '--dues', '200000'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
    const killed = await new Promise<boolean>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        const percent = /\((\d+)%\)\s*$/.exec(d.toString())
        if (percent && Number(percent[1]) >= 20) child.kill('SIGKILL')
      })
      child.on('error', reject)
      child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL'))
    })
    expect(killed).toBe(true)
    const reopened = openDatabase(file, { migrationsFolder: MIGRATIONS })
    cleanup.push(() => reopened.close())
    expect(schemaOf(reopened.sqlite)).toEqual(before)
    expect(reopened.sqlite.prepare('SELECT count(*) FROM positions').pluck().get()).toBe(0)
    expect(reopened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expectSound(reopened.sqlite)
  })
})
