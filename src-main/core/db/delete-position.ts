// Removing a due from the cache (deleted on the backend, erased on request, past retention,
// replaced by a salvaged copy). Options and transfers cascade; desk payments do not, on purpose:
// nothing else may drop a recorded payment by accident, so they go here, explicitly, first. Their
// receipts go with them, and their numbers stay in the sequence as skipped, with why: the next
// receipt never takes a number that was given before.
import type Database from 'better-sqlite3'
import { italian, message } from '../../contract/messages'

interface Statements {
  receiptsToSkips: Database.Statement<[string, number]>
  receipts: Database.Statement<[number]>
  payments: Database.Statement<[number]>
  position: Database.Statement<[number]>
}
const statements = new WeakMap<Database.Database, Statements>()

const paymentsOf = 'SELECT d.id FROM desk_payments d JOIN payment_options o ON o.id = d.option_id WHERE o.position_id = ?'

export function deleteCachedPosition(sqlite: Database.Database, positionId: number): void {
  let s = statements.get(sqlite)
  if (!s) {
    s = {
      receiptsToSkips: sqlite.prepare<[string, number]>(`INSERT OR IGNORE INTO receipt_skips (year, desk_number, number, reason) SELECT year, desk_number, number, ? FROM receipts WHERE desk_payment_id IN (${paymentsOf})`),
      receipts: sqlite.prepare<[number]>(`DELETE FROM receipts WHERE desk_payment_id IN (${paymentsOf})`),
      payments: sqlite.prepare<[number]>('DELETE FROM desk_payments WHERE option_id IN (SELECT id FROM payment_options WHERE position_id = ?)'),
      position: sqlite.prepare<[number]>('DELETE FROM positions WHERE id = ?')
    }
    statements.set(sqlite, s)
  }
  s.receiptsToSkips.run(italian(message('receipts.removedWithDue')), positionId)
  s.receipts.run(positionId)
  s.payments.run(positionId)
  s.position.run(positionId)
}
