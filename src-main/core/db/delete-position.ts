// Removing a due from the cache (deleted on the backend, erased on request, past retention,
// replaced by a salvaged copy). Options and transfers cascade; desk payments do not, on purpose:
// nothing else may drop a recorded payment by accident, so they go here, explicitly, first.
import type Database from 'better-sqlite3'

const statements = new WeakMap<Database.Database, { payments: Database.Statement<[number]>; position: Database.Statement<[number]> }>()

export function deleteCachedPosition(sqlite: Database.Database, positionId: number): void {
  let s = statements.get(sqlite)
  if (!s) {
    s = {
      payments: sqlite.prepare<[number]>('DELETE FROM desk_payments WHERE option_id IN (SELECT id FROM payment_options WHERE position_id = ?)'),
      position: sqlite.prepare<[number]>('DELETE FROM positions WHERE id = ?')
    }
    statements.set(sqlite, s)
  }
  s.payments.run(positionId)
  s.position.run(positionId)
}
