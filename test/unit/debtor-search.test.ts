// Known citizens (issue 12), on a real SQLite file with the app's migrations: the wizard's search
// by any words of the name in any order (prefixes), by company name, fiscal code or partita IVA,
// up to 20 results with birth data from the fiscal code and the dues on record; and each field of
// a record kept at its most recent value, whichever source (sync, registry, desk) brings it.
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DebtorSearchInput } from '../../src-main/contract/desk'
import { NewDueInput } from '../../src-main/contract/dues'
import { debtorDifferences } from '../../src-main/contract/debtor-records'
import { openDatabase, type OpenedDatabase } from '../../src-main/core/db/open'
import { rememberDebtor } from '../../src-main/core/debtors/records'
import { createDebtorRegistry } from '../../src-main/core/debtors/registry'
import { ensureDemoSetup } from '../../src-main/core/demo/seed'
import { createDueCommands } from '../../src-main/core/dues/commands'
import { computePersonFiscalCode, fiscalCodeCheckChar, numericCheckDigit } from '../../src-main/core/pagopa/fiscal-code'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { createBackendWriter } from '../../src-main/core/sync/mapper'
import type { PaymentPositionBaseResponse } from '../../src-main/core/gpd/types'
import { MIGRATIONS, tempDir } from '../helpers/paths'

const data = tempDir()
let db: OpenedDatabase
let registry: ReturnType<typeof createDebtorRegistry>

const person = (surname: string, givenName: string, sex: 'M' | 'F', year: number, month: number, day: number, place: string) =>
  computePersonFiscalCode({ surname, givenName, sex, birthDate: { year, month, day }, birthPlaceCode: place })
const partitaIva = (first10: string) => first10 + numericCheckDigit(first10)

/** RUSSO FILIPPO, born in Milano on 21 June 1975. */
const RUSSO = person('Russo', 'Filippo', 'M', 1975, 6, 21, 'F205')
/** The same citizen's code as the Agenzia delle Entrate changes it for an omocode: the last digit of the place as its letter. */
const RUSSO_OMOCODE = (() => {
  const first15 = `${RUSSO.slice(0, 14)}${'LMNPQRSTUV'[Number(RUSSO[14])]}`
  return first15 + fiscalCodeCheckChar(first15)
})()
const RUSSA = person('Russo', 'Filomena', 'F', 1982, 3, 9, 'H501')
const ROSSI_EDILIZIA = partitaIva('0123456789')
const SURNAMES = ['Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Costa', 'Giordano', 'Mancini', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone', 'Longo', 'Gentile']
const ROSSIS = SURNAMES.map((given, i) => ({ given, code: person('Rossi', given, 'M', 1950 + i, 1 + (i % 12), 1 + i, 'L219') }))

const insertPosition = (iupd: string, fiscalCode: string) =>
  db.sqlite
    .prepare(
      `INSERT INTO positions (iupd, status, debtor_type, debtor_fiscal_code, debtor_name, causale, amount_cents, due_date, origin)
       VALUES (?, 'VALID', 'F', ?, 'RUSSO FILIPPO', 'TARI 2026', 1000, '2026-12-31', 'local')`
    )
    .run(iupd, fiscalCode)

const codes = (text: string, limit = 20) => registry.search(text, limit).map((d) => d.fiscalCode)

beforeAll(() => {
  db = openDatabase(join(data.dir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
  ensureDemoSetup(db.sqlite)
  createSettingsStore(db.sqlite).set('desk', { number: 2, name: 'Sportello 2' })
  registry = createDebtorRegistry(db.sqlite)
  const csv = [
    'codice_fiscale;cognome;nome;ragione_sociale;indirizzo;civico;cap;comune;provincia;email',
    `${RUSSO};Russo;Filippo;;Via Garibaldi;12;20121;Milano;mi;filippo.russo@example.it`,
    `${RUSSA};Russo;Filomena;;Via Appia;3;00100;Roma;RM;`,
    `${ROSSI_EDILIZIA};;;Rossi Edilizia S.r.l.;Via dei Mille;5;10121;Torino;TO;info@rossiedilizia.example.it`,
    `${person('Nicolò', 'Andrea', 'M', 1990, 2, 2, 'G273')};Nicolò;Andrea;;;;;Palermo;PA;`,
    ...ROSSIS.map((r) => `${r.code};Rossi;${r.given};;Via Roma;1;10100;Torino;TO;`)
  ].join('\n')
  expect(registry.importCsv(csv)).toMatchObject({ imported: 4 + ROSSIS.length, errors: [] })
  insertPosition('T-1', RUSSO)
  insertPosition('T-2', RUSSO)
})
afterAll(() => {
  db.close()
  data.cleanup()
})

describe('the wizard finds known citizens', () => {
  it('by the words of the name in any order, each a prefix', () => {
    expect(codes('russo filippo')).toEqual([RUSSO])
    expect(codes('filippo russo')).toEqual([RUSSO])
    expect(codes('russ fil')).toEqual([RUSSO, RUSSA])
    expect(codes('fil russ')).toEqual([RUSSO, RUSSA])
    expect(codes('  FILIPPO   Russo ')).toEqual([RUSSO])
    expect(codes('russo filippa')).toEqual([])
    // Accents fold both ways, as in Cerca dovuti.
    expect(registry.search('nicolo andrea', 5).map((d) => d.fullName)).toEqual(['NICOLÒ ANDREA'])
  })

  it('by a company name, and by fiscal code or partita IVA in full or their beginning', () => {
    expect(codes('edilizia rossi')).toEqual([ROSSI_EDILIZIA])
    expect(registry.search('rossi edil', 5)[0]).toMatchObject({ type: 'G', fullName: 'Rossi Edilizia S.r.l.', birthDate: null, birthPlace: null })
    expect(codes(RUSSO)).toEqual([RUSSO])
    expect(codes(RUSSO.toLowerCase())).toEqual([RUSSO])
    expect(codes(RUSSO.slice(0, 9))).toEqual([RUSSO])
    expect(codes(`${RUSSO.slice(0, 3)} ${RUSSO.slice(3, 6)} ${RUSSO.slice(6, 11)}`)).toEqual([RUSSO])
    expect(codes(ROSSI_EDILIZIA)).toEqual([ROSSI_EDILIZIA])
    expect(codes(ROSSI_EDILIZIA.slice(0, 6))).toEqual([ROSSI_EDILIZIA])
  })

  it('returns up to 20 by default, more than the 8 of before, the surname typed first ahead', () => {
    const limit = DebtorSearchInput.parse({ text: 'rossi' }).limit
    expect(limit).toBe(20)
    const found = registry.search('rossi', limit)
    expect(found).toHaveLength(20)
    expect(found.every((d) => /^rossi /i.test(d.fullName))).toBe(true)
    expect(registry.search('rossi', 50)).toHaveLength(ROSSIS.length + 1)
    expect(registry.search('r', 20)).toEqual([])
  })

  it('with birth date and place from the fiscal code, the address and the dues on record', () => {
    const [russo] = registry.search('filippo russo', 20)
    expect(russo).toMatchObject({
      fullName: 'RUSSO FILIPPO', birthDate: '1975-06-21', birthPlace: 'MILANO (MI)', streetName: 'Via Garibaldi', civicNumber: '12',
      postalCode: '20121', city: 'Milano', province: 'MI', email: 'filippo.russo@example.it', duesCount: 2
    })
    expect(registry.search('filomena', 20)[0]).toMatchObject({ birthDate: '1982-03-09', birthPlace: 'ROMA (RM)', duesCount: 0 })
    // An omocode stands for the same birth; a foreign birthplace is its country.
    rememberDebtor(db.sqlite, { type: 'F', fiscalCode: RUSSO_OMOCODE, fullName: 'RUSSO FILIPPO' }, { source: 'sync', at: '2026-01-01T00:00:00.000Z' })
    expect(registry.get(RUSSO_OMOCODE)).toMatchObject({ birthDate: '1975-06-21', birthPlace: 'MILANO (MI)' })
    const abroad = person('Russo', 'Fabio', 'M', 2001, 12, 3, 'Z404')
    rememberDebtor(db.sqlite, { type: 'F', fiscalCode: abroad, fullName: 'RUSSO FABIO' }, { source: 'sync', at: '2026-01-01T00:00:00.000Z' })
    expect(registry.get(abroad)).toMatchObject({ birthDate: '2001-12-03', birthPlace: "STATI UNITI D'AMERICA" })
  })
})

describe("a known citizen's record", () => {
  const code = person('Verdi', 'Giuseppe', 'M', 1980, 1, 1, 'H501')
  const base = (lastUpdatedDate: string): PaymentPositionBaseResponse => ({
    iupd: `V-${lastUpdatedDate}`,
    organizationFiscalCode: '00723456018',
    status: 'VALID',
    companyName: 'Comune di Valdoria',
    lastUpdatedDate,
    paymentOption: [{ iuv: `0${lastUpdatedDate.replace(/\D/g, '').slice(0, 16)}`, nav: `3${lastUpdatedDate.replace(/\D/g, '').slice(0, 17)}`, amount: 1000, description: 'TARI', dueDate: '2026-12-31T23:59:59', isPartialPayment: false, status: 'PO_UNPAID' }]
  })
  const synced = (lastUpdatedDate: string, email: string, extra: Record<string, string> = {}) =>
    createBackendWriter(db.sqlite).write({ base: base(lastUpdatedDate), debtor: { type: 'F', fiscalCode: code, fullName: 'VERDI GIUSEPPE', email, ...extra } })

  it('is updated by a newer source, field by field, and never by an older one', () => {
    // From a due synced from GPD, dated by GPD's last change (Rome's time).
    expect(synced('2026-03-01T10:00:00', 'old@example.it', { city: 'Valdoria' })).toBe(true)
    expect(registry.get(code)).toMatchObject({ email: 'old@example.it', city: 'Valdoria', source: 'sync', fieldDates: { email: '2026-03-01T09:00:00.000Z', city: '2026-03-01T09:00:00.000Z' } })

    // A newer GPD change updates it.
    synced('2026-06-01T10:00:00', 'newer@example.it')
    expect(registry.get(code)).toMatchObject({ email: 'newer@example.it', city: 'Valdoria', fieldDates: { email: '2026-06-01T08:00:00.000Z', city: '2026-03-01T09:00:00.000Z' } })

    // The registry, imported now, is newer still.
    registry.importCsv(`codice_fiscale;cognome;nome;comune;email\n${code};Verdi;Giuseppe;Roma;registry@example.it\n`)
    const afterRegistry = registry.get(code)!
    expect(afterRegistry).toMatchObject({ email: 'registry@example.it', city: 'Roma', source: 'registry', surname: 'VERDI', givenName: 'GIUSEPPE' })

    // A due synced later whose GPD data are older than the import does not bring the old e-mail back,
    // but fills what the record did not have.
    synced('2026-07-01T10:00:00', 'older@example.it', { phone: '0612345678' })
    expect(registry.get(code)).toMatchObject({ email: 'registry@example.it', city: 'Roma', phone: '0612345678', fieldDates: { email: afterRegistry.fieldDates.email, phone: '2026-07-01T08:00:00.000Z' } })

    // GPD data newer than the import win.
    synced('2099-01-01T10:00:00', 'future@example.it')
    expect(registry.get(code)).toMatchObject({ email: 'future@example.it', city: 'Roma', source: 'sync' })
  })

  it("takes the desk's entry as confirmed in the wizard, empty fields included, and an older source leaves it", () => {
    const person2 = person('Bianco', 'Lucia', 'F', 1970, 5, 5, 'H501')
    rememberDebtor(db.sqlite, { type: 'F', fiscalCode: person2, fullName: 'BIANCO LUCIA', email: 'lucia@example.it', phone: '333', city: 'Roma' }, { source: 'sync', at: '2026-01-01T00:00:00.000Z' })
    const commands = createDueCommands({ sqlite: db.sqlite, settings: createSettingsStore(db.sqlite), dataDir: data.dir, operator: () => 'test' })
    const before = Date.now()
    commands.create(
      NewDueInput.parse({
        dueTypeCode: 'TARI',
        amount: '10,00',
        dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        debtor: { type: 'F', fiscalCode: person2, fullName: 'BIANCO LUCIA', city: 'Valdoria', email: 'lucia.bianco@example.it' }
      })
    )
    const record = registry.get(person2)!
    expect(record).toMatchObject({ city: 'Valdoria', email: 'lucia.bianco@example.it', phone: null, source: 'manual', duesCount: 1 })
    expect(Date.parse(record.fieldDates.email!)).toBeGreaterThanOrEqual(before - 1)
    expect(Date.parse(record.fieldDates.phone!)).toBeGreaterThanOrEqual(before - 1)
    rememberDebtor(db.sqlite, { type: 'F', fiscalCode: person2, fullName: 'BIANCO LUCIA', email: 'lucia@example.it', phone: '333' }, { source: 'sync', at: '2026-02-01T00:00:00.000Z' })
    expect(registry.get(person2)).toMatchObject({ email: 'lucia.bianco@example.it', phone: null, source: 'manual' })
  })

  it('tells the wizard which typed fields differ from the known ones, with their dates', () => {
    const known = registry.get(RUSSO)!
    const typed = { fullName: 'russo  filippo', streetName: 'Via Garibaldi', civicNumber: '12', postalCode: '20121', city: 'MILANO', province: 'mi', email: 'filippo@example.it', phone: '' }
    expect(debtorDifferences(known, typed)).toEqual([{ field: 'email', known: 'filippo.russo@example.it', knownSince: known.fieldDates.email, typed: 'filippo@example.it' }])
    expect(debtorDifferences(known, { ...typed, email: known.email!, city: '' }).map((d) => d.field)).toEqual(['city'])
  })
})

describe('a cache written before the known citizens had dates', () => {
  it('indexes the citizens it holds and dates their fields at their last change', () => {
    const older = tempDir()
    try {
      const migrations = join(older.dir, 'migrations')
      cpSync(MIGRATIONS, migrations, { recursive: true })
      const journalFile = join(migrations, 'meta', '_journal.json')
      const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
      journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === '0009_debtor_records'))
      writeFileSync(journalFile, JSON.stringify(journal))
      const file = join(older.dir, 'sportello.db')
      const before = openDatabase(file, { migrationsFolder: migrations })
      before.sqlite
        .prepare("INSERT INTO debtors (type, fiscal_code, full_name, city, email, source, updated_at) VALUES ('F', ?, 'RUSSO FILIPPO', 'Milano', NULL, 'sync', '2025-05-05T10:00:00.000Z')")
        .run(RUSSO)
      before.close()
      const after = openDatabase(file, { migrationsFolder: MIGRATIONS })
      try {
        const found = createDebtorRegistry(after.sqlite).search('filippo russo', 20)
        expect(found.map((d) => d.fiscalCode)).toEqual([RUSSO])
        expect(found[0]!.fieldDates).toEqual({ fullName: '2025-05-05T10:00:00.000Z', city: '2025-05-05T10:00:00.000Z' })
      } finally {
        after.close()
      }
    } finally {
      older.cleanup()
    }
  })
})
