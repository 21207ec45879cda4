// The start figure of `npm run bench`: `sportello serve` (the browser host, the same core as the
// desktop app's main process) on a large cache, from launch to the answer of its first search over
// HTTP, and its memory; against a bare Node process that opens the same file and answers one query.
// Each is measured a few times, alternating, and the medians compared: one run of either is at the
// mercy of the machine's other work.
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CLI, ROOT } from '../helpers/paths'
import { serve } from '../helpers/processes'
import { median, type Figure } from './figure'

const RUNS = Number(process.env.BENCH_START_RUNS ?? 3)

/** RSS of a process, from /proc (Linux). */
function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024
}

/** An operator to sign in with: the seeded cache has none. A new name each time, so a folder can be measured again. */
async function addOperator(dataDir: string, password: string): Promise<string> {
  const username = `bench-${Date.now().toString(36)}`
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'operators', 'add', '--data', dataDir, '--username', username, '--name', 'Bench', '--role', 'amministratore'], { cwd: ROOT, stdio: ['pipe', 'ignore', 'inherit'] })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`operators add: ${code}`))))
    child.stdin.end(password)
  })
  return username
}

/** The floor: a Node process that opens the same cache and answers one query. */
async function bareStart(file: string): Promise<{ ms: number; rss: number }> {
  const bare = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)}, { readonly: true });
    const r = db.prepare("SELECT count(*) AS n FROM positions_fts WHERE positions_fts MATCH 'rossi*'").get();
    process.stdout.write(JSON.stringify({ n: r.n, rss: process.memoryUsage().rss }))`
  const started = performance.now()
  const { rss } = await new Promise<{ rss: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', bare], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { rss: number }) : reject(new Error(`baseline: ${code}`))))
  })
  return { ms: performance.now() - started, rss }
}

/**
 * How the desk starts on this cache: a demo cache (`sportello seed` makes one) as the demo desk it
 * is, with its embedded backend; any other on an unreachable backend, so it starts offline and the
 * cache stays as it is.
 */
function serveArgs(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const identity = db.prepare<[], string>("SELECT value_json FROM settings WHERE key = 'cache.identity'").pluck().get()
    return identity && (JSON.parse(identity) as { mode: string }).mode === 'demo' ? [] : ['--backend', 'http://127.0.0.1:9']
  } finally {
    db.close()
  }
}

/** `sportello serve` from launch to its first search answered over HTTP (sign-in included); then nine more searches and its memory. */
async function servedStart(dataDir: string, args: string[], username: string, password: string): Promise<{ ms: number; rss: number; total: number }> {
  const started = performance.now()
  const served = await serve(['--data', dataDir, ...args], 300_000)
  const rpc = async (method: string, input: unknown, cookie?: string) => {
    const res = await fetch(`${served.origin}/rpc/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(input)
    })
    return (await res.json()) as { ok: boolean; value: { total?: number }; error?: { message: string } }
  }
  try {
    const login = await rpc('auth.login', { username, password })
    if (!login.ok) throw new Error(`login: ${login.error?.message}`)
    const first = await rpc('dues.search', { text: 'rossi' })
    const ms = performance.now() - started
    if (!first.ok) throw new Error(`search: ${first.error?.message}`)
    for (const text of ['ross', 'bianchi', 'verbale', 'tari', 'mensa', 'rossi maria', '', 'esposito']) await rpc('dues.search', { text })
    return { ms, rss: rssBytes(served.child.pid!), total: first.value.total ?? 0 }
  } finally {
    await served.stop()
  }
}

export async function benchStart(dataDir: string, dues: number): Promise<Figure[]> {
  process.stderr.write('Avvio dell’host per browser sulla stessa cache…\n')
  const password = 'password-bench-123'
  const username = await addOperator(dataDir, password)
  const file = join(dataDir, 'sportello.db')
  const args = serveArgs(file)
  const bare: { ms: number; rss: number }[] = []
  const served: { ms: number; rss: number; total: number }[] = []
  for (let run = 0; run < RUNS; run++) {
    bare.push(await bareStart(file))
    served.push(await servedStart(dataDir, args, username, password))
    process.stderr.write(`  avvio ${run + 1}/${RUNS}: ${Math.round(served.at(-1)!.ms)} ms (processo minimo ${Math.round(bare.at(-1)!.ms)} ms)\n`)
  }
  const firstMs = median(served.map((s) => s.ms))
  const baseMs = median(bare.map((b) => b.ms))
  const rss = median(served.map((s) => s.rss))
  const baseRss = median(bare.map((b) => b.rss))
  const count = dues.toLocaleString('it-IT')
  return [
    {
      name: `Avvio fino alla prima ricerca (host per browser, cache di ${count} dovuti)`,
      value: Math.round(firstMs),
      unit: 'ms',
      baseline: 'processo Node che apre la stessa cache e risponde a una query',
      baselineValue: Math.round(baseMs),
      ratio: Number((firstMs / baseMs).toPrecision(2)),
      target: '≤ 10×',
      note:
        `mediana di ${RUNS} avvii (${served.map((s) => Math.round(s.ms)).join(', ')} ms; processo minimo ${bare.map((b) => Math.round(b.ms)).join(', ')} ms); ` +
        `${served[0]!.total} risultati; comprende il caricamento del programma, l’apertura e il controllo dello schema della cache e l’accesso; ` +
        'la copia giornaliera, la pulizia dei dovuti chiusi e la verifica completa dopo un arresto imprevisto partono dopo la prima schermata'
    },
    {
      name: `Memoria del processo principale con ${count} dovuti (dopo 10 ricerche)`,
      value: Math.round(rss / 1_048_576),
      unit: 'MB',
      baseline: 'lo stesso processo Node minimo',
      baselineValue: Math.round(baseRss / 1_048_576),
      ratio: Number((rss / baseRss).toPrecision(2)),
      note: `RSS letto da /proc, mediana di ${RUNS} avvii`
    }
  ]
}
