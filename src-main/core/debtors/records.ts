// Known citizens' records: one per fiscal code, fed by the synced dues (dated by GPD's data), the
// ente's registry (CSV) and the desk's own entries (dated now). Each field keeps the most recent
// value with the date it came from: a source newer than a field's date replaces it, an older one
// does not, whatever the order in which they arrive.
import type Database from 'better-sqlite3'
import { DEBTOR_FIELDS, type DebtorField, type DebtorFieldDates } from '../../contract/debtor-records'
import type { DebtorInfo } from '../../contract/desk'
import { debtorQueries, type DebtorMatchRow, type DebtorQueries, type DebtorRecordValues, type DebtorRow } from '../db/queries/debtors'
import { birthDataOf } from '../pagopa/birth-data'

export type DebtorSource = DebtorRow['source']

/**
 * A citizen as a source gives it. A field left out (undefined) says nothing about it; null or
 * empty says "none" and clears the known value only when the source replaces empty fields.
 */
export type IncomingDebtor = { type: 'F' | 'G'; fiscalCode: string; surname?: string | null; givenName?: string | null } & { fullName: string } & Partial<
  Record<Exclude<DebtorField, 'fullName'>, string | null>
>

export interface SourceStamp {
  source: DebtorSource
  /** When the data were true at the source, ISO in UTC: GPD's data date for the sync, now otherwise. */
  at: string
  /** The desk's wizard: what the operator confirmed is the whole record, empty fields included. */
  replaceEmpty?: boolean
}

export type RememberOutcome = 'created' | 'updated' | 'unchanged'

const blankToNull = (value: string | null | undefined): string | null | undefined => (value === undefined ? undefined : value === null || value.trim() === '' ? null : value.trim())

/** The dates of a record's fields; anything unreadable counts as unknown (older than any source). */
export function parseFieldDates(json: string): DebtorFieldDates {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return {}
  }
  if (typeof parsed !== 'object' || parsed === null) return {}
  const dates: DebtorFieldDates = {}
  for (const field of DEBTOR_FIELDS) {
    const value: unknown = Reflect.get(parsed, field)
    if (typeof value === 'string') dates[field] = value
  }
  return dates
}

function newRecord(incoming: IncomingDebtor, stamp: SourceStamp): DebtorRecordValues {
  const value = (field: DebtorField) => blankToNull(incoming[field]) ?? null
  const record: DebtorRecordValues = {
    type: incoming.type,
    fiscalCode: incoming.fiscalCode,
    surname: blankToNull(incoming.surname) ?? null,
    givenName: blankToNull(incoming.givenName) ?? null,
    fullName: incoming.fullName.trim(),
    streetName: value('streetName'),
    civicNumber: value('civicNumber'),
    postalCode: value('postalCode'),
    city: value('city'),
    province: value('province'),
    country: value('country'),
    email: value('email'),
    phone: value('phone'),
    source: stamp.source,
    fieldDatesJson: ''
  }
  const dates: DebtorFieldDates = {}
  for (const field of DEBTOR_FIELDS) if (record[field] !== null) dates[field] = stamp.at
  record.fieldDatesJson = JSON.stringify(dates)
  return record
}

/** The record after a source's data: each field taken when the source is at least as recent as the field's value. */
function merged(existing: DebtorMatchRow, incoming: IncomingDebtor, stamp: SourceStamp): { values: DebtorRecordValues; changed: boolean } {
  const dates = parseFieldDates(existing.fieldDatesJson)
  const { id: _id, updatedAt: _updatedAt, duesCount: _duesCount, ...current } = existing
  const values: DebtorRecordValues = { ...current }
  let taken = false
  for (const field of DEBTOR_FIELDS) {
    const value = blankToNull(incoming[field])
    if (value === undefined || (value === null && !stamp.replaceEmpty) || (field === 'fullName' && value === null)) continue
    const since = dates[field]
    if (since !== undefined && since > stamp.at) continue
    taken = true
    dates[field] = stamp.at
    if (field === 'fullName') {
      // The name goes with its kind of subject and, from the registry, its parts; a name given
      // without parts leaves no stale surname behind.
      const renamed = existing.fullName !== value
      values.type = incoming.type
      if (incoming.surname !== undefined || renamed) values.surname = blankToNull(incoming.surname) ?? null
      if (incoming.givenName !== undefined || renamed) values.givenName = blankToNull(incoming.givenName) ?? null
      values.fullName = value ?? existing.fullName
    } else {
      values[field] = value
    }
  }
  if (!taken) return { values, changed: false }
  values.source = stamp.source
  values.fieldDatesJson = JSON.stringify(dates)
  const changed = Object.entries(values).some(([key, value]) => value !== Reflect.get(current, key))
  return { values, changed }
}

const statements = new WeakMap<Database.Database, DebtorQueries>()
const queriesOf = (sqlite: Database.Database): DebtorQueries => {
  let q = statements.get(sqlite)
  if (!q) {
    q = debtorQueries(sqlite)
    statements.set(sqlite, q)
  }
  return q
}

/** Adds a citizen to the known ones, or brings a known one up to date with a source's data. */
export function rememberDebtor(sqlite: Database.Database, incoming: IncomingDebtor, stamp: SourceStamp): RememberOutcome {
  const q = queriesOf(sqlite)
  const fiscalCode = incoming.fiscalCode.trim().toUpperCase()
  const debtor = { ...incoming, fiscalCode }
  const existing = q.recordByFiscalCode.get(fiscalCode)
  if (!existing) {
    q.insert.run(newRecord(debtor, stamp))
    return 'created'
  }
  const { values, changed } = merged(existing, debtor, stamp)
  if (!changed) return 'unchanged'
  q.update.run(values)
  return 'updated'
}

/** A known citizen as the wizard shows it: with birth date and place from the fiscal code, and the dues on record. */
export function debtorInfo(r: DebtorMatchRow): DebtorInfo {
  const birth = birthDataOf(r.fiscalCode)
  return {
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
    source: r.source,
    birthDate: birth?.birthDate ?? null,
    birthPlace: birth?.birthPlace ?? null,
    duesCount: r.duesCount,
    fieldDates: parseFieldDates(r.fieldDatesJson)
  }
}

/** The known citizen with this fiscal code, or null. */
export function knownDebtor(sqlite: Database.Database, fiscalCode: string): DebtorInfo | null {
  const row = queriesOf(sqlite).byFiscalCode.get(fiscalCode.replace(/\s/g, '').toUpperCase())
  return row ? debtorInfo(row) : null
}

export { queriesOf as debtorStatements }
