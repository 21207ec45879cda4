// The sync reads GPD through its v3 list, whose payment options carry their debtor: neither the
// first full sync nor the incremental ones read a position on its own. The simulator counts the
// requests it serves by route; the cache must still equal the backend, debtors included.
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { RecordedRequest } from '../../src-main/core/gpd/client'
import { gpdNow } from '../../src-main/core/gpd/time'
import { GPD_PATHS } from '../../src-main/core/gpd/types'
import { PAGES_IN_FLIGHT } from '../../src-main/core/sync/context'
import { createSyncEngine } from '../../src-main/core/sync/engine'
import { backendSnapshot, cacheSnapshot, clientFor, simulatorWithCache } from '../helpers/backend'

const V3_LIST = `gpd-v3 GET ${GPD_PATHS.positions}`
const env = simulatorWithCache({ seed: 2_500 })
const requests: RecordedRequest[] = []

const DEBTOR_FIELDS = ['fiscalCode', 'fullName', 'type', 'streetName', 'civicNumber', 'postalCode', 'city', 'province', 'country', 'email', 'phone'] as const

/** Every position's debtor on the backend, one line each. */
function backendDebtors(): string[] {
  return env.sim.store
    .all()
    .map((p) => [p.iupd, ...DEBTOR_FIELDS.map((k) => p[k] ?? null)].join('|'))
    .sort()
}

/** Every position's debtor in the cache, one line each. */
function cacheDebtors(sqlite: Database.Database): string[] {
  return (
    sqlite
      .prepare(
        `SELECT iupd, debtor_fiscal_code, debtor_name, debtor_type, debtor_street_name, debtor_civic_number, debtor_postal_code, debtor_city,
           debtor_province, debtor_country, debtor_email, debtor_phone FROM positions`
      )
      .raw()
      .all() as unknown[][]
  )
    .map((row) => row.map((v) => v ?? null).join('|'))
    .sort()
}

/** What the simulator served since `before`, by route. */
function servedSince(before: Record<string, number>): Record<string, number> {
  const now = env.sim.stats.byRoute
  return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => (v as number) > 0))
}

const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

describe('sync through the v3 list', () => {
  it('fills the cache on the first full sync with list pages only, debtors included', async () => {
    const before = { ...env.sim.stats.byRoute }
    const connectionsBefore = env.sim.stats.connections
    const engine = createSyncEngine({ sqlite: env.db.sqlite, client: clientFor(env.sim, { onRequest: (r) => requests.push(r) }) })
    const summary = await engine.fullSync()

    expect(summary.created).toBe(2_500)
    expect(cacheSnapshot(env.db.sqlite)).toEqual(backendSnapshot(env.sim))
    expect(cacheDebtors(env.db.sqlite)).toEqual(backendDebtors())

    // Only v3 list pages, of 50, and more of them than windows: some windows took several pages.
    const served = servedSince(before)
    expect(Object.keys(served)).toEqual([V3_LIST])
    expect(requests.every((r) => r.spec === 'gpd-v3' && r.path === GPD_PATHS.positions && new URL(r.url).searchParams.get('limit') === '50')).toBe(true)
    const windows = new Set(requests.map((r) => new URL(r.url).searchParams.get('due_date_from'))).size
    expect(served[V3_LIST]).toBe(requests.length)
    expect(requests.length).toBeGreaterThan(windows)

    // A few pages in flight, over kept-alive connections: far fewer connections than requests.
    const connections = env.sim.stats.connections - connectionsBefore
    expect(connections).toBeGreaterThan(1)
    expect(connections).toBeLessThanOrEqual(2 * PAGES_IN_FLIGHT)
  })

  it('follows payments and positions created elsewhere with list pages only', async () => {
    const other = clientFor(env.sim)
    const transfer = (amount: number) => [{ idTransfer: '1' as const, amount, category: '9/0103100TS/', remittanceInformation: 'Diritti', iban: 'IT98M0306909606100000046001' }]
    await other.createPosition(
      {
        iupd: 'ALTRO-V3-1', type: 'F', fiscalCode: 'VRDGPP80A01H501U', fullName: 'VERDI GIUSEPPE', streetName: 'Via Roma', civicNumber: '3', postalCode: '00100', city: 'Roma', province: 'RM', country: 'IT', email: 'giuseppe.verdi@example.it',
        companyName: 'Comune di Valdoria', switchToExpired: false,
        paymentOption: [{ iuv: '01999000000000117', amount: 2500, description: 'Diritti di segreteria', isPartialPayment: false, dueDate: `${soon(20)}T23:59:59`, transfer: transfer(2500) }]
      },
      true
    )
    await other.createPosition(
      {
        iupd: 'ALTRO-V3-2', type: 'G', fiscalCode: '01234567890', fullName: 'FERRAMENTA BIANCHI SRL', companyName: 'Comune di Valdoria', switchToExpired: false,
        paymentOption: [
          { iuv: '01999000000000217', amount: 3000, description: 'Occupazione suolo pubblico', isPartialPayment: false, dueDate: `${soon(30)}T23:59:59`, transfer: transfer(3000) },
          { iuv: '01999000000000317', amount: 1500, description: 'Occupazione suolo pubblico - rata 1 di 2', isPartialPayment: true, dueDate: `${soon(30)}T23:59:59`, transfer: transfer(1500) },
          { iuv: '01999000000000417', amount: 1500, description: 'Occupazione suolo pubblico - rata 2 di 2', isPartialPayment: true, dueDate: `${soon(90)}T23:59:59`, transfer: transfer(1500) }
        ]
      },
      true
    )
    const open = env.sim.store.all().find((p) => p.status === 'VALID' && p.paymentOption.length === 1 && !p.iupd.startsWith('ALTRO'))!
    // Paid an hour ago, as GPD writes it (Rome time): within the payment windows at any hour of the day.
    await other.markAsPaid(open.paymentOption[0]!.nav, gpdNow(Date.now() - 3_600_000))

    requests.length = 0
    const before = { ...env.sim.stats.byRoute }
    const engine = createSyncEngine({ sqlite: env.db.sqlite, client: clientFor(env.sim, { onRequest: (r) => requests.push(r) }) })
    const summary = await engine.syncNow()

    expect(summary.created).toBe(2)
    expect(Object.keys(servedSince(before))).toEqual([V3_LIST])
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.every((r) => r.spec === 'gpd-v3' && r.path === GPD_PATHS.positions)).toBe(true)
    expect(env.db.sqlite.prepare('SELECT status FROM positions WHERE iupd = ?').pluck().get(open.iupd)).toBe('PAID')
    expect(env.db.sqlite.prepare("SELECT count(*) FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE p.iupd = 'ALTRO-V3-2' AND o.is_partial_payment = 1").pluck().get()).toBe(2)
    expect(cacheSnapshot(env.db.sqlite)).toEqual(backendSnapshot(env.sim))
    expect(cacheDebtors(env.db.sqlite)).toEqual(backendDebtors())
  })
})
