// Citizens and companies the desk knows. Raw SQL prepared once, not the query builder: the search
// runs at every keystroke of the new-due wizard on a range of the NOCASE index, and the registry
// import runs these statements once per line of files of tens of thousands of lines.
import type Database from 'better-sqlite3'
import { getTableColumns } from 'drizzle-orm'
import { debtors } from '../schema'

export type DebtorRow = typeof debtors.$inferSelect

/** A line of the ente's registry as stored; country and source are the registry's own. */
export type RegistryDebtor = Pick<DebtorRow, 'type' | 'fiscalCode' | 'surname' | 'givenName' | 'fullName' | 'streetName' | 'civicNumber' | 'postalCode' | 'city' | 'province' | 'email' | 'phone'>

// Every column under its schema name, so each row is a DebtorRow as the query builder would give
// it: the table has no column Drizzle converts (booleans, JSON), only texts and the id.
const COLUMNS = Object.entries(getTableColumns(debtors))
  .map(([key, column]) => `"${column.name}" AS "${key}"`)
  .join(', ')

export function debtorQueries(sqlite: Database.Database) {
  return {
    byFiscalCode: sqlite.prepare<[fiscalCode: string], DebtorRow>(`SELECT ${COLUMNS} FROM debtors WHERE fiscal_code = ?`),
    byCodePrefix: sqlite.prepare<[from: string, to: string, limit: number], DebtorRow>(
      `SELECT ${COLUMNS} FROM debtors WHERE fiscal_code >= ? AND fiscal_code < ? ORDER BY fiscal_code LIMIT ?`
    ),
    // A range on the NOCASE index: "ros" finds ROSSI MARIO and Rossi Edilizia S.r.l. at once.
    byNamePrefix: sqlite.prepare<[from: string, to: string, limit: number], DebtorRow>(
      `SELECT ${COLUMNS} FROM debtors WHERE full_name >= ? COLLATE NOCASE AND full_name < ? COLLATE NOCASE ORDER BY full_name COLLATE NOCASE LIMIT ?`
    ),
    upsertFromRegistry: sqlite.prepare<RegistryDebtor>(
      `INSERT INTO debtors (type, fiscal_code, surname, given_name, full_name, street_name, civic_number, postal_code, city, province, country, email, phone, source)
       VALUES (@type, @fiscalCode, @surname, @givenName, @fullName, @streetName, @civicNumber, @postalCode, @city, @province, 'IT', @email, @phone, 'registry')
       ON CONFLICT(fiscal_code) DO UPDATE SET type = excluded.type, surname = excluded.surname, given_name = excluded.given_name,
         full_name = excluded.full_name, street_name = excluded.street_name, civic_number = excluded.civic_number, postal_code = excluded.postal_code,
         city = excluded.city, province = excluded.province, email = coalesce(excluded.email, email), phone = coalesce(excluded.phone, phone),
         source = 'registry', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`
    )
  }
}
export type DebtorQueries = ReturnType<typeof debtorQueries>
