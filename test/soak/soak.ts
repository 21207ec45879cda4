// A mixed soak against the GPD simulator with faults on: a desk creates dues (single and in
// installments), changes amounts, cancels, deletes, takes payments at the desk, while citizens
// pay through PSPs and the desk syncs, all interleaved at random for a bounded time. Then the
// faults stop, the desk drains its outbox and runs a full sync: the cache must equal the backend
// and nothing may be left waiting. Used by `npm run soak` (long) and by a short test.
import { join } from 'node:path'
import { AppError } from '../../src-main/contract/errors'
import { CloseDueInput, NewDueInput, RegisterPaymentInput, UpdateDueInput } from '../../src-main/contract/dues'
import { openDatabase } from '../../src-main/core/db/open'
import { ensureDemoSetup } from '../../src-main/core/demo/seed'
import { createDueCommands } from '../../src-main/core/dues/commands'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { createSyncEngine } from '../../src-main/core/sync/engine'
import { backendSnapshot, cacheSnapshot, clientFor, simulator } from '../helpers/backend'
import { MIGRATIONS, tempDir } from '../helpers/paths'

export interface SoakResult {
  seconds: number
  operations: Record<string, number>
  refused: number
  faults: number
  positions: number
  equal: boolean
  differences: string[]
  pending: number
  failed: number
  conflicts: number
  line: string
}

/** A small seeded generator: a soak that fails can be run again the same way. */
function random(seed: number) {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 4_294_967_296
  }
}

export async function runSoak(options: { seconds: number; seed?: number; failRate?: number; onProgress?: (text: string) => void }): Promise<SoakResult> {
  const rnd = random(options.seed ?? 42)
  const pick = <T>(list: T[]): T | undefined => list[Math.floor(rnd() * list.length)]
  const sim = await simulator({ seed: 200, faults: { failRate: options.failRate ?? 0.2, latencyMs: 2, hangMs: 300 } })
  const data = tempDir()
  const db = openDatabase(join(data.dir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
  try {
    ensureDemoSetup(db.sqlite)
    createSettingsStore(db.sqlite).set('desk', { number: 2, name: 'Sportello 2' })
    const commands = createDueCommands({ sqlite: db.sqlite, settings: createSettingsStore(db.sqlite), dataDir: data.dir, operator: () => 'soak' })
    const engine = createSyncEngine({ sqlite: db.sqlite, client: clientFor(sim, { timeoutMs: 200 }), retryBaseMs: 10, concurrency: 4 })
    await engine.fullSync().catch(() => undefined)

    const operations: Record<string, number> = {}
    let refused = 0
    const count = (name: string) => (operations[name] = (operations[name] ?? 0) + 1)
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
    const open = () => db.sqlite.prepare("SELECT iupd FROM positions WHERE status IN ('VALID', 'PARTIALLY_PAID', 'DRAFT', 'PUBLISHED') ORDER BY id DESC LIMIT 200").pluck().all() as string[]
    const unpaidNav = () => pick(db.sqlite.prepare("SELECT o.nav FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE o.status = 'PO_UNPAID' AND p.status IN ('VALID', 'PARTIALLY_PAID') ORDER BY o.id DESC LIMIT 200").pluck().all() as string[])

    const actions: [number, string, () => Promise<unknown> | unknown][] = [
      [25, 'crea', () => {
        const installments = rnd() < 0.3
        return commands.create(
          NewDueInput.parse({
            dueTypeCode: installments ? 'TARI' : 'SEGR',
            ...(installments ? {} : { causaleFields: { numero: String(Math.floor(rnd() * 10_000)) } }),
            amount: 500 + Math.floor(rnd() * 50_000),
            dueDate: day(30),
            ...(installments ? { installments: [{ amount: 1_000, dueDate: day(30) }, { amount: 2_000 + Math.floor(rnd() * 1000), dueDate: day(90) }] } : {}),
            debtor: { type: 'F', fiscalCode: 'RSSMRA80A01H501U', fullName: `ROSSI MARIO ${Math.floor(rnd() * 1000)}` }
          })
        )
      }],
      [15, 'modifica importo', () => commands.update(UpdateDueInput.parse({ iupd: pick(open()) ?? 'X', amount: 100 + Math.floor(rnd() * 90_000), reason: 'soak' }) as never)],
      [5, 'annulla', () => commands.invalidate(CloseDueInput.parse({ iupd: pick(open()) ?? 'X', reason: 'soak' }))],
      [5, 'elimina', () => commands.remove(CloseDueInput.parse({ iupd: pick(open()) ?? 'X', reason: 'soak' }))],
      [10, 'pagamento allo sportello', () => commands.registerPayment(RegisterPaymentInput.parse({ nav: unpaidNav() ?? '0'.repeat(18), paidOn: day(0), channel: 'contanti' }))],
      [15, 'pagamento con PSP', async () => {
        const nav = unpaidNav()
        if (!nav) return
        // The citizen's PSP talks to GPD directly; a fault may hit it too, like in real life.
        await fetch(`${sim.url}/gpd/debt-positions-service/internal/v1/organizations/00723456018/paymentoptions/${nav}/pay`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ pspCompany: 'Banca Demo', idReceipt: `R-${nav}`, paymentMethod: 'CP' })
        }).catch(() => undefined)
      }],
      [25, 'sincronizzazione', () => engine.syncNow().catch(() => undefined)]
    ]
    const total = actions.reduce((s, [w]) => s + w, 0)
    const started = Date.now()
    let next = started + 5_000
    while (Date.now() - started < options.seconds * 1000) {
      let r = rnd() * total
      const [, name, run] = actions.find(([w]) => (r -= w) < 0) ?? actions[0]!
      try {
        await run()
        count(name)
      } catch (error) {
        // A refusal the desk explains (not allowed in this status, not found) is part of the day.
        if (!(error instanceof AppError)) throw error
        refused++
      }
      if (Date.now() > next) {
        next += 5_000
        options.onProgress?.(`${Math.round((Date.now() - started) / 1000)} s: ${Object.values(operations).reduce((a, b) => a + b, 0)} operazioni`)
      }
    }

    // The network heals: everything queued goes out, and a full sync settles the mirror.
    sim.setFaults({ failRate: 0, latencyMs: 0 })
    const engineAfter = createSyncEngine({ sqlite: db.sqlite, client: clientFor(sim, { timeoutMs: 5_000 }), retryBaseMs: 10 })
    await engineAfter.pushOutbox(60_000)
    await engineAfter.fullSync()
    const cache = cacheSnapshot(db.sqlite)
    const backend = backendSnapshot(sim)
    const differences = [...cache.filter((l) => !backend.includes(l)).map((l) => `cache: ${l}`), ...backend.filter((l) => !cache.includes(l)).map((l) => `backend: ${l}`)].slice(0, 10)
    const state = (s: string) => db.sqlite.prepare('SELECT count(*) FROM outbox WHERE state = ?').pluck().get(s) as number
    const faults = Object.values(sim.stats.faults as Record<string, number>).reduce((a, b) => a + b, 0)
    const result = {
      seconds: Math.round((Date.now() - started) / 1000),
      operations,
      refused,
      faults,
      positions: backend.length,
      equal: differences.length === 0,
      differences,
      pending: state('pending'),
      failed: state('failed'),
      conflicts: state('conflict')
    }
    const ops = Object.entries(operations).map(([k, v]) => `${k} ${v}`).join(', ')
    const line = `Soak: ${result.seconds} s, ${Object.values(operations).reduce((a, b) => a + b, 0)} operazioni (${ops}), ${refused} rifiuti motivati, ${faults} guasti simulati; ${result.equal ? `cache = backend (${result.positions} posizioni)` : `cache DIVERSA dal backend (${differences.length}+ differenze)`}, coda: ${result.pending} in attesa, ${result.failed} fallite, ${result.conflicts} conflitti risolti dal backend`
    return { ...result, line }
  } finally {
    db.close()
    await sim.close()
    data.cleanup()
  }
}
