// The seed figure of `npm run bench` (issue 13): `sportello seed --dues N` into a new data folder,
// as an operator runs it (built CLI, own process), against the floor: the same rows, read back
// from the seeded cache, inserted raw into a fresh cache with the same schema (rawInsert).
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DATABASE_FILE } from '../../src-main/core/paths'
import { CLI, ROOT } from '../helpers/paths'
import type { Figure } from './figure'
import { rawInsert } from './raw-insert'

function seedWithCli(dataDir: string, dues: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its progress goes to our stderr, like the other figures' progress.
    const child = spawn(process.execPath, [CLI, 'seed', '--data', dataDir, '--dues', String(dues)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('error', reject)
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`sportello seed: ${code ?? signal}`))))
  })
}

/** keepIn: the data folder to seed and keep (the other figures use the cache); a temporary one otherwise. */
export async function benchSeed(dues: number, keepIn?: string): Promise<Figure> {
  const work = mkdtempSync(join(tmpdir(), 'sportello-bench-seed-'))
  try {
    const dataDir = keepIn ?? join(work, 'seed')
    process.stderr.write(`sportello seed --dues ${dues}…\n`)
    const started = performance.now()
    await seedWithCli(dataDir, dues)
    const seedMs = performance.now() - started
    process.stderr.write('\nInserimento diretto delle stesse righe…\n')
    const source = new Database(join(dataDir, DATABASE_FILE), { readonly: true })
    let rawMs: number
    let counts: Record<string, number>
    try {
      counts = Object.fromEntries(['positions', 'payment_options', 'transfers', 'debtors'].map((t) => [t, source.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]))
      rawMs = rawInsert(source, join(work, 'raw', DATABASE_FILE))
    } finally {
      source.close()
    }
    const rows = Object.values(counts).reduce((a, b) => a + b, 0)
    return {
      name: `Creazione di ${dues.toLocaleString('it-IT')} dovuti dimostrativi (sportello seed)`,
      value: Number((seedMs / 1000).toFixed(1)),
      unit: 's',
      baseline: 'inserimento diretto better-sqlite3 delle stesse righe nello stesso schema (indici e trigger FTS presenti), una transazione',
      baselineValue: Number((rawMs / 1000).toFixed(1)),
      ratio: Number((seedMs / rawMs).toPrecision(2)),
      target: '≤ 30 s',
      note: `${rows.toLocaleString('it-IT')} righe (${Object.entries(counts).map(([t, n]) => `${t} ${n.toLocaleString('it-IT')}`).join(', ')}); il comando comprende avvio, generazione dei dati, indici e ricerca a testo ricostruiti una volta; l'inserimento diretto non legge né genera nulla`
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
