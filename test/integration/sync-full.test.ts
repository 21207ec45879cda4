import { describe, expect, it } from 'vitest'
import { createSyncEngine, type SyncProgress } from '../../src-main/core/sync/engine'
import type { RecordedRequest } from '../../src-main/core/gpd/client'
import { GPD_PATHS } from '../../src-main/core/gpd/types'
import { backendSnapshot, cacheSnapshot, clientFor, validator, simulatorWithCache } from '../helpers/backend'

const env = simulatorWithCache({ seed: 1_500 })
const requests: RecordedRequest[] = []

describe('full sync against the simulator over HTTP', () => {
  it('makes the cache an exact mirror of the backend, walking 30-day windows and 50-row pages', async () => {
    const progress: SyncProgress[] = []
    const engine = createSyncEngine({ sqlite: env.db.sqlite, client: clientFor(env.sim, { onRequest: (r) => requests.push(r) }), onProgress: (p) => progress.push(p) })
    const summary = await engine.fullSync()
    expect(summary.positions).toBe(1_500)
    expect(summary.created).toBe(1_500)
    expect(cacheSnapshot(env.db.sqlite)).toEqual(backendSnapshot(env.sim))
    expect(progress.length).toBeGreaterThan(20)
    expect(progress.at(-1)).toMatchObject({ phase: 'full', done: progress.at(-1)!.total })

    const lists = requests.filter((r) => r.method === 'GET' && r.path.endsWith('/debtpositions'))
    for (const r of lists) {
      const url = new URL(r.url)
      expect(Number(url.searchParams.get('limit'))).toBeLessThanOrEqual(50)
      const span = (Date.parse(url.searchParams.get('due_date_to')!) - Date.parse(url.searchParams.get('due_date_from')!)) / 86_400_000
      expect(span).toBeLessThanOrEqual(30)
    }
    // The v3 list carries each debtor: no position is read on its own.
    expect(lists.every((r) => r.spec === 'gpd-v3')).toBe(true)
    expect(requests.filter((r) => r.path === GPD_PATHS.position)).toHaveLength(0)
  })

  it('takes the debtor into the registry of known citizens', () => {
    const registry = env.db.sqlite.prepare("SELECT count(*) FROM debtors WHERE source = 'sync'").pluck().get() as number
    const distinct = env.db.sqlite.prepare('SELECT count(DISTINCT debtor_fiscal_code) FROM positions').pluck().get()
    expect(registry).toBe(distinct)
  })

  it('is idempotent: a second full sync changes nothing and reads no position on its own', async () => {
    const before = cacheSnapshot(env.db.sqlite)
    requests.length = 0
    const engine = createSyncEngine({ sqlite: env.db.sqlite, client: clientFor(env.sim, { onRequest: (r) => requests.push(r) }) })
    const summary = await engine.fullSync()
    expect(summary.created).toBe(0)
    expect(cacheSnapshot(env.db.sqlite)).toEqual(before)
    expect(requests.filter((r) => r.path !== GPD_PATHS.positions)).toHaveLength(0)
  })

  it('sends only requests the OpenAPI documents allow', () => {
    for (const r of requests) if (r.body !== undefined) expect(validator.request(r.spec, r.method, r.path, r.body)).toEqual([])
  })
})
