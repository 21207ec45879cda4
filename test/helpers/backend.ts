import { join } from 'node:path'
import { createGpdClient, type RecordedRequest } from '../../src-main/core/gpd/client'
import { createSpecValidator } from '../../src-main/core/gpd/spec-validator'
import { DEMO_ENTE } from '../../src-main/core/demo/ente'
import { launchSimulator, type LaunchedSimulator } from '../../src-main/core/simulator/run'
import type { FaultSettings } from '../../src-main/core/simulator/faults'
import type Database from 'better-sqlite3'
import { afterAll, beforeAll } from 'vitest'
import { openDatabase, type OpenedDatabase } from '../../src-main/core/db/open'
import { ensureDemoSetup } from '../../src-main/core/demo/seed'
import { MIGRATIONS, ROOT, tempDir } from './paths'

export const SPECS = join(ROOT, 'resources', 'specs', 'gpd')
export const validator = createSpecValidator(SPECS)

export async function simulator(options: { seed?: number; dataDir?: string | null; faults?: Partial<FaultSettings>; subscriptionKey?: string; today?: Date } = {}): Promise<LaunchedSimulator> {
  return launchSimulator({
    dataDir: options.dataDir ?? null,
    specsFolder: SPECS,
    ente: DEMO_ENTE,
    validator,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.subscriptionKey ? { subscriptionKey: options.subscriptionKey } : {}),
    ...(options.today ? { today: options.today } : {})
  })
}

export function clientFor(sim: { url: string }, extra: { timeoutMs?: number; subscriptionKey?: string; onRequest?: (r: RecordedRequest) => void } = {}) {
  return createGpdClient({ baseUrl: sim.url, organizationFiscalCode: DEMO_ENTE.fiscalCode, validator, timeoutMs: extra.timeoutMs ?? 5_000, ...extra })
}

/** The backend as the desk should mirror it: one line per position, options sorted. */
export function backendSnapshot(sim: LaunchedSimulator): string[] {
  return sim.store
    .all()
    .map((p) =>
      [p.iupd, p.status, p.fiscalCode, p.fullName, ...p.paymentOption.map((o) => `${o.nav}:${o.amount}:${o.dueDate.slice(0, 10)}:${o.status}`).sort()].join('|')
    )
    .sort()
}

export function cacheSnapshot(sqlite: Database.Database): string[] {
  const positions = sqlite.prepare('SELECT id, iupd, status, debtor_fiscal_code, debtor_name FROM positions').all() as { id: number; iupd: string; status: string; debtor_fiscal_code: string; debtor_name: string }[]
  const options = sqlite.prepare('SELECT nav, amount_cents, due_date, status FROM payment_options WHERE position_id = ?')
  return positions
    .map((p) =>
      [p.iupd, p.status, p.debtor_fiscal_code, p.debtor_name, ...(options.all(p.id) as { nav: string; amount_cents: number; due_date: string; status: string }[]).map((o) => `${o.nav}:${o.amount_cents}:${o.due_date}:${o.status}`).sort()].join('|')
    )
    .sort()
}

/**
 * A simulator over HTTP and a demo desk's cache in a temporary folder, for a test file: started
 * before its tests, closed after them. Read `sim` and `db` inside the tests.
 */
export function simulatorWithCache(options: Parameters<typeof simulator>[0] = {}): { readonly sim: LaunchedSimulator; readonly db: OpenedDatabase } {
  const data = tempDir()
  let sim: LaunchedSimulator | undefined
  let db: OpenedDatabase | undefined
  beforeAll(async () => {
    sim = await simulator(options)
    db = openDatabase(join(data.dir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
    ensureDemoSetup(db.sqlite)
  })
  afterAll(async () => {
    await sim?.close()
    db?.close()
    data.cleanup()
  })
  return {
    get sim() {
      return sim!
    },
    get db() {
      return db!
    }
  }
}
