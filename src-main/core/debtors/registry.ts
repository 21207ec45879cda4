// The ente's registry of citizens (CSV) feeding the known citizens (see records.ts), and the
// wizard's way in to them: the search and the record of one fiscal code.
import type Database from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import type { DebtorInfo, RegistryImportResult } from '../../contract/desk'
import { message, type Message } from '../../contract/messages'
import { parseFiscalCode } from '../pagopa/fiscal-code'
import { knownDebtor, rememberDebtor } from './records'
import { searchKnownDebtors } from './search'

const COLUMNS = {
  fiscalCode: ['codice_fiscale', 'codicefiscale', 'cf', 'partita_iva', 'piva'],
  surname: ['cognome'],
  givenName: ['nome'],
  companyName: ['ragione_sociale', 'denominazione'],
  streetName: ['indirizzo', 'via'],
  civicNumber: ['civico', 'numero_civico'],
  postalCode: ['cap'],
  city: ['comune', 'citta', 'città'],
  province: ['provincia', 'prov'],
  email: ['email', 'e-mail', 'pec'],
  phone: ['telefono', 'cellulare']
} as const

const normalizeHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, '_')

/** The records of the CSV, or why the file cannot be read at all. */
function parseRegistryCsv(csv: string): { records: Record<string, string>[] } | { unreadable: Message } {
  const text = csv.replace(/^\uFEFF/, '')
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  try {
    return { records: parse(text, { columns: (header: string[]) => header.map(normalizeHeader), delimiter, skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as Record<string, string>[] }
  } catch (error) {
    return { unreadable: message('settings.registry.unreadable', { detail: error instanceof Error ? error.message : String(error) }) }
  }
}

const pick = (record: Record<string, string>, names: readonly string[]) => {
  for (const n of names) if (record[n]) return record[n]!.trim()
  return null
}

/** Stores one line of the registry (dated `at`): whether it was new or known already, or why it was refused. */
function importRecord(sqlite: Database.Database, record: Record<string, string>, at: string): 'imported' | 'updated' | { refused: Message } {
  const cf = parseFiscalCode(pick(record, COLUMNS.fiscalCode) ?? '')
  if (!cf.valid) return { refused: cf.reason }
  const company = pick(record, COLUMNS.companyName)
  const surname = pick(record, COLUMNS.surname)
  const givenName = pick(record, COLUMNS.givenName)
  const type = cf.kind === 'numeric' && company ? 'G' : 'F'
  const fullName = type === 'G' ? company! : [surname, givenName].filter(Boolean).join(' ').toUpperCase()
  if (!fullName) return { refused: message('settings.registry.nameMissing') }
  const outcome = rememberDebtor(
    sqlite,
    {
      type, fiscalCode: cf.fiscalCode, surname: type === 'F' ? surname?.toUpperCase() ?? null : null, givenName: type === 'F' ? givenName?.toUpperCase() ?? null : null,
      fullName, streetName: pick(record, COLUMNS.streetName), civicNumber: pick(record, COLUMNS.civicNumber), postalCode: pick(record, COLUMNS.postalCode),
      city: pick(record, COLUMNS.city), province: pick(record, COLUMNS.province)?.toUpperCase() ?? null, country: 'IT', email: pick(record, COLUMNS.email), phone: pick(record, COLUMNS.phone)
    },
    { source: 'registry', at }
  )
  return outcome === 'created' ? 'imported' : 'updated'
}

function importRegistryCsv(sqlite: Database.Database, csv: string): RegistryImportResult {
  const parsed = parseRegistryCsv(csv)
  if ('unreadable' in parsed) return { imported: 0, updated: 0, errors: [{ line: 0, message: parsed.unreadable }] }
  const errors: RegistryImportResult['errors'] = []
  let imported = 0
  let updated = 0
  // The registry's data are as of its import: a citizen's later data (sync, desk) stay.
  const at = new Date().toISOString()
  sqlite.transaction(() => {
    parsed.records.forEach((record, index) => {
      const outcome = importRecord(sqlite, record, at)
      if (outcome === 'imported') imported += 1
      else if (outcome === 'updated') updated += 1
      else errors.push({ line: index + 2, message: outcome.refused })
    })
  })()
  return { imported, updated, errors: errors.slice(0, 200) }
}

export function createDebtorRegistry(sqlite: Database.Database) {
  return {
    /** Known citizens by any words of the name in any order (prefixes), company name, fiscal code or partita IVA. */
    search(text: string, limit: number): DebtorInfo[] {
      return searchKnownDebtors(sqlite, text, limit)
    },

    /** The known citizen with this fiscal code, with the dates of its data; null if none. */
    get(fiscalCode: string): DebtorInfo | null {
      return knownDebtor(sqlite, fiscalCode)
    },

    /** The ente's registry as CSV (header row; ; or , separated; UTF-8). Bad lines are reported, not fatal. */
    importCsv(csv: string): RegistryImportResult {
      return importRegistryCsv(sqlite, csv)
    }
  }
}
