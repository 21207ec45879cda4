// Typed queries over the cache: Drizzle's query builder on the same connection, one instance per
// connection. Row types come from the schema; no row is cast by hand.
import type Database from 'better-sqlite3'
import { sql, type AnyColumn } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import * as schema from '../schema'

const instances = new WeakMap<Database.Database, ReturnType<typeof drizzle<typeof schema>>>()

export function queryDb(sqlite: Database.Database) {
  let db = instances.get(sqlite)
  if (!db) {
    db = drizzle(sqlite, { schema })
    instances.set(sqlite, db)
  }
  return db
}
export type QueryDb = ReturnType<typeof queryDb>

/** The value an upsert proposed for a column (SQLite's `excluded.<column>`): Drizzle has no helper for it. */
export const excluded = (column: AnyColumn) => sql`excluded.${sql.identifier(column.name)}`
