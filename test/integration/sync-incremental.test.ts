// After the first full sync: payments made elsewhere, positions created by other desks, and the
// desk working offline while the backend is unreachable.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type OpenedDatabase } from '../../src-main/core/db/open'
import { ensureDemoSetup } from '../../src-main/core/demo/seed'
import { createDueCommands } from '../../src-main/core/dues/commands'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import type { LaunchedSimulator } from '../../src-main/core/simulator/run'
import { createSyncEngine, type SyncEngine } from '../../src-main/core/sync/engine'
import { NewDueInput } from '../../src-main/contract/dues'
import { italian, type Message } from '../../src-main/contract/messages'
import { backendSnapshot, cacheSnapshot, clientFor, simulator } from '../helpers/backend'
import { MIGRATIONS, tempDir } from '../helpers/paths'

const data = tempDir()
const simData = tempDir()
let sim: LaunchedSimulator
let db: OpenedDatabase
let engine: SyncEngine
const states: { online: boolean; lastError: Message | null }[] = []

const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

beforeAll(async () => {
  sim = await simulator({ seed: 300, dataDir: simData.dir })
  db = openDatabase(join(data.dir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
  ensureDemoSetup(db.sqlite)
  createSettingsStore(db.sqlite).set('desk', { number: 2, name: 'Sportello 2' })
  engine = createSyncEngine({ sqlite: db.sqlite, client: clientFor(sim, { timeoutMs: 1_000 }), retryBaseMs: 20, onStateChange: (s) => states.push(s) })
  await engine.fullSync()
})
afterAll(async () => {
  await sim.close()
  db.close()
  data.cleanup()
  simData.cleanup()
})

describe('incremental sync', () => {
  it('brings in a payment made by a citizen through a PSP', async () => {
    const open = sim.store.all().find((p) => p.status === 'VALID' && p.paymentOption.length === 1)!
    const nav = open.paymentOption[0]!.nav
    const res = await fetch(`${sim.url}/gpd/debt-positions-service/internal/v1/organizations/00723456018/paymentoptions/${nav}/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pspCompany: 'Poste Italiane', idReceipt: 'RCPT-1', paymentMethod: 'PO' })
    })
    expect(res.status).toBe(200)
    const summary = await engine.pullPayments()
    expect(summary.positions).toBeGreaterThanOrEqual(1)
    expect(db.sqlite.prepare('SELECT status FROM positions WHERE iupd = ?').pluck().get(open.iupd)).toBe('PAID')
    expect(db.sqlite.prepare('SELECT psp_company FROM payment_options WHERE nav = ?').pluck().get(nav)).toBe('Poste Italiane')
  })

  it('finds positions created by another desk, with their debtor, in the rescan around today', async () => {
    const other = clientFor(sim)
    await other.createPosition(
      {
        iupd: 'ALTRO-SPORTELLO-1', type: 'F', fiscalCode: 'VRDGPP80A01H501U', fullName: 'VERDI GIUSEPPE', companyName: 'Comune di Valdoria', switchToExpired: false,
        paymentOption: [{ iuv: '01999000000000017', amount: 2500, description: 'Diritti di segreteria', isPartialPayment: false, dueDate: `${soon(20)}T23:59:59`, transfer: [{ idTransfer: '1', amount: 2500, category: '9/0103100TS/', remittanceInformation: 'Diritti', iban: 'IT98M0306909606100000046001' }] }]
      },
      true
    )
    const summary = await engine.rescan()
    expect(summary.created).toBe(1)
    const row = db.sqlite.prepare("SELECT debtor_name, debtor_fiscal_code, status, due_type_id IS NOT NULL AS typed FROM positions WHERE iupd = 'ALTRO-SPORTELLO-1'").get()
    expect(row).toEqual({ debtor_name: 'VERDI GIUSEPPE', debtor_fiscal_code: 'VRDGPP80A01H501U', status: 'VALID', typed: 1 })
  })

  it('keeps working offline: changes wait, the state says offline, and all goes through when the backend returns', async () => {
    await sim.close()
    const commands = createDueCommands({ sqlite: db.sqlite, settings: createSettingsStore(db.sqlite), dataDir: data.dir, operator: () => 'test' })
    const { iupd } = commands.create(NewDueInput.parse({ dueTypeCode: 'CIE', amount: '22,21', dueDate: soon(5), debtor: { type: 'F', fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSSI MARIO' } }))
    const victim = db.sqlite.prepare("SELECT iupd FROM positions WHERE status = 'VALID' AND origin = 'backend' AND iupd IN (SELECT p.iupd FROM positions p JOIN payment_options o ON o.position_id = p.id GROUP BY p.id HAVING count(*) = 1) LIMIT 1").pluck().get() as string
    commands.update({ iupd: victim, amount: '10,00', reason: 'ricalcolo' })
    const offline = await engine.pushOutbox()
    expect(offline.pending).toBe(2)
    expect(engine.state.online).toBe(false)
    expect(states.at(-1)!.online).toBe(false)
    expect(italian(states.at(-1)!.lastError!)).toMatch(/non raggiungibile/)

    sim = await simulator({ dataDir: simData.dir })
    const back = createSyncEngine({ sqlite: db.sqlite, client: clientFor(sim), retryBaseMs: 20 })
    await new Promise((r) => setTimeout(r, 50))
    const online = await back.pushOutbox(20_000)
    expect(online.pending).toBe(0)
    expect(back.state.online).toBe(true)
    expect(sim.store.get(iupd)?.status).toBe('VALID')
    expect(sim.store.get(victim)?.paymentOption[0]?.amount).toBe(1_000)
    await back.rescan(800, 800)
    expect(cacheSnapshot(db.sqlite)).toEqual(backendSnapshot(sim))
  })
})
