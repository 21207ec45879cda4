// Writes demo dues straight into a desk's cache: the benchmarks' million-due cache and tests.
// Prepared statements in large transactions: it must build a million dues in minutes.
import type Database from 'better-sqlite3'
import { createSettingsStore, type EnteSettings } from '../settings/settings'
import { DEMO_DUE_TYPES, DEMO_ENTE, DEMO_IBAN, DEMO_POSTAL_ACCOUNT, DEMO_POSTAL_IBAN } from './ente'
import { createDemoGenerator, type DemoDue, type DemoGenerator } from './generate'
import { DEMO_NOTICE_SETTINGS } from '../notices/notice-data'

export interface SeedOptions {
  dues: number
  /** PRNG seed; the same seed on an empty cache gives the same data. */
  seed?: number
  /** "Today" for due dates and statuses; tests pin it. */
  today?: Date
  onProgress?: (done: number, total: number) => void
}

export interface SeedSummary {
  dues: number
  debtors: number
  durationMs: number
}

export const DEMO_OPERATOR = { username: 'demo', displayName: 'Operatore demo', role: 'amministratore' }
export const DEFAULT_DEMO_SEED = 20261127

const SEQUENCE_KEY = 'demo.sequence'
const BATCH = 5_000

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

function prepareInserts(sqlite: Database.Database) {
  return {
    debtor: sqlite.prepare(
      `INSERT OR IGNORE INTO debtors (type, fiscal_code, surname, given_name, full_name, street_name, civic_number, postal_code, city, province, country, email, phone, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'IT', ?, ?, 'demo')`
    ),
    position: sqlite.prepare(
      `INSERT INTO positions (iupd, organization_fiscal_code, due_type_id, status, debtor_type, debtor_fiscal_code, debtor_name,
         debtor_street_name, debtor_civic_number, debtor_postal_code, debtor_city, debtor_province, debtor_country, debtor_email, debtor_phone,
         company_name, office_name, causale, amount_cents, due_date, validity_date, inserted_at, published_at, last_updated_at, paid_at, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'IT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo')`
    ),
    option: sqlite.prepare(
      `INSERT INTO payment_options (position_id, iuv, nav, amount_cents, description, due_date, is_partial_payment, installment_no, status,
         payment_date, payment_method, psp_company, id_receipt, last_updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    transfer: sqlite.prepare(
      `INSERT INTO transfers (option_id, id_transfer, amount_cents, category, remittance_information, iban, postal_iban, organization_fiscal_code, status)
       VALUES (?, '1', ?, ?, ?, ?, ?, ?, ?)`
    ),
    sequence: sqlite.prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'
    )
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

function writeDue(insert: Inserts, ente: EnteSettings, typeIds: Map<string, number>, due: DemoDue): void {
  const p = due.person
  const position = insert.position.run(
    due.iupd, ente.fiscalCode, typeIds.get(due.type.code) ?? null, due.status, p.type, p.fiscalCode, p.fullName,
    p.streetName, p.civicNumber, p.postalCode, p.city, p.province, p.email, p.phone,
    ente.name, ente.officeName, due.causale, due.amountCents, due.dueDate, due.publishedAt, due.insertedAt, due.publishedAt,
    due.lastUpdatedAt, due.paidAt
  )
  const positionId = Number(position.lastInsertRowid)
  for (const o of due.options) {
    const optionStatus = o.paid ? (due.status === 'REPORTED' ? 'PO_REPORTED' : 'PO_PAID') : 'PO_UNPAID'
    const option = insert.option.run(
      positionId, o.iuv, o.nav, o.amountCents, o.description, o.dueDate, o.installmentNo > 0 ? 1 : 0, o.installmentNo, optionStatus,
      o.paymentDate, o.paymentMethod, o.pspCompany, o.idReceipt, due.insertedAt
    )
    insert.transfer.run(
      Number(option.lastInsertRowid), o.amountCents, due.type.taxonomyCode, o.description.slice(0, 140), due.iban, due.postalIban,
      ente.fiscalCode, due.status === 'REPORTED' ? 'T_REPORTED' : 'T_UNREPORTED'
    )
  }
}

// A bulk load that can simply be run again if interrupted: skip the fsyncs, give SQLite room.
function withBulkPragmas(sqlite: Database.Database, load: () => void): void {
  const previousSync = sqlite.pragma('synchronous', { simple: true })
  const previousCache = sqlite.pragma('cache_size', { simple: true })
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('cache_size = -262144')
  try {
    load()
  } finally {
    sqlite.pragma(`synchronous = ${Number(previousSync)}`)
    sqlite.pragma(`cache_size = ${Number(previousCache)}`)
  }
}

export function seedDemo(sqlite: Database.Database, options: SeedOptions): SeedSummary {
  const started = Date.now()
  const ente = ensureDemoSetup(sqlite)
  const typeIds = new Map((sqlite.prepare('SELECT id, code FROM due_types').all() as { id: number; code: string }[]).map((r) => [r.code, r.id]))
  const generator = openGenerator(sqlite, ente, options)
  const insert = prepareInserts(sqlite)

  sqlite.transaction(() => {
    for (const p of generator.people) {
      insert.debtor.run(p.type, p.fiscalCode, p.surname, p.givenName, p.fullName, p.streetName, p.civicNumber, p.postalCode, p.city, p.province, p.email, p.phone)
    }
  })()

  withBulkPragmas(sqlite, () => {
    let done = 0
    while (done < options.dues) {
      const size = Math.min(BATCH, options.dues - done)
      sqlite.transaction(() => {
        for (let i = 0; i < size; i++) writeDue(insert, ente, typeIds, generator.next())
        insert.sequence.run(SEQUENCE_KEY, String(generator.sequence))
      })()
      done += size
      options.onProgress?.(done, options.dues)
    }
  })
  return { dues: options.dues, debtors: generator.people.length, durationMs: Date.now() - started }
}
