// The sync figure of `npm run bench`: an initial sync of a simulator (another process, loopback
// HTTP) holding N positions, against a raw better-sqlite3 insert of the rows the sync wrote into
// the same schema (rawInsert).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src-main/core/db/open'
import { ensureDemoSetup } from '../../src-main/core/demo/seed'
import { DEMO_ENTE } from '../../src-main/core/demo/ente'
import { createGpdClient } from '../../src-main/core/gpd/client'
import { createSpecValidator } from '../../src-main/core/gpd/spec-validator'
import { createSyncEngine } from '../../src-main/core/sync/engine'
import { MIGRATIONS, ROOT } from '../helpers/paths'
import { simulateBackend } from '../helpers/processes'
import type { Figure } from './figure'
import { rawInsert } from './raw-insert'

/**
 * The client the tests' clientFor makes, built here: test/helpers/backend.ts imports vitest (for its
 * per-file set-up), which cannot be loaded outside a test run.
 */
function benchClient(url: string) {
  const validator = createSpecValidator(join(ROOT, 'resources', 'specs', 'gpd'))
  return createGpdClient({ baseUrl: url, organizationFiscalCode: DEMO_ENTE.fiscalCode, validator, timeoutMs: 30_000 })
}

export async function benchInitialSync(positions: number): Promise<Figure> {
  const work = mkdtempSync(join(tmpdir(), 'sportello-bench-sync-'))
  try {
    process.stderr.write(`Simulatore con ${positions} posizioni…\n`)
    const { url, child } = await simulateBackend(['--data', join(work, 'sim'), '--seed', String(positions)])
    const db = openDatabase(join(work, 'cache', 'sportello.db'), { migrationsFolder: MIGRATIONS })
    ensureDemoSetup(db.sqlite)
    let shown = 0
    const engine = createSyncEngine({
      sqlite: db.sqlite,
      client: benchClient(url),
      concurrency: 8,
      onProgress: (p) => {
        if (p.done - shown >= 5 || p.done === p.total) {
          shown = p.done
          process.stderr.write(`  sync ${p.done}/${p.total} finestre, ${p.positions} posizioni\n`)
        }
      }
    })
    const started = performance.now()
    const summary = await engine.fullSync()
    const syncMs = performance.now() - started
    child.kill('SIGTERM')
    const rawMs = rawInsert(db.sqlite, join(work, 'raw', 'sportello.db'))
    db.close()
    return {
      name: `Sincronizzazione iniziale di ${positions.toLocaleString('it-IT')} posizioni`,
      value: Math.round(summary.positions / (syncMs / 1000)),
      unit: 'posizioni/s',
      baseline: 'inserimento diretto better-sqlite3 delle stesse righe, una transazione',
      baselineValue: Math.round(summary.positions / (rawMs / 1000)),
      ratio: Number((syncMs / rawMs).toPrecision(2)),
      target: '≤ 2×',
      note: `${summary.positions} posizioni in ${(syncMs / 1000).toFixed(1)} s (liste v3 a pagine di 50 con il debitore, alcune pagine in volo); inserimento diretto ${(rawMs / 1000).toFixed(2)} s`
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
