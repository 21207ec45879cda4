// Fills a cache with a realistic demo: the due types of a Comune, citizens and companies with valid
// fiscal codes, and dues in every status, some with installments. Written with prepared statements
// in large transactions because it must also build a million-due cache for benchmarks.
import type Database from 'better-sqlite3'
import { computePersonFiscalCode, numericCheckDigit } from '../pagopa/fiscal-code'
import { buildNoticeCodes } from '../pagopa/notice-number'
import { createSettingsStore, type EnteSettings } from '../settings/settings'
import { DEMO_DUE_TYPES, DEMO_ENTE, DEMO_IBAN, DEMO_POSTAL_ACCOUNT, DEMO_POSTAL_IBAN, type DemoDueType } from './ente'
import { BIRTHPLACES, COMPANY_FORMS, COMPANY_WORDS, FEMALE_NAMES, MALE_NAMES, STREETS, SURNAMES } from './names'
import { createRandom, type Random } from './random'

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

// Demo IUV bases start with 9: the block is reserved for demo data so that the bases the desk
// allocates for real dues never meet them.
const DEMO_IUV_BLOCK = '9'
const SEQUENCE_KEY = 'demo.sequence'
const BATCH = 5_000
const DAY_MS = 86_400_000
const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre']
const PSPS = ['Poste Italiane', 'Intesa Sanpaolo', 'UniCredit', 'Nexi Payments', 'PayPal Europe', 'Banca Sella', 'SisalPay', 'Satispay']
const METHODS = ['CP', 'BBT', 'PO', 'PPAL', 'BP']
const RESIDENCE = { city: 'Valdoria', province: 'RM', postalCode: '00060' }

interface Person {
  type: 'F' | 'G'
  fiscalCode: string
  surname: string | null
  givenName: string | null
  fullName: string
  streetName: string
  civicNumber: string
  postalCode: string
  city: string
  province: string
  email: string | null
  phone: string | null
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

function emailLocalPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '')
}

function makePerson(rng: Random, taken: Set<string>): Person {
  for (;;) {
    if (rng.chance(0.08)) {
      const name = `${rng.pick(SURNAMES)} ${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_FORMS)}`
      const first10 = String(rng.int(0, 9_999_999)).padStart(7, '0') + String(rng.int(1, 100)).padStart(3, '0')
      const fiscalCode = first10 + numericCheckDigit(first10)
      if (taken.has(fiscalCode)) continue
      taken.add(fiscalCode)
      return {
        type: 'G',
        fiscalCode,
        surname: null,
        givenName: null,
        fullName: name,
        streetName: rng.pick(STREETS),
        civicNumber: String(rng.int(1, 180)),
        ...RESIDENCE,
        email: rng.chance(0.7) ? `amministrazione@${emailLocalPart(name.split(' ')[0]!)}${rng.int(1, 99)}.it` : null,
        phone: rng.chance(0.5) ? `06 ${rng.int(1000000, 9999999)}` : null
      }
    }
    const sex = rng.chance(0.5) ? 'M' : 'F'
    const givenName = rng.pick(sex === 'M' ? MALE_NAMES : FEMALE_NAMES)
    // Common surnames are more common: square the uniform draw to favour the head of the list.
    const surname = SURNAMES[Math.floor(rng.next() ** 2 * SURNAMES.length)]!
    const birthplace = rng.pick(BIRTHPLACES)
    const fiscalCode = computePersonFiscalCode({
      surname,
      givenName,
      sex,
      birthDate: { year: rng.int(1935, 2006), month: rng.int(1, 12), day: rng.int(1, 28) },
      birthPlaceCode: birthplace.code
    })
    if (taken.has(fiscalCode)) continue
    taken.add(fiscalCode)
    const local = rng.chance(0.85)
    return {
      type: 'F',
      fiscalCode,
      surname,
      givenName,
      // GPD's fullName, written the way Italian registries list people: surname first.
      fullName: `${surname} ${givenName}`.toUpperCase(),
      streetName: rng.pick(STREETS),
      civicNumber: String(rng.int(1, 220)),
      city: local ? RESIDENCE.city : birthplace.name,
      province: local ? RESIDENCE.province : birthplace.province,
      postalCode: local ? RESIDENCE.postalCode : birthplace.postalCode,
      email: rng.chance(0.4) ? `${emailLocalPart(givenName)}.${emailLocalPart(surname)}${rng.int(1, 99)}@example.it` : null,
      phone: rng.chance(0.3) ? `3${rng.int(20, 49)} ${rng.int(1000000, 9999999)}` : null
    }
  }
}

function fillTemplate(template: string, rng: Random, due: number): string {
  const date = new Date(due)
  return template
    .replace('{anno}', String(date.getUTCFullYear()))
    .replace('{mese}', MONTHS[date.getUTCMonth()]!)
    .replace('{numero}', String(rng.int(1000, 99999)))
    .replace('{data}', isoDay(due - rng.int(10, 60) * DAY_MS).split('-').reverse().join('/'))
    .replace(' - {debitore}', '')
}

type PositionStatus = 'DRAFT' | 'PUBLISHED' | 'VALID' | 'INVALID' | 'EXPIRED' | 'PARTIALLY_PAID' | 'PAID' | 'REPORTED'

function pickStatus(rng: Random, dueMs: number, todayMs: number, installments: number): PositionStatus {
  const r = rng.next()
  if (installments > 0 && r < 0.1) return 'PARTIALLY_PAID'
  if (r < 0.38) return 'PAID'
  if (r < 0.43) return 'REPORTED'
  if (r < 0.47) return 'INVALID'
  if (dueMs > todayMs && r < 0.5) return 'DRAFT'
  if (r < 0.53) return 'PUBLISHED'
  if (dueMs < todayMs && r < 0.58) return 'EXPIRED'
  return 'VALID'
}

export function seedDemo(sqlite: Database.Database, options: SeedOptions): SeedSummary {
  const started = Date.now()
  const todayMs = Date.UTC(
    (options.today ?? new Date()).getUTCFullYear(),
    (options.today ?? new Date()).getUTCMonth(),
    (options.today ?? new Date()).getUTCDate()
  )
  const settings = createSettingsStore(sqlite)
  if (!settings.get('ente')) settings.set('ente', DEMO_ENTE)
  settings.set('demo', true)
  const ente = settings.get<EnteSettings>('ente')!

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
  const typeIds = new Map(
    (sqlite.prepare('SELECT id, code FROM due_types').all() as { id: number; code: string }[]).map((r) => [r.code, r.id])
  )

  const sequenceRow = sqlite.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?').get(SEQUENCE_KEY)
  let sequence = sequenceRow ? Number(sequenceRow.value) : 0
  const rng = createRandom((options.seed ?? 20261127) + sequence)

  const taken = new Set<string>(
    (sqlite.prepare('SELECT fiscal_code FROM debtors').pluck().all() as string[])
  )
  const populationSize = Math.min(300_000, Math.max(60, Math.ceil(options.dues / 3)))
  const people: Person[] = []
  for (let i = 0; i < populationSize; i++) people.push(makePerson(rng, taken))

  const insertDebtor = sqlite.prepare(
    `INSERT OR IGNORE INTO debtors (type, fiscal_code, surname, given_name, full_name, street_name, civic_number, postal_code, city, province, country, email, phone, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'IT', ?, ?, 'demo')`
  )
  const insertPosition = sqlite.prepare(
    `INSERT INTO positions (iupd, organization_fiscal_code, due_type_id, status, debtor_type, debtor_fiscal_code, debtor_name,
       debtor_street_name, debtor_civic_number, debtor_postal_code, debtor_city, debtor_province, debtor_country, debtor_email, debtor_phone,
       company_name, office_name, causale, amount_cents, due_date, validity_date, inserted_at, published_at, last_updated_at, paid_at, origin)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'IT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo')`
  )
  const insertOption = sqlite.prepare(
    `INSERT INTO payment_options (position_id, iuv, nav, amount_cents, description, due_date, is_partial_payment, installment_no, status,
       payment_date, payment_method, psp_company, id_receipt, last_updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const insertTransfer = sqlite.prepare(
    `INSERT INTO transfers (option_id, id_transfer, amount_cents, category, remittance_information, iban, postal_iban, organization_fiscal_code, status)
     VALUES (?, '1', ?, ?, ?, ?, ?, ?, ?)`
  )
  const saveSequence = sqlite.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'
  )

  sqlite.transaction(() => {
    for (const p of people) {
      insertDebtor.run(p.type, p.fiscalCode, p.surname, p.givenName, p.fullName, p.streetName, p.civicNumber, p.postalCode, p.city, p.province, p.email, p.phone)
    }
  })()

  const weights = DEMO_DUE_TYPES.map((t) => t.weight)
  const totalWeight = weights.reduce((a, b) => a + b, 0)
  const pickType = (): DemoDueType => {
    let r = rng.next() * totalWeight
    for (const t of DEMO_DUE_TYPES) {
      r -= t.weight
      if (r < 0) return t
    }
    return DEMO_DUE_TYPES[0]!
  }
  const nextCodes = () => {
    sequence += 1
    return buildNoticeCodes(ente.segregationCode, DEMO_IUV_BLOCK + String(sequence).padStart(12, '0'))
  }

  const writeOne = (index: number) => {
    const type = pickType()
    const person = rng.pick(people)
    const dueMs = todayMs + rng.int(-420, 180) * DAY_MS
    const [minAmount, maxAmount] = type.amountRange
    const amount = rng.int(minAmount, maxAmount)
    const installments = type.installmentsAllowed && rng.chance(0.35) ? rng.int(2, 4) : 0
    const status = pickStatus(rng, dueMs, todayMs, installments)
    const causale = fillTemplate(type.causaleTemplate, rng, dueMs)
    const insertedMs = Math.min(dueMs, todayMs) - rng.int(15, 90) * DAY_MS
    // Paid some days before or after the due date, never in the future nor before it existed.
    const paidMs = Math.max(insertedMs + DAY_MS, Math.min(todayMs - rng.int(0, 40) * DAY_MS, dueMs - rng.int(-20, 25) * DAY_MS))
    const fullyPaid = status === 'PAID' || status === 'REPORTED'
    const paidInstallments = status === 'PARTIALLY_PAID' ? rng.int(1, installments - 1) : 0
    const year = new Date(dueMs).getUTCFullYear()
    const iupd = `${ente.iupdPrefix}-${type.code}-${year}-${String(sequence + 1).padStart(7, '0')}-D`
    const published = status === 'DRAFT' ? null : new Date(insertedMs + 3_600_000).toISOString()
    const position = insertPosition.run(
      iupd, ente.fiscalCode, typeIds.get(type.code) ?? null, status, person.type, person.fiscalCode, person.fullName,
      person.streetName, person.civicNumber, person.postalCode, person.city, person.province, person.email, person.phone,
      ente.name, ente.officeName, causale, amount, isoDay(dueMs + paidInstallments * 60 * DAY_MS), published, new Date(insertedMs).toISOString(), published,
      new Date(fullyPaid ? paidMs : insertedMs).toISOString(), fullyPaid || paidInstallments > 0 ? new Date(paidMs).toISOString() : null
    )
    const positionId = Number(position.lastInsertRowid)

    const addOption = (no: number, optionAmount: number, optionDue: number, paid: boolean, description: string) => {
      const codes = nextCodes()
      const optionStatus = paid ? (status === 'REPORTED' ? 'PO_REPORTED' : 'PO_PAID') : 'PO_UNPAID'
      const option = insertOption.run(
        positionId, codes.iuv, codes.nav, optionAmount, description, isoDay(optionDue), no > 0 ? 1 : 0, no, optionStatus,
        paid ? new Date(paidMs).toISOString() : null, paid ? rng.pick(METHODS) : null, paid ? rng.pick(PSPS) : null,
        paid ? `${codes.iuv}-${index}` : null, new Date(insertedMs).toISOString()
      )
      insertTransfer.run(
        Number(option.lastInsertRowid), optionAmount, type.taxonomyCode, description.slice(0, 140), DEMO_IBAN,
        type.postal ? DEMO_POSTAL_IBAN : null, ente.fiscalCode, status === 'REPORTED' ? 'T_REPORTED' : 'T_UNREPORTED'
      )
    }

    addOption(0, amount, dueMs, fullyPaid, causale)
    if (installments > 0) {
      const share = Math.floor(amount / installments)
      for (let n = 1; n <= installments; n++) {
        // The last installment takes the cents the division leaves over, so the rates add up.
        const rate = n === installments ? amount - share * (installments - 1) : share
        addOption(n, rate, dueMs + (n - 1) * 60 * DAY_MS, n <= paidInstallments, `${causale} - rata ${n} di ${installments}`)
      }
    }
  }

  // A bulk load that can simply be run again if interrupted: skip the fsyncs, give SQLite room.
  const previousSync = sqlite.pragma('synchronous', { simple: true })
  const previousCache = sqlite.pragma('cache_size', { simple: true })
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('cache_size = -262144')
  let done = 0
  try {
  while (done < options.dues) {
    const size = Math.min(BATCH, options.dues - done)
    sqlite.transaction(() => {
      for (let i = 0; i < size; i++) writeOne(done + i)
      saveSequence.run(SEQUENCE_KEY, String(sequence))
    })()
    done += size
    options.onProgress?.(done, options.dues)
  }
  } finally {
    sqlite.pragma(`synchronous = ${Number(previousSync)}`)
    sqlite.pragma(`cache_size = ${Number(previousCache)}`)
  }

  return { dues: options.dues, debtors: people.length, durationMs: Date.now() - started }
}
