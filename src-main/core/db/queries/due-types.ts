// The ente's due types, and what a due's notice takes from its type.
import { eq, inArray, or } from 'drizzle-orm'
import { dueTypes, paymentOptions, positions } from '../schema'
import { excluded, type QueryDb } from './query-db'

export type DueTypeRow = typeof dueTypes.$inferSelect
/** A due type as the settings save it; the id and the creation time are the cache's. */
export type DueTypeFields = Omit<DueTypeRow, 'id' | 'createdAt'>

export const allDueTypes = (db: QueryDb) => db.select().from(dueTypes).orderBy(dueTypes.label).all()

/** Inserts the type, or updates the one with its code; either way the stored row comes back. */
export function saveDueType(db: QueryDb, fields: DueTypeFields): DueTypeRow {
  const t = dueTypes
  return db
    .insert(t)
    .values(fields)
    .onConflictDoUpdate({
      target: t.code,
      set: {
        label: excluded(t.label),
        taxonomyCode: excluded(t.taxonomyCode),
        iban: excluded(t.iban),
        postalIban: excluded(t.postalIban),
        postalAccount: excluded(t.postalAccount),
        defaultAmountCents: excluded(t.defaultAmountCents),
        causaleTemplate: excluded(t.causaleTemplate),
        installmentsAllowed: excluded(t.installmentsAllowed),
        active: excluded(t.active)
      }
    })
    .returning()
    .get()
}

/** A due found by IUPD or by one of its notice numbers, with the postal account of its type (the notice's Poste section). */
export function dueForNotice(db: QueryDb, iupd: string, nav: string) {
  const byNav = db.select({ id: paymentOptions.positionId }).from(paymentOptions).where(eq(paymentOptions.nav, nav))
  return db
    .select({ position: positions, postalAccount: dueTypes.postalAccount })
    .from(positions)
    .leftJoin(dueTypes, eq(dueTypes.id, positions.dueTypeId))
    .where(or(eq(positions.iupd, iupd), inArray(positions.id, byNav)))
    .get()
}
