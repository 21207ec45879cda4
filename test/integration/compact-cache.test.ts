// Migration 0013 (a smaller cache, issue 13) on a real file: a cache written before it reads the
// same afterwards, and the transfers, now a view over shared profiles, write as the table did.
import type Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../../src-main/contract/desk'
import { NewDueInput } from '../../src-main/contract/dues'
import { salvageQueuedChanges } from '../../src-main/core/db/cache-health'
import { openDatabase } from '../../src-main/core/db/open'
import { ensureDemoSetup, seedDemo } from '../../src-main/core/demo/seed'
import { createDueCommands } from '../../src-main/core/dues/commands'
import { createDueDetail } from '../../src-main/core/dues/detail'
import { noticeDataFor } from '../../src-main/core/notices/notice-data'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { createBackendWriter, positionModelFromCache } from '../../src-main/core/sync/mapper'
import { TEST_TODAY } from '../helpers/demo-db'
import { olderMigrations } from '../helpers/older-migrations'
import { MIGRATIONS, tempDir } from '../helpers/paths'

let cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups) c()
  cleanups = []
})
function temp() {
  const t = tempDir()
  cleanups.push(t.cleanup)
  return t.dir
}

const migrationsBefore = (tag: string) => olderMigrations(temp(), tag)

/**
 * Lets today's readers read a cache from before 0013 the way it was read then: its positions
 * carried the ente's name and office themselves. Temporary objects, on this connection only,
 * shadowing the file's positions table; the file is left as it was.
 */
function readAsBefore0013(sqlite: Database.Database): void {
  sqlite.exec(`
    CREATE TEMP TABLE position_issuers AS
      SELECT row_number() OVER () AS id, company_name, office_name FROM (SELECT DISTINCT company_name, office_name FROM main.positions);
    CREATE TEMP VIEW positions AS
      SELECT p.*, (SELECT i.id FROM temp.position_issuers i WHERE i.company_name = p.company_name AND i.office_name IS p.office_name) AS issuer_id
      FROM main.positions p;
  `)
}

const WHO = { role: 'amministratore', permissions: [...PERMISSIONS] }

/** Everything a reader sees of every due: the due's page, the GPD payload, the notice (or why none). */
function whatReadersSee(sqlite: Database.Database) {
  const detail = createDueDetail(sqlite)
  const settings = createSettingsStore(sqlite)
  const iupds = sqlite.prepare('SELECT iupd FROM positions ORDER BY id').pluck().all() as string[]
  return iupds.map((iupd) => {
    let notice: unknown
    try {
      notice = noticeDataFor(sqlite, settings, iupd)
    } catch (error) {
      notice = { refused: (error as Error).message }
    }
    return { iupd, detail: detail(iupd, WHO), payload: positionModelFromCache(sqlite, iupd), notice }
  })
}

const TRANSFER_COLUMNS = 'option_id, id_transfer, amount_cents, category, remittance_information, iban, postal_iban, organization_fiscal_code, company_name, status'

/** A position as the sync receives it: one option, two transfers to two beneficiaries. */
const syncedPosition = (description: string) => ({
  base: {
    iupd: 'SYNC-1',
    organizationFiscalCode: '00723456018',
    status: 'VALID' as const,
    companyName: 'Comune di Valdoria',
    paymentOption: [
      {
        iuv: '01888888888888888', nav: '301888888888888888', amount: 3000, description, dueDate: '2026-12-31T23:59:59', isPartialPayment: false, status: 'PO_UNPAID' as const,
        transfer: [
          { idTransfer: '1' as const, amount: 2000, category: '9/0101108TS/', remittanceInformation: description, iban: 'IT60X0542811101000000123456', organizationFiscalCode: '00723456018' },
          { idTransfer: '2' as const, amount: 1000, category: '9/0101108TS/', remittanceInformation: 'TEFA', iban: 'IT60X0542811101000000654321', organizationFiscalCode: '80012345678', companyName: 'Provincia' }
        ]
      }
    ]
  },
  debtor: { type: 'F' as const, fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSSI MARIO' }
})

describe('migration 0013 on a cache written before it', () => {
  it('keeps everything a reader sees: due pages, GPD payloads, notices, every transfer in order', () => {
    const file = join(temp(), 'sportello.db')
    const old = openDatabase(file, { migrationsFolder: migrationsBefore('0013_compact_cache') })
    expect(old.sqlite.prepare("SELECT type FROM sqlite_master WHERE name = 'transfers'").pluck().get()).toBe('table')
    seedDemo(old.sqlite, { dues: 300, seed: 11, today: TEST_TODAY })
    // A due the demo never writes: two beneficiaries, the second with its own remittance text, a
    // postal account only, another ente, already reported; the transfers written out of id order.
    const position = old.sqlite
      .prepare(
        `INSERT INTO positions (iupd, organization_fiscal_code, status, debtor_type, debtor_fiscal_code, debtor_name, debtor_city, company_name, office_name,
           causale, amount_cents, due_date, validity_date, inserted_at, published_at, last_updated_at, origin)
         VALUES ('MULTI-1', '00723456018', 'VALID', 'F', 'RSSMRA80A01H501U', 'ROSSI MARIO', 'Valdoria', 'Comune di Valdoria', NULL,
           'Sanzione CdS', 15000, '2026-12-31', '2026-01-02T10:00:00', '2026-01-01T09:00:00', '2026-01-02T10:00:00', '2026-01-03T11:00:00', 'backend')`
      )
      .run().lastInsertRowid
    const option = old.sqlite
      .prepare(
        `INSERT INTO payment_options (position_id, iuv, nav, amount_cents, description, due_date, is_partial_payment, installment_no, last_updated_at)
         VALUES (?, '01999999999999999', '301999999999999999', 15000, 'Sanzione CdS', '2026-12-31', 0, 0, '2026-01-03T11:00:00')`
      )
      .run(position).lastInsertRowid
    const transfer = old.sqlite.prepare(`INSERT INTO transfers (option_id, ${TRANSFER_COLUMNS.replace('option_id, ', '')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    transfer.run(option, '2', 5000, '9/0301109AP/', 'Quota provinciale', null, 'IT60X0760103200000000012345', '80012345678', 'Provincia di Valdoria', 'T_REPORTED')
    transfer.run(option, '1', 10000, '9/0301109AP/', 'Sanzione CdS', 'IT60X0542811101000000123456', null, '00723456018', null, 'T_UNREPORTED')
    // A due created at the desk and not sent yet: no inserted_at, its page shows created_at.
    const local = old.sqlite
      .prepare(
        `INSERT INTO positions (iupd, organization_fiscal_code, status, debtor_type, debtor_fiscal_code, debtor_name, company_name, office_name,
           causale, amount_cents, due_date, origin, sync_state, created_at)
         VALUES ('LOCAL-1', '00723456018', 'VALID', 'F', 'RSSMRA80A01H501U', 'ROSSI MARIO', 'Comune di Valdoria', 'Sportello polifunzionale',
           'Diritti di segreteria', 1600, '2026-12-31', 'local', 'pending', '2026-11-20T08:00:00.000Z')`
      )
      .run().lastInsertRowid
    const localOption = old.sqlite
      .prepare(
        `INSERT INTO payment_options (position_id, iuv, nav, amount_cents, description, due_date, is_partial_payment, installment_no)
         VALUES (?, '01999999999999998', '301999999999999998', 1600, 'Diritti di segreteria', '2026-12-31', 0, 0)`
      )
      .run(local).lastInsertRowid
    old.sqlite
      .prepare(`INSERT INTO transfers (option_id, id_transfer, amount_cents, category, remittance_information, iban, organization_fiscal_code) VALUES (?, '1', 1600, '9/0101108TS/', 'Diritti di segreteria', 'IT60X0542811101000000123456', '00723456018')`)
      .run(localOption)
    const transfersBefore = old.sqlite.prepare(`SELECT ${TRANSFER_COLUMNS} FROM transfers ORDER BY option_id, id`).all()
    readAsBefore0013(old.sqlite)
    const before = whatReadersSee(old.sqlite)
    expect(before.find((d) => d.iupd === 'MULTI-1')).toMatchObject({ detail: { companyName: 'Comune di Valdoria', officeName: null } })
    expect(before.find((d) => d.iupd === 'LOCAL-1')).toMatchObject({ detail: { insertedAt: '2026-11-20T08:00:00.000Z', syncState: 'pending' } })
    old.close()

    const current = openDatabase(file, { migrationsFolder: MIGRATIONS })
    const { sqlite } = current
    expect(sqlite.prepare("SELECT type FROM sqlite_master WHERE name = 'transfers'").pluck().get()).toBe('view')
    expect(sqlite.prepare(`SELECT ${TRANSFER_COLUMNS} FROM transfers ORDER BY option_id, seq`).all()).toEqual(transfersBefore)
    expect(whatReadersSee(sqlite)).toEqual(before)
    // And it is smaller for it: a few shared profiles, remittances that repeat the description not stored again.
    expect(sqlite.prepare('SELECT count(*) FROM transfer_profiles').pluck().get()).toBeLessThan(30)
    expect(sqlite.prepare('SELECT company_name, office_name FROM position_issuers ORDER BY id').raw().all()).toEqual([['Comune di Valdoria', 'Sportello polifunzionale'], ['Comune di Valdoria', null]])
    expect(sqlite.prepare('SELECT count(*) FROM transfer_rows WHERE remittance_information IS NULL').pluck().get()).toBe(transfersBefore.length - 1)
    expect(sqlite.prepare('SELECT iupd FROM positions WHERE created_at IS NOT NULL').pluck().all()).toEqual(['LOCAL-1'])
    expect(sqlite.prepare('SELECT remittance_information FROM transfer_rows WHERE remittance_information IS NOT NULL').pluck().all()).toEqual(['Quota provinciale'])
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(sqlite.pragma('foreign_key_check')).toEqual([])
    current.close()
  })

  it('lets the salvage of a damaged cache written before it copy its queued dues', () => {
    const damaged = join(temp(), 'damaged.db')
    const old = openDatabase(damaged, { migrationsFolder: migrationsBefore('0013_compact_cache') })
    seedDemo(old.sqlite, { dues: 40, seed: 3, today: TEST_TODAY })
    const iupd = old.sqlite.prepare("SELECT iupd FROM positions WHERE status = 'VALID' ORDER BY id LIMIT 1").pluck().get() as string
    old.sqlite.prepare("INSERT INTO outbox (operation, iupd, payload_json) VALUES ('update', ?, '{}')").run(iupd)
    readAsBefore0013(old.sqlite)
    const before = positionModelFromCache(old.sqlite, iupd)
    expect(before).toMatchObject({ companyName: 'Comune di Valdoria', officeName: 'Sportello polifunzionale' })
    old.close()

    const target = openDatabase(join(temp(), 'sportello.db'), { migrationsFolder: MIGRATIONS })
    ensureDemoSetup(target.sqlite)
    expect(salvageQueuedChanges(damaged, target.sqlite)).toEqual({ changes: 1, dues: 1 })
    expect(positionModelFromCache(target.sqlite, iupd)).toEqual(before)
    target.close()
  })

  it('lets the salvage of a damaged cache written after it copy its dues with their own ente names', () => {
    const damaged = join(temp(), 'damaged.db')
    const source = openDatabase(damaged, { migrationsFolder: MIGRATIONS })
    createBackendWriter(source.sqlite).write({ ...syncedPosition('TARI 2026'), base: { ...syncedPosition('TARI 2026').base, officeName: 'Ufficio Tributi' } })
    source.sqlite.prepare("INSERT INTO outbox (operation, iupd, payload_json) VALUES ('update', 'SYNC-1', '{}')").run()
    const before = positionModelFromCache(source.sqlite, 'SYNC-1')
    source.close()

    // The restored cache knows another issuer first: ids differ between the two files.
    const target = openDatabase(join(temp(), 'sportello.db'), { migrationsFolder: MIGRATIONS })
    target.sqlite.prepare("INSERT INTO position_issuers (company_name, office_name) VALUES ('Comune di Altrove', NULL)").run()
    expect(salvageQueuedChanges(damaged, target.sqlite)).toEqual({ changes: 1, dues: 1 })
    expect(positionModelFromCache(target.sqlite, 'SYNC-1')).toEqual(before)
    expect(before).toMatchObject({ companyName: 'Comune di Valdoria', officeName: 'Ufficio Tributi' })
    target.close()
  })

  it('converts an empty cache', () => {
    const file = join(temp(), 'sportello.db')
    openDatabase(file, { migrationsFolder: migrationsBefore('0013_compact_cache') }).close()
    const current = openDatabase(file, { migrationsFolder: MIGRATIONS })
    expect(current.sqlite.prepare('SELECT count(*) FROM transfers').pluck().get()).toBe(0)
    expect(current.sqlite.prepare('SELECT count(*) FROM transfer_profiles').pluck().get()).toBe(0)
    current.close()
  })
})

describe('the transfers view', () => {
  function openCache() {
    const opened = openDatabase(join(temp(), 'sportello.db'), { migrationsFolder: MIGRATIONS })
    cleanups.unshift(() => opened.close())
    return opened.sqlite
  }
  const model = syncedPosition

  it('gives back what the sync wrote, in order, and takes the sync rewriting it', () => {
    const sqlite = openCache()
    expect(createBackendWriter(sqlite).write(model('TARI 2026'))).toBe(true)
    const sent = positionModelFromCache(sqlite, 'SYNC-1').paymentOption?.[0]?.transfer
    expect(sent).toEqual([
      { idTransfer: '1', amount: 2000, category: '9/0101108TS/', remittanceInformation: 'TARI 2026', iban: 'IT60X0542811101000000123456', organizationFiscalCode: '00723456018' },
      { idTransfer: '2', amount: 1000, category: '9/0101108TS/', remittanceInformation: 'TEFA', iban: 'IT60X0542811101000000654321', organizationFiscalCode: '80012345678', companyName: 'Provincia' }
    ])
    expect(sqlite.prepare('SELECT count(*) FROM transfer_profiles').pluck().get()).toBe(2)
    // The same position again, with a new description: transfers replaced, profiles reused.
    expect(createBackendWriter(sqlite).write(model('TARI 2026 saldo'))).toBe(true)
    expect(positionModelFromCache(sqlite, 'SYNC-1').paymentOption?.[0]?.transfer?.map((t) => t.remittanceInformation)).toEqual(['TARI 2026 saldo', 'TEFA'])
    expect(sqlite.prepare('SELECT count(*) FROM transfer_rows').pluck().get()).toBe(2)
    expect(sqlite.prepare('SELECT count(*) FROM transfer_profiles').pluck().get()).toBe(2)
  })

  it('updates and deletes like a table, keeps a remittance when the description changes, refuses a missing one', () => {
    const sqlite = openCache()
    createBackendWriter(sqlite).write(model('TARI 2026'))
    const optionId = sqlite.prepare("SELECT id FROM payment_options WHERE nav = '301888888888888888'").pluck().get() as number
    const view = () => sqlite.prepare(`SELECT ${TRANSFER_COLUMNS} FROM transfers WHERE option_id = ? ORDER BY seq`).all(optionId) as Record<string, unknown>[]
    // A change of amount as change-due makes it (one statement for the option's transfers).
    sqlite.prepare("UPDATE transfers SET amount_cents = 2500 WHERE option_id = ? AND id_transfer = '1'").run(optionId)
    sqlite.prepare("UPDATE transfers SET status = 'T_REPORTED' WHERE option_id = ? AND id_transfer = '2'").run(optionId)
    expect(view().map((t) => [t.amount_cents, t.status, t.remittance_information])).toEqual([[2500, 'T_UNREPORTED', 'TARI 2026'], [1000, 'T_REPORTED', 'TEFA']])
    // The first transfer's remittance was "the description": it stays what it was.
    sqlite.prepare('UPDATE payment_options SET description = ? WHERE id = ?').run('TARI 2026 - altro', optionId)
    expect(view().map((t) => t.remittance_information)).toEqual(['TARI 2026', 'TEFA'])
    // A transfer written without a status is unreported, as the table's default said.
    sqlite.prepare("INSERT INTO transfers (option_id, id_transfer, amount_cents, category, remittance_information) VALUES (?, '3', 1, 'X', 'TARI 2026 - altro')").run(optionId)
    expect(view().at(-1)).toMatchObject({ id_transfer: '3', status: 'T_UNREPORTED', remittance_information: 'TARI 2026 - altro', iban: null })
    expect(() => sqlite.prepare("INSERT INTO transfers (option_id, id_transfer, amount_cents, category, remittance_information) VALUES (?, '4', 1, 'X', NULL)").run(optionId)).toThrow(/NOT NULL constraint failed: transfers.remittance_information/)
    sqlite.prepare("DELETE FROM transfers WHERE option_id = ? AND id_transfer = '3'").run(optionId)
    expect(view()).toHaveLength(2)
    // Deleting the position takes its options, and they their transfers.
    sqlite.prepare("DELETE FROM positions WHERE iupd = 'SYNC-1'").run()
    expect(sqlite.prepare('SELECT count(*) FROM transfer_rows').pluck().get()).toBe(0)
  })
})

describe('positions after migration 0013', () => {
  it("a due created at the desk carries the ente's name and office and shows when it was created, until GPD says when it was inserted", () => {
    const dir = temp()
    const { sqlite, close } = openDatabase(join(dir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
    cleanups.unshift(close)
    ensureDemoSetup(sqlite)
    createSettingsStore(sqlite).set('desk', { number: 2, name: 'Sportello 2' })
    const commands = createDueCommands({ sqlite, settings: createSettingsStore(sqlite), dataDir: dir, operator: () => 'test' })
    const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    const { iupd } = commands.create(NewDueInput.parse({ dueTypeCode: 'TARI', amount: 120, dueDate, debtor: { type: 'F', fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSSI MARIO' } }))
    const page = createDueDetail(sqlite)(iupd, WHO)
    expect(page).toMatchObject({ companyName: 'Comune di Valdoria', officeName: 'Sportello polifunzionale' })
    expect(Date.now() - Date.parse(page.insertedAt!)).toBeLessThan(60_000)
    expect(positionModelFromCache(sqlite, iupd)).toMatchObject({ companyName: 'Comune di Valdoria', officeName: 'Sportello polifunzionale' })
    // A second due shares the issuer.
    commands.create(NewDueInput.parse({ dueTypeCode: 'TARI', amount: 80, dueDate, debtor: { type: 'F', fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSSI MARIO' } }))
    expect(sqlite.prepare('SELECT count(*) FROM position_issuers').pluck().get()).toBe(1)
    // Synced back with GPD's insertedDate: the page shows GPD's.
    expect(createBackendWriter(sqlite).write({ base: { ...positionModelFromCache(sqlite, iupd), organizationFiscalCode: '00723456018', status: 'VALID', insertedDate: '2026-11-27T10:00:00', paymentOption: [] } })).toBe(true)
    expect(createDueDetail(sqlite)(iupd, WHO).insertedAt).toBe('2026-11-27T10:00:00')
  })

  it('a position synced without an insertedDate shows when the cache first wrote it', () => {
    const dir = temp()
    const { sqlite, close } = openDatabase(join(dir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
    cleanups.unshift(close)
    createBackendWriter(sqlite).write(syncedPosition('TARI 2026'))
    const page = createDueDetail(sqlite)('SYNC-1', WHO)
    expect(Date.now() - Date.parse(page.insertedAt!)).toBeLessThan(60_000)
    expect(sqlite.prepare('SELECT count(*) FROM positions WHERE created_at IS NULL').pluck().get()).toBe(0)
  })
})
