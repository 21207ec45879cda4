// Writes demo dues straight into a desk's cache: the benchmarks' million-due cache and tests.
// A million dues should take about what inserting the same rows raw takes (`npm run bench`, issue
// 13): prepared statements, one transaction, and for a big load the indexes and full-text triggers
// of the loaded tables set aside while the rows go in and rebuilt once at the end (setAside).
import type Database from 'better-sqlite3'
import { positionIssuerIds } from '../db/position-issuers'
import { createSettingsStore, type EnteSettings } from '../settings/settings'
import { DEMO_DUE_TYPES, DEMO_ENTE, DEMO_IBAN, DEMO_POSTAL_ACCOUNT, DEMO_POSTAL_IBAN } from './ente'
import { createDemoGenerator, type DemoDue, type DemoGenerator, type DemoOption, type DemoPerson } from './generate'
import { DEMO_NOTICE_SETTINGS } from '../notices/notice-data'

export interface SeedOptions {
  dues: number
  /** PRNG seed; the same seed on an empty cache gives the same data. */
  seed?: number
  /** "Today" for due dates and statuses; tests pin it. */
  today?: Date
  /**
   * Set the indexes and full-text triggers aside during the load and rebuild them after it.
   * By default only for a big load into a cache that holds fewer positions than it receives:
   * rebuilding costs as much as the rows already there.
   */
  bulk?: boolean
  onProgress?: (done: number, total: number) => void
  /** All the dues are written; the indexes and the full-text search are being rebuilt. */
  onIndexing?: () => void
}

export interface SeedSummary {
  dues: number
  debtors: number
  durationMs: number
}

export const DEMO_OPERATOR = { username: 'demo', displayName: 'Operatore demo', role: 'amministratore' }
export const DEFAULT_DEMO_SEED = 20261127

const SEQUENCE_KEY = 'demo.sequence'
/** Dues between two progress reports. */
const PROGRESS_EVERY = 10_000
/** Below this many dues, rebuilding the indexes costs more than it saves. */
const BULK_MIN_DUES = 20_000
/** The tables a seed writes: the ones whose indexes and full-text triggers a bulk load sets aside. */
const LOADED_TABLES = ['debtors', 'positions', 'payment_options', 'transfers']

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The demo ente, its due types and the demo operator, if the cache has none yet. */
export function ensureDemoSetup(sqlite: Database.Database): EnteSettings {
  const settings = createSettingsStore(sqlite)
  if (!settings.get('ente')) settings.set('ente', DEMO_ENTE)
  if (!settings.get('notice')) settings.set('notice', DEMO_NOTICE_SETTINGS)
  settings.set('demo', true)
  const insertType = sqlite.prepare(
    `INSERT OR IGNORE INTO due_types (code, label, taxonomy_code, iban, postal_iban, postal_account, default_amount_cents, causale_template, installments_allowed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  for (const t of DEMO_DUE_TYPES) {
    insertType.run(t.code, t.label, t.taxonomyCode, DEMO_IBAN, t.postal ? DEMO_POSTAL_IBAN : null, t.postal ? DEMO_POSTAL_ACCOUNT : null, t.defaultAmountCents, t.causaleTemplate, t.installmentsAllowed ? 1 : 0)
  }
  sqlite
    .prepare('INSERT OR IGNORE INTO operators (username, display_name, role) VALUES (?, ?, ?)')
    .run(DEMO_OPERATOR.username, DEMO_OPERATOR.displayName, DEMO_OPERATOR.role)
  return settings.get<EnteSettings>('ente')!
}

/** What one row is written from: the due, and the option and the ids of the rows just written. */
interface RowSource {
  due: DemoDue
  option: DemoOption
  positionId: number | bigint
  optionId: number | bigint
}

type Columns<T> = Record<string, (row: T) => unknown>

/**
 * A prepared INSERT of the columns the table has. The schema changes between releases (columns
 * dropped, tables turned into views written through triggers): a value for a column the table
 * no longer has is not written, and a new NOT NULL column without a default fails loudly.
 */
function tableWriter<T>(sqlite: Database.Database, table: string, columns: Columns<T>, conflict = ''): (row: T) => Database.RunResult {
  const present = new Set((sqlite.pragma(`table_info(${quoteName(table)})`) as { name: string }[]).map((c) => c.name))
  const names = Object.keys(columns).filter((c) => present.has(c))
  const read = names.map((c) => columns[c]!)
  const statement = sqlite.prepare(`INSERT ${conflict} INTO ${quoteName(table)} (${names.map(quoteName).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)
  // One array for every row: better-sqlite3 binds it before run returns.
  const values: unknown[] = new Array(names.length)
  return (row) => {
    for (let i = 0; i < read.length; i++) values[i] = read[i]!(row)
    return statement.run(values)
  }
}

/**
 * A bulk load's transfers, written where the `transfers` view's insert trigger (migration 0013)
 * would put them, without running it for each row: the trigger costs about a third of the load.
 * The seed writes one transfer per option, so seq is 1; the values are the ones the view would be
 * given (transferColumns); the profile is looked up or added once per set of values; the
 * remittance is stored as NULL when it is the option's description. The bulk-seed test compares
 * every table with a seed that goes through the trigger. Null when the cache has no transfer_rows
 * (an older schema): the view, or the table, is written as it is.
 */
function directTransfers(sqlite: Database.Database, columns: Columns<RowSource>): ((row: RowSource) => void) | null {
  const hasRows = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'transfer_rows'").get()
  if (!hasRows) return null
  const findProfile = sqlite.prepare<unknown[], number>(
    `SELECT id FROM transfer_profiles WHERE category = ? AND iban IS ? AND postal_iban IS ? AND organization_fiscal_code IS ? AND company_name IS ? AND status = ?`
  ).pluck()
  const addProfile = sqlite.prepare<unknown[], number>(
    'INSERT INTO transfer_profiles (category, iban, postal_iban, organization_fiscal_code, company_name, status) VALUES (?, ?, ?, ?, ?, ?) RETURNING id'
  ).pluck()
  const insertRow = sqlite.prepare('INSERT INTO transfer_rows (option_id, seq, id_transfer, amount_cents, profile_id, remittance_information) VALUES (?, 1, ?, ?, ?, ?)')
  // The same values the view would be given (transferColumns), a column it is not given being NULL.
  const value = (column: string, r: RowSource) => columns[column]?.(r) ?? null
  const profileColumns = ['category', 'iban', 'postal_iban', 'organization_fiscal_code', 'company_name', 'status']
  const profiles = new Map<string, number>()
  return (r) => {
    const values = profileColumns.map((c) => value(c, r))
    const key = JSON.stringify(values)
    let profileId = profiles.get(key)
    if (profileId === undefined) {
      profileId = findProfile.get(...values) ?? addProfile.get(...values)!
      profiles.set(key, profileId)
    }
    const remittance = value('remittance_information', r)
    insertRow.run(value('option_id', r), value('id_transfer', r), value('amount_cents', r), profileId, remittance === r.option.description ? null : remittance)
  }
}

function prepareInserts(sqlite: Database.Database, ente: EnteSettings, typeIds: Map<string, number>, bulk: boolean) {
  const debtor = tableWriter<DemoPerson>(sqlite, 'debtors', {
    type: (p) => p.type,
    fiscal_code: (p) => p.fiscalCode,
    surname: (p) => p.surname,
    given_name: (p) => p.givenName,
    full_name: (p) => p.fullName,
    street_name: (p) => p.streetName,
    civic_number: (p) => p.civicNumber,
    postal_code: (p) => p.postalCode,
    city: (p) => p.city,
    province: (p) => p.province,
    country: () => 'IT',
    email: (p) => p.email,
    phone: (p) => p.phone,
    source: () => 'demo'
  }, 'OR IGNORE')
  // Where positions name their issuer by id (migration 0013), the ente's pair is looked up or
  // added once, by the first row that needs it: inside the seed's transaction.
  let issuerId: number | undefined
  const position = tableWriter<RowSource>(sqlite, 'positions', {
    iupd: (r) => r.due.iupd,
    organization_fiscal_code: () => ente.fiscalCode,
    due_type_id: (r) => typeIds.get(r.due.type.code) ?? null,
    status: (r) => r.due.status,
    debtor_type: (r) => r.due.person.type,
    debtor_fiscal_code: (r) => r.due.person.fiscalCode,
    debtor_name: (r) => r.due.person.fullName,
    debtor_street_name: (r) => r.due.person.streetName,
    debtor_civic_number: (r) => r.due.person.civicNumber,
    debtor_postal_code: (r) => r.due.person.postalCode,
    debtor_city: (r) => r.due.person.city,
    debtor_province: (r) => r.due.person.province,
    debtor_country: () => 'IT',
    debtor_email: (r) => r.due.person.email,
    debtor_phone: (r) => r.due.person.phone,
    company_name: () => ente.name,
    office_name: () => ente.officeName,
    issuer_id: () => (issuerId ??= positionIssuerIds(sqlite)(ente.name, ente.officeName)),
    causale: (r) => r.due.causale,
    amount_cents: (r) => r.due.amountCents,
    due_date: (r) => r.due.dueDate,
    validity_date: (r) => r.due.publishedAt,
    inserted_at: (r) => r.due.insertedAt,
    published_at: (r) => r.due.publishedAt,
    last_updated_at: (r) => r.due.lastUpdatedAt,
    paid_at: (r) => r.due.paidAt,
    origin: () => 'demo'
  })
  const option = tableWriter<RowSource>(sqlite, 'payment_options', {
    position_id: (r) => r.positionId,
    iuv: (r) => r.option.iuv,
    nav: (r) => r.option.nav,
    amount_cents: (r) => r.option.amountCents,
    description: (r) => r.option.description,
    due_date: (r) => r.option.dueDate,
    is_partial_payment: (r) => (r.option.installmentNo > 0 ? 1 : 0),
    installment_no: (r) => r.option.installmentNo,
    status: (r) => (r.option.paid ? (r.due.status === 'REPORTED' ? 'PO_REPORTED' : 'PO_PAID') : 'PO_UNPAID'),
    payment_date: (r) => r.option.paymentDate,
    payment_method: (r) => r.option.paymentMethod,
    psp_company: (r) => r.option.pspCompany,
    id_receipt: (r) => r.option.idReceipt,
    last_updated_at: (r) => r.due.insertedAt
  })
  const transferColumns: Columns<RowSource> = {
    option_id: (r) => r.optionId,
    id_transfer: () => '1',
    amount_cents: (r) => r.option.amountCents,
    category: (r) => r.due.type.taxonomyCode,
    remittance_information: (r) => r.option.description.slice(0, 140),
    iban: (r) => r.due.iban,
    postal_iban: (r) => r.due.postalIban,
    organization_fiscal_code: () => ente.fiscalCode,
    status: (r) => (r.due.status === 'REPORTED' ? 'T_REPORTED' : 'T_UNREPORTED')
  }
  const writeTransfer = (bulk && directTransfers(sqlite, transferColumns)) || tableWriter(sqlite, 'transfers', transferColumns)
  const sequence = sqlite.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  const row: RowSource = { due: null!, option: null!, positionId: 0, optionId: 0 }
  return {
    debtor,
    sequence,
    due(due: DemoDue): void {
      row.due = due
      row.positionId = position(row).lastInsertRowid
      for (const o of due.options) {
        row.option = o
        row.optionId = option(row).lastInsertRowid
        writeTransfer(row)
      }
    }
  }
}

type Inserts = ReturnType<typeof prepareInserts>

/** Continues the cache's demo sequence, and avoids the fiscal codes its debtors already have. */
function openGenerator(sqlite: Database.Database, ente: EnteSettings, options: SeedOptions): DemoGenerator {
  const sequenceRow = sqlite.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?').get(SEQUENCE_KEY)
  return createDemoGenerator({
    ente,
    seed: options.seed ?? DEFAULT_DEMO_SEED,
    today: options.today ?? new Date(),
    sequence: sequenceRow ? Number(sequenceRow.value) : 0,
    block: '9',
    population: Math.min(300_000, Math.max(60, Math.ceil(options.dues / 3))),
    taken: new Set(sqlite.prepare('SELECT fiscal_code FROM debtors').pluck().all() as string[])
  })
}

// A bulk load that can simply be run again if interrupted: skip the fsyncs, give SQLite room,
// and let it sort with a helper thread when it rebuilds the indexes. Room means about 1 KiB of
// page cache per due (256 MiB to 1 GiB): a million dues take some 900 MB, and rebuilding each
// index reads the whole table again; with a quarter of it in cache a million-due seed took a
// quarter longer. SQLite takes the pages only as it needs them.
//
// A big load also leaves WAL mode while it runs, if no other connection has the cache open (SQLite
// refuses the switch otherwise, and the load stays in WAL): in WAL mode every page of the load
// would be written twice, into the WAL (one transaction: the whole load) and again by the
// checkpoint, and read back through the WAL while the indexes are built. A rollback journal keeps
// only the pages that existed before, and the new ones are written once. It is just as atomic: a
// seed killed half-way leaves a hot journal that the next open rolls back.
function withBulkPragmas(sqlite: Database.Database, dues: number, bulk: boolean, load: () => void): void {
  const previous = ['synchronous', 'cache_size', 'threads', 'foreign_keys'].map((name) => [name, Number(sqlite.pragma(name, { simple: true }))] as const)
  const journal = String(sqlite.pragma('journal_mode', { simple: true }))
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma(`cache_size = -${Math.min(1_048_576, Math.max(262_144, Math.ceil(dues)))}`)
  sqlite.pragma('threads = 2')
  // The load writes the rows its own references point to, in one transaction: checking each
  // reference again as it goes in costs a lookup per row. The bulk-seed test checks them after.
  if (bulk) sqlite.pragma('foreign_keys = OFF')
  if (bulk && journal === 'wal') {
    try {
      sqlite.pragma('journal_mode = DELETE')
    } catch (error) {
      // SQLITE_BUSY: another connection has the cache open; the load stays in WAL mode.
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error
    }
  }
  try {
    load()
  } finally {
    if (String(sqlite.pragma('journal_mode', { simple: true })) !== journal) sqlite.pragma(`journal_mode = ${journal}`)
    for (const [name, value] of previous) sqlite.pragma(`${name} = ${value}`)
  }
}

interface SchemaObject {
  type: 'index' | 'trigger'
  name: string
  sql: string
}

interface SetAside {
  objects: SchemaObject[]
  /** Full-text tables whose content is a loaded table, to rebuild from it. */
  fullText: string[]
}

/**
 * The schema is read from sqlite_master, never named here: other releases add and change indexes
 * and full-text options. Set aside: every index written in SQL on a loaded table (not the ones
 * SQLite makes for PRIMARY KEY and UNIQUE columns, which have no SQL and cannot be dropped), and
 * the triggers that keep an external-content FTS table of a loaded table in step (the FTS 'rebuild'
 * does their work at the end). Other triggers stay and fire as usual. A UNIQUE index checks its
 * rows again when it is created: a duplicate fails the seed, and the transaction rolls it back.
 */
function setAside(sqlite: Database.Database): SetAside {
  const tables = new Set(LOADED_TABLES)
  const master = sqlite.prepare<[], { type: string; name: string; tbl_name: string; sql: string }>(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'view', 'index', 'trigger')"
  ).all()
  // An index's content may be a view over a loaded table (positions_search, migration 0015).
  const views = new Map(master.filter((o) => o.type === 'view').map((o) => [o.name, /\bFROM\s+['"`[]?(\w+)/i.exec(o.sql)?.[1] ?? '']))
  const contentTable = (sql: string) => {
    const content = /\bcontent\s*=\s*['"`[]?(\w+)/i.exec(sql)?.[1] ?? ''
    return views.get(content) ?? content
  }
  const fullText = master
    .filter((o) => o.type === 'table' && /^CREATE\s+VIRTUAL\s+TABLE\b[\s\S]*\bUSING\s+fts[345]\s*\(/i.test(o.sql))
    .filter((o) => tables.has(contentTable(o.sql)))
    .map((o) => o.name)
  const writesFullText = (sql: string) => fullText.some((name) => new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(sql))
  const objects = master.filter(
    (o): o is typeof o & SchemaObject =>
      tables.has(o.tbl_name) && (o.type === 'index' || (o.type === 'trigger' && writesFullText(o.sql)))
  )
  for (const o of objects) sqlite.exec(`DROP ${o.type === 'index' ? 'INDEX' : 'TRIGGER'} ${quoteName(o.name)}`)
  return { objects: objects.map(({ type, name, sql }) => ({ type, name, sql })), fullText }
}

/** Back exactly as it was: the same SQL; the full-text indexes rebuilt once from their tables. */
function putBack(sqlite: Database.Database, aside: SetAside): void {
  for (const o of aside.objects) if (o.type === 'index') sqlite.exec(o.sql)
  for (const name of aside.fullText) sqlite.prepare(`INSERT INTO ${quoteName(name)}(${quoteName(name)}) VALUES ('rebuild')`).run()
  for (const o of aside.objects) if (o.type === 'trigger') sqlite.exec(o.sql)
}

export function seedDemo(sqlite: Database.Database, options: SeedOptions): SeedSummary {
  const started = Date.now()
  const ente = ensureDemoSetup(sqlite)
  const typeIds = new Map((sqlite.prepare('SELECT id, code FROM due_types').all() as { id: number; code: string }[]).map((r) => [r.code, r.id]))
  const generator = openGenerator(sqlite, ente, options)
  const existing = sqlite.prepare('SELECT count(*) FROM positions').pluck().get() as number
  const bulk = options.bulk ?? (options.dues >= BULK_MIN_DUES && options.dues >= existing)

  withBulkPragmas(sqlite, options.dues, bulk, () => {
    // One transaction for everything, the DROPs and CREATEs included (SQLite's schema changes are
    // transactional): a seed that fails or is killed half-way leaves the cache as it was, with
    // every index and trigger, and the next open has nothing to repair. Recording what was
    // dropped and restoring it at the next open would need every way of opening the cache to
    // know about seeding, and would leave a cache without indexes until then.
    sqlite.transaction(() => {
      const aside = bulk ? setAside(sqlite) : null
      // Prepared after the DROPs: a schema change would make SQLite prepare them again.
      const insert: Inserts = prepareInserts(sqlite, ente, typeIds, aside !== null)
      for (const p of generator.people) insert.debtor(p)
      for (let done = 0; done < options.dues; ) {
        const size = Math.min(PROGRESS_EVERY, options.dues - done)
        for (let i = 0; i < size; i++) insert.due(generator.next())
        done += size
        options.onProgress?.(done, options.dues)
      }
      insert.sequence.run(SEQUENCE_KEY, String(generator.sequence))
      if (aside) {
        options.onIndexing?.()
        putBack(sqlite, aside)
      }
    })()
  })
  return { dues: options.dues, debtors: generator.people.length, durationMs: Date.now() - started }
}
