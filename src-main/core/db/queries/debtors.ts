// Citizens and companies the desk knows. Raw SQL prepared once, not the query builder: the search
// runs at every keystroke of the new-due wizard on the FTS5 index (debtors_fts, migration 0009),
// and the registry import and the sync run these statements once per citizen, tens of thousands
// of times.
import type Database from 'better-sqlite3'
import { getTableColumns } from 'drizzle-orm'
import { debtors } from '../schema'

export type DebtorRow = typeof debtors.$inferSelect
/** A known citizen with the number of dues on record for the fiscal code. */
export type DebtorMatchRow = DebtorRow & { duesCount: number }
/** A record as written: every column but the id and the time of the write. */
export type DebtorRecordValues = Omit<DebtorRow, 'id' | 'updatedAt'>

// Every column under its schema name, so each row is a DebtorRow as the query builder would give
// it: the table has no column Drizzle converts (booleans, JSON), only texts and the id.
const columns = (alias: string) =>
  Object.entries(getTableColumns(debtors))
    .map(([key, column]) => `${alias}."${column.name}" AS "${key}"`)
    .join(', ')
const COLUMNS = columns('d')
const DUES_COUNT = '(SELECT count(*) FROM positions p WHERE p.debtor_fiscal_code = d.fiscal_code) AS "duesCount"'

const VALUES = `type = @type, surname = @surname, given_name = @givenName, full_name = @fullName, street_name = @streetName,
  civic_number = @civicNumber, postal_code = @postalCode, city = @city, province = @province, country = @country, email = @email,
  phone = @phone, source = @source, field_dates_json = @fieldDatesJson, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`

export function debtorQueries(sqlite: Database.Database) {
  return {
    byFiscalCode: sqlite.prepare<[fiscalCode: string], DebtorMatchRow>(`SELECT ${COLUMNS}, ${DUES_COUNT} FROM debtors d WHERE d.fiscal_code = ?`),
    /** The record alone, without its dues counted: what a sync merges into, once per position. */
    recordByFiscalCode: sqlite.prepare<[fiscalCode: string], DebtorMatchRow>(`SELECT ${COLUMNS}, 0 AS "duesCount" FROM debtors d WHERE d.fiscal_code = ?`),
    /**
     * The FTS5 query (quoted prefix terms, any column: name words or a code); those whose name
     * starts with the first word typed (the surname, usually) first, then by name.
     */
    search: sqlite.prepare<[match: string, startsWith: string, limit: number], DebtorMatchRow>(
      `SELECT ${COLUMNS}, ${DUES_COUNT} FROM debtors_fts f JOIN debtors d ON d.id = f.rowid
       WHERE debtors_fts MATCH ?
       ORDER BY (d.full_name LIKE ? ESCAPE '\\') DESC, d.full_name COLLATE NOCASE, d.id LIMIT ?`
    ),
    insert: sqlite.prepare<DebtorRecordValues>(
      `INSERT INTO debtors (type, fiscal_code, surname, given_name, full_name, street_name, civic_number, postal_code, city, province, country, email, phone, source, field_dates_json)
       VALUES (@type, @fiscalCode, @surname, @givenName, @fullName, @streetName, @civicNumber, @postalCode, @city, @province, @country, @email, @phone, @source, @fieldDatesJson)`
    ),
    update: sqlite.prepare<DebtorRecordValues>(`UPDATE debtors SET ${VALUES} WHERE fiscal_code = @fiscalCode`)
  }
}
export type DebtorQueries = ReturnType<typeof debtorQueries>
