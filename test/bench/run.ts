// npm run bench: figures measured on this machine, each with a baseline measured in the same run,
// reported as ratios (absolute times vary from run to run on shared machines). Never asserted.
//
// - initial sync: 100,000 positions from the GPD simulator (another process) over loopback HTTP,
//   against a raw better-sqlite3 batched insert of the same rows into the same schema.
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src-main/core/db/open'
import { ensureDemoSetup } from '../../src-main/core/demo/seed'
import { createSyncEngine } from '../../src-main/core/sync/engine'
import { clientFor } from '../helpers/backend'
import { CLI, MIGRATIONS, ROOT } from '../helpers/paths'

const POSITIONS = Number(process.env.BENCH_POSITIONS ?? 100_000)

interface Figure {
  name: string
  value: number
  unit: string
  baseline: string
  baselineValue: number
  ratio: number
  note: string
}

async function startSimulator(dir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [CLI, 'simulate', 'backend', '--data', dir, '--seed', String(POSITIONS)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out)
      if (m) resolve(m[0])
    })
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

/** The same rows the sync wrote, inserted raw: prepared statements, one transaction. */
function rawInsert(source: Database.Database, file: string): number {
  const target = openDatabase(file, { migrationsFolder: MIGRATIONS })
  ensureDemoSetup(target.sqlite)
  const tables = ['positions', 'payment_options', 'transfers', 'debtors'] as const
  const rows = Object.fromEntries(tables.map((t) => [t, source.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[]]))
  const started = performance.now()
  target.sqlite.transaction(() => {
    for (const table of tables) {
      const list = rows[table]!
      if (list.length === 0) continue
      const columns = Object.keys(list[0]!)
      const insert = target.sqlite.prepare(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`)
      for (const row of list) insert.run(row)
    }
  })()
  const elapsed = performance.now() - started
  target.close()
  return elapsed
}

async function benchInitialSync(): Promise<Figure> {
  const work = mkdtempSync(join(tmpdir(), 'sportello-bench-'))
  try {
    process.stderr.write(`Simulatore con ${POSITIONS} posizioni…\n`)
    const sim = await startSimulator(join(work, 'sim'))
    const db = openDatabase(join(work, 'cache', 'sportello.db'), { migrationsFolder: MIGRATIONS })
    ensureDemoSetup(db.sqlite)
    let shown = 0
    const engine = createSyncEngine({
      sqlite: db.sqlite,
      client: clientFor(sim, { timeoutMs: 30_000 }),
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
    sim.stop()
    const rawMs = rawInsert(db.sqlite, join(work, 'raw', 'sportello.db'))
    db.close()
    return {
      name: 'Sincronizzazione iniziale',
      value: Math.round(summary.positions / (syncMs / 1000)),
      unit: 'posizioni/s',
      baseline: 'inserimento diretto better-sqlite3 delle stesse righe, una transazione',
      baselineValue: Math.round(summary.positions / (rawMs / 1000)),
      ratio: Number((syncMs / rawMs).toFixed(1)),
      note: `${summary.positions} posizioni in ${(syncMs / 1000).toFixed(1)} s (liste a pagine di 50, finestre di 30 giorni, una lettura v3 per debitore); inserimento diretto ${(rawMs / 1000).toFixed(2)} s`
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

async function main() {
  const figures: Figure[] = [await benchInitialSync()]
  const machine = { node: process.version, cpus: (await import('node:os')).cpus().length, date: new Date().toISOString() }
  process.stdout.write(`${JSON.stringify({ machine, figures }, null, 2)}\n\n`)
  process.stdout.write('| misura | valore | riferimento nello stesso processo | rapporto (tempo misura / tempo riferimento) |\n|---|---|---|---|\n')
  for (const f of figures) process.stdout.write(`| ${f.name} | ${f.value.toLocaleString('it-IT')} ${f.unit} | ${f.baselineValue.toLocaleString('it-IT')} ${f.unit} (${f.baseline}) | ${f.ratio}× |\n`)
  for (const f of figures) process.stdout.write(`\n${f.name}: ${f.note}\n`)
}

void main()
