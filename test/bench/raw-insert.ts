// The floor the bench compares writers against: the same rows inserted raw with better-sqlite3 into
// a fresh cache with the same schema, its indexes and full-text triggers in place, prepared
// statements, one transaction.
import type Database from 'better-sqlite3'
import { openDatabase } from '../../src-main/core/db/open'
import { ensureDemoSetup } from '../../src-main/core/demo/seed'
import { MIGRATIONS } from '../helpers/paths'

/** Parents before children: the foreign keys are on, as in the desk. */
export const RAW_TABLES = ['positions', 'payment_options', 'transfers', 'debtors']

/** Rows read from the source between two timed runs of inserts: a million dues do not fit in memory as objects. */
const CHUNK = 20_000

/**
 * The other tables the rows refer to (due types, the issuers of positions…), copied first: the
 * schema changes, so they are read from the foreign keys rather than named here.
 */
function parentTables(sqlite: Database.Database): string[] {
  const parents = new Set<string>()
  for (const table of RAW_TABLES) {
    for (const key of sqlite.pragma(`foreign_key_list(${table})`) as { table: string }[]) {
      if (!RAW_TABLES.includes(key.table)) parents.add(key.table)
    }
  }
  return [...parents]
}

/**
 * Copies the rows of RAW_TABLES (and of the tables they refer to) from source into a new cache at
 * file and returns the milliseconds spent inserting them (the reads from source are not counted;
 * the commit is).
 */
export function rawInsert(source: Database.Database, file: string): number {
  const target = openDatabase(file, { migrationsFolder: MIGRATIONS })
  try {
    ensureDemoSetup(target.sqlite)
    let reading = 0
    const started = performance.now()
    target.sqlite.transaction(() => {
      for (const table of [...parentTables(source), ...RAW_TABLES]) {
        const select = source.prepare(`SELECT * FROM ${table}`)
        const columns = select.columns().map((c) => c.name)
        const insert = target.sqlite.prepare(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
        let chunk: unknown[][] = []
        let mark = performance.now()
        for (const row of select.raw().iterate() as IterableIterator<unknown[]>) {
          chunk.push(row)
          if (chunk.length < CHUNK) continue
          reading += performance.now() - mark
          for (const r of chunk) insert.run(r)
          chunk = []
          mark = performance.now()
        }
        reading += performance.now() - mark
        for (const r of chunk) insert.run(r)
      }
    })()
    return performance.now() - started - reading
  } finally {
    target.close()
  }
}
