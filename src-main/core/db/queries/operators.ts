// The desk's operators: who may sign in, with which role.
import { eq, sql } from 'drizzle-orm'
import { operators } from '../schema'
import { excluded, type QueryDb } from './query-db'

export type OperatorRow = typeof operators.$inferSelect

export const operatorByUsername = (db: QueryDb, username: string) => db.select().from(operators).where(eq(operators.username, username)).get()

export const allOperators = (db: QueryDb) => db.select().from(operators).orderBy(operators.displayName).all()

/** The roles some operator holds: those a new set of roles may not drop. */
export const assignedRoles = (db: QueryDb) =>
  db
    .selectDistinct({ role: operators.role })
    .from(operators)
    .all()
    .map((r) => r.role)

/** Inserts the operator, or updates the one with the username; a null password hash keeps the password they had. */
export function saveOperatorRow(db: QueryDb, fields: Pick<OperatorRow, 'username' | 'displayName' | 'role' | 'passwordHash' | 'active'>): void {
  db.insert(operators)
    .values(fields)
    .onConflictDoUpdate({
      target: operators.username,
      set: {
        displayName: excluded(operators.displayName),
        role: excluded(operators.role),
        passwordHash: sql`coalesce(${excluded(operators.passwordHash)}, ${operators.passwordHash})`,
        active: excluded(operators.active)
      }
    })
    .run()
}
