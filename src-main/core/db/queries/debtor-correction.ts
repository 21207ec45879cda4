// The debtor of one position, as a correction at the desk reads and writes it (dues/change-debtor.ts).
import { eq } from 'drizzle-orm'
import { positions } from '../schema'
import type { QueryDb } from './query-db'

/** The debtor columns a correction may change, under the schema's names. */
export interface PositionDebtor {
  debtorName: string
  debtorStreetName: string | null
  debtorCivicNumber: string | null
  debtorPostalCode: string | null
  debtorCity: string | null
  debtorProvince: string | null
  debtorCountry: string | null
  debtorEmail: string | null
  debtorPhone: string | null
}

export function positionDebtorOf(db: QueryDb, positionId: number) {
  return db
    .select({
      type: positions.debtorType,
      fiscalCode: positions.debtorFiscalCode,
      debtorName: positions.debtorName,
      debtorStreetName: positions.debtorStreetName,
      debtorCivicNumber: positions.debtorCivicNumber,
      debtorPostalCode: positions.debtorPostalCode,
      debtorCity: positions.debtorCity,
      debtorProvince: positions.debtorProvince,
      debtorCountry: positions.debtorCountry,
      debtorEmail: positions.debtorEmail,
      debtorPhone: positions.debtorPhone
    })
    .from(positions)
    .where(eq(positions.id, positionId))
    .get()
}

/** The position's debtor after the correction; the change waits for the backend. */
export function setPositionDebtor(db: QueryDb, positionId: number, debtor: PositionDebtor): void {
  db.update(positions)
    .set({ ...debtor, syncState: 'pending' })
    .where(eq(positions.id, positionId))
    .run()
}

