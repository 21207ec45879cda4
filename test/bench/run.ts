// npm run bench: the figures of issue 13, measured on this machine, each with a baseline measured
// in the same run and reported as a ratio (absolute times vary from run to run on shared
// machines). Never asserted in a test. Printed as JSON, then as a table.
//
// - seed: `sportello seed --dues N` against a raw insert of the same rows (seed.ts); the cache it
//   makes is then measured for size (size.ts), searched (search-matrix.ts) and started (start.ts);
// - notices: pdf-lib against headless Chromium's HTML to PDF of the same notice (notices.ts);
// - sync: an initial sync from the simulator against a raw insert of the same rows (sync.ts);
// - cli: `sportello --help` and `sportello check notice` against a bare `node -e 0`.
//
// BENCH_ONLY=seed|size|search|start|notices|sync|cli (comma-separated) runs some; BENCH_DUES and
// BENCH_POSITIONS change the sizes. The built CLI is used: run `npx electron-vite build` first
// (npm install does).
import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatNoticeNumber } from '../../src-main/contract/format'
import { DATABASE_FILE } from '../../src-main/core/paths'
import { CLI, ROOT } from '../helpers/paths'
import type { Figure } from './figure'
import { benchNotices } from './notices'
import { benchSearchMatrix, timeIt } from './search-matrix'
import { benchSeed } from './seed'
import { benchSize } from './size'
import { benchStart } from './start'
import { benchInitialSync } from './sync'

const DUES = Number(process.env.BENCH_DUES ?? 1_000_000)
const POSITIONS = Number(process.env.BENCH_POSITIONS ?? 100_000)
const ONLY = process.env.BENCH_ONLY?.split(',')
const want = (part: string) => !ONLY || ONLY.includes(part)

function commandFigure(name: string, args: string[]): Figure {
  const run = (argv: string[]) => () => {
    const r = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: 'ignore' })
    if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.status}`)
  }
  const bare = timeIt(run(['-e', '0']), 5)
  const ms = timeIt(run([CLI, ...args]), 5)
  return {
    name: `sportello ${name}`,
    value: Math.round(ms),
    unit: 'ms (mediana)',
    baseline: 'node -e 0',
    baselineValue: Math.round(bare),
    ratio: Number((ms / bare).toPrecision(2)),
    target: '≤ 5×',
    note: `out/cli/index.js costruito, senza tsx`
  }
}

/** Exact codes: a fiscal code and a notice number typed with spaces, on the seeded cache. */
function codeQueries(db: Database.Database): string[] {
  const sample = db.prepare<[], { cf: string; nav: string }>('SELECT p.debtor_fiscal_code AS cf, o.nav FROM positions p JOIN payment_options o ON o.position_id = p.id ORDER BY p.id LIMIT 1 OFFSET 1000').get()!
  return [sample.cf, formatNoticeNumber(sample.nav)]
}

async function main() {
  if (!existsSync(CLI)) throw new Error(`${CLI} manca: eseguire prima npx electron-vite build`)
  const figures: Figure[] = []
  const work = mkdtempSync(join(tmpdir(), 'sportello-bench-'))
  try {
    if (want('cli')) {
      figures.push(commandFigure('--help', ['--help']))
      figures.push(commandFigure('check notice', ['check', 'notice', '301000000000000144']))
    }
    if (want('seed') || want('size') || want('search') || want('start')) {
      const dataDir = join(work, 'cache')
      const seeded = await benchSeed(DUES, dataDir)
      if (want('seed')) figures.push(seeded)
      const file = join(dataDir, DATABASE_FILE)
      if (want('size')) figures.push(benchSize(file, DUES))
      if (want('search')) {
        process.stderr.write('Ricerche…\n')
        const db = new Database(file, { readonly: true })
        figures.push(...benchSearchMatrix(db, DUES, ['ross', 'verbale', 'rossi maria', ''], codeQueries(db)))
        db.close()
      }
      if (want('start')) figures.push(...(await benchStart(dataDir, DUES)))
    }
    if (want('notices')) figures.push(...(await benchNotices()))
    if (want('sync')) figures.push(await benchInitialSync(POSITIONS))
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  const machine = { node: process.version, cpus: cpus().length, date: new Date().toISOString() }
  process.stdout.write(`${JSON.stringify({ machine, figures }, null, 2)}\n\n`)
  const number = (n: number) => n.toLocaleString('it-IT', { maximumFractionDigits: 2 })
  process.stdout.write('| misura | valore | riferimento nello stesso processo | rapporto | obiettivo |\n|---|---|---|---|---|\n')
  for (const f of figures) {
    process.stdout.write(`| ${f.name} | ${number(f.value)} ${f.unit} | ${number(f.baselineValue)} (${f.baseline}) | ${number(f.ratio)}× | ${f.target ?? ''} |\n`)
  }
  process.stdout.write('\n')
  for (const f of figures) process.stdout.write(`${f.name}: ${f.note}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
