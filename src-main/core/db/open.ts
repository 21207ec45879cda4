import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../../contract/errors'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema>

export interface OpenedDatabase {
  readonly sqlite: Database.Database
  readonly db: Db
  close(): void
}

export interface OpenOptions {
  /** Folder with drizzle-kit's SQL files and meta/_journal.json. */
  migrationsFolder: string
  readonly?: boolean
}

/**
 * Opens (creating if needed) the cache file and brings its schema up to date.
 * The caller decides where the file and the migrations live: the Electron adapter, the CLI and the
 * tests each know their own paths.
 */
export function openDatabase(file: string, options: OpenOptions): OpenedDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new Database(file, { readonly: options.readonly ?? false })
  try {
    sqlite.pragma('busy_timeout = 5000')
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL')
      sqlite.pragma('synchronous = NORMAL')
    }
    const db = drizzle(sqlite, { schema })
    if (!options.readonly) applyMigrations(sqlite, db, options.migrationsFolder)
    sqlite.pragma('foreign_keys = ON')
    return { sqlite, db, close: () => sqlite.close() }
  } catch (error) {
    sqlite.close()
    throw error
  }
}

interface Journal {
  entries: { when: number }[]
}

/**
 * Brings the schema up to date. Every start asks, so the answer "nothing to do" is cheap: one
 * look at the newest applied migration against the journal, the criterion drizzle's migrator
 * itself uses (a journal entry newer than the last applied one is pending), without reading and
 * hashing every migration file the migrator would.
 */
function applyMigrations(sqlite: Database.Database, db: Db, migrationsFolder: string): void {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal
  const before = appliedMigrations(sqlite)
  // A cache a newer release has already migrated: this one does not know its schema.
  const known = journal.entries.length
  if (before.count > known) {
    throw new AppError('CONFLICT', 'settings.cache.newerSchema', { found: before.count, known })
  }
  if (before.last !== null && journal.entries.every((e) => e.when <= before.last!)) return
  // drizzle runs all pending migrations inside one transaction, where SQLite ignores
  // PRAGMA foreign_keys: a table rebuild could then cascade-delete child rows. Switch it off
  // outside the transaction, and check the references afterwards.
  sqlite.pragma('foreign_keys = OFF')
  try {
    migrate(db, { migrationsFolder })
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
  // The check reads every reference in the cache: only worth it when a migration ran.
  if (appliedMigrations(sqlite).count === before.count) return
  const broken = sqlite.pragma('foreign_key_check') as unknown[]
  if (broken.length > 0) {
    throw new Error(`Migrazione non riuscita: ${broken.length} riferimenti non validi nel database`)
  }
}

/** How many migrations the cache has had, and when the newest of them was written (the journal's "when"). */
function appliedMigrations(sqlite: Database.Database): { count: number; last: number | null } {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get()
  if (!exists) return { count: 0, last: null }
  const row = sqlite.prepare<[], { n: number; last: number | string | null }>('SELECT count(*) AS n, max(created_at) AS last FROM __drizzle_migrations').get()!
  return { count: row.n, last: row.last === null ? null : Number(row.last) }
}
