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

function applyMigrations(sqlite: Database.Database, db: Db, migrationsFolder: string): void {
  // drizzle runs all pending migrations inside one transaction, where SQLite ignores
  // PRAGMA foreign_keys: a table rebuild could then cascade-delete child rows. Switch it off
  // outside the transaction, and check the references afterwards.
  const applied = () => appliedMigrations(sqlite)
  const before = applied()
  // A cache a newer release has already migrated: this one does not know its schema.
  const known = (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length
  if (before > known) {
    throw new AppError('CONFLICT', 'settings.cache.newerSchema', { found: before, known })
  }
  sqlite.pragma('foreign_keys = OFF')
  try {
    migrate(db, { migrationsFolder })
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
  // The check reads every reference in the cache: only worth it when a migration ran.
  if (applied() === before) return
  const broken = sqlite.pragma('foreign_key_check') as unknown[]
  if (broken.length > 0) {
    throw new Error(`Migrazione non riuscita: ${broken.length} riferimenti non validi nel database`)
  }
}

function appliedMigrations(sqlite: Database.Database): number {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get()
  return exists ? sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM __drizzle_migrations').get()!.n : 0
}
