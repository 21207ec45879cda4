// Citizens and companies the desk knows: from synced dues and from the ente's registry of
// citizens (CSV). Typing a surname in the new-due wizard finds them here.
import type Database from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import type { DebtorInfo, RegistryImportResult } from '../../contract/desk'
import { message, type Message } from '../../contract/messages'
import { debtorQueries, type DebtorQueries, type DebtorRow } from '../db/queries/debtors'
import { parseFiscalCode } from '../pagopa/fiscal-code'

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

interface RegistryContext extends DebtorQueries {
  sqlite: Database.Database
}

const createRegistryContext = (sqlite: Database.Database): RegistryContext => ({ sqlite, ...debtorQueries(sqlite) })

const toInfo = (r: DebtorRow): DebtorInfo => ({
  type: r.type,
  fiscalCode: r.fiscalCode,
  fullName: r.fullName,
  surname: r.surname,
  givenName: r.givenName,
  streetName: r.streetName,
  civicNumber: r.civicNumber,
  postalCode: r.postalCode,
  city: r.city,
  province: r.province,
  country: r.country,
  email: r.email,
  phone: r.phone,
  source: r.source
})

function searchDebtors(c: RegistryContext, text: string, limit: number): DebtorInfo[] {
  const compact = text.replace(/\s+/g, ' ').trim()
  const code = compact.replace(/\s/g, '').toUpperCase()
  if (/^[A-Z0-9]{16}$/.test(code) || /^\d{11}$/.test(code)) {
    const row = c.byFiscalCode.get(code)
    return row ? [toInfo(row)] : []
  }
  if (/^[A-Z]{6}\d/.test(code) || /^\d{5,}$/.test(code)) {
    return c.byCodePrefix.all(code, code + '\uffff', limit).map(toInfo)
  }
  if (compact.length < 2) return []
  return c.byNamePrefix.all(compact, compact + '\uffff', limit).map(toInfo)
}

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

/** Stores one line of the registry: whether it was new or known already, or why it was refused. */
function importRecord(c: RegistryContext, record: Record<string, string>): 'imported' | 'updated' | { refused: Message } {
  const cf = parseFiscalCode(pick(record, COLUMNS.fiscalCode) ?? '')
  if (!cf.valid) return { refused: cf.reason }
  const company = pick(record, COLUMNS.companyName)
  const surname = pick(record, COLUMNS.surname)
  const givenName = pick(record, COLUMNS.givenName)
  const type = cf.kind === 'numeric' && company ? 'G' : 'F'
  const fullName = type === 'G' ? company! : [surname, givenName].filter(Boolean).join(' ').toUpperCase()
  if (!fullName) return { refused: message('settings.registry.nameMissing') }
  const existed = c.byFiscalCode.get(cf.fiscalCode) !== undefined
  c.upsertFromRegistry.run({
    type, fiscalCode: cf.fiscalCode, surname: type === 'F' ? surname?.toUpperCase() ?? null : null, givenName: type === 'F' ? givenName?.toUpperCase() ?? null : null,
    fullName, streetName: pick(record, COLUMNS.streetName), civicNumber: pick(record, COLUMNS.civicNumber), postalCode: pick(record, COLUMNS.postalCode),
    city: pick(record, COLUMNS.city), province: pick(record, COLUMNS.province)?.toUpperCase() ?? null, email: pick(record, COLUMNS.email), phone: pick(record, COLUMNS.phone)
  })
  return existed ? 'updated' : 'imported'
}

function importRegistryCsv(c: RegistryContext, csv: string): RegistryImportResult {
  const parsed = parseRegistryCsv(csv)
  if ('unreadable' in parsed) return { imported: 0, updated: 0, errors: [{ line: 0, message: parsed.unreadable }] }
  const errors: RegistryImportResult['errors'] = []
  let imported = 0
  let updated = 0
  c.sqlite.transaction(() => {
    parsed.records.forEach((record, index) => {
      const outcome = importRecord(c, record)
      if (outcome === 'imported') imported += 1
      else if (outcome === 'updated') updated += 1
      else errors.push({ line: index + 2, message: outcome.refused })
    })
  })()
  return { imported, updated, errors: errors.slice(0, 200) }
}

export function createDebtorRegistry(sqlite: Database.Database) {
  const c = createRegistryContext(sqlite)
  return {
    search(text: string, limit: number): DebtorInfo[] {
      return searchDebtors(c, text, limit)
    },

    /** The ente's registry as CSV (header row; ; or , separated; UTF-8). Bad lines are reported, not fatal. */
    importCsv(csv: string): RegistryImportResult {
      return importRegistryCsv(c, csv)
    }
  }
}
