// npm run bench: figures measured on this machine, each with a baseline measured in the same run,
// reported as ratios (absolute times vary from run to run on shared machines). Never asserted.
//
// - search on a million-due cache: medians of typical desk queries, against a plain
//   LIKE '%...%' scan of the same table for the same text.
// - initial sync: 100,000 positions from the GPD simulator (another process) over loopback HTTP,
//   against a raw better-sqlite3 batched insert of the same rows into the same schema.
//
// - notices: pdf-lib notices per second (fonts embedded once per batch, and once per notice),
//   against the same notice rendered from HTML to PDF by headless Chromium (page reused).
//
// - start: `sportello serve` (the browser host, the same core as the desktop app's main process)
//   on the million-due cache, from launch to the answer of its first search over HTTP, and its
//   memory; against a bare Node process that opens the same file and answers one query.
//
// BENCH_ONLY=search|sync|notices runs one (start runs with search); BENCH_DUES and
// BENCH_POSITIONS change the sizes.
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src-main/core/db/open'
import { ensureDemoSetup, seedDemo } from '../../src-main/core/demo/seed'
import { SearchDuesInput, type SearchDuesInput as SearchDuesInputType } from '../../src-main/contract/dues'
import { createDueSearch } from '../../src-main/core/dues/search'
import { createSyncEngine } from '../../src-main/core/sync/engine'
import { clientFor } from '../helpers/backend'
import { CLI, MIGRATIONS, ROOT } from '../helpers/paths'
import { serve, simulateBackend } from '../helpers/processes'

const POSITIONS = Number(process.env.BENCH_POSITIONS ?? 100_000)
const DUES = Number(process.env.BENCH_DUES ?? 1_000_000)
const ONLY = process.env.BENCH_ONLY

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
  const { url, child } = await simulateBackend(['--data', dir, '--seed', String(POSITIONS)])
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

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function timeIt(work: () => unknown, runs = 15): number {
  work() // warm the statement cache and the pages
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    work()
    times.push(performance.now() - started)
  }
  return median(times)
}

/** RSS of a process, from /proc (Linux). */
function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024
}

async function benchStart(dataDir: string): Promise<Figure[]> {
  process.stderr.write('Avvio dell’host per browser sulla stessa cache…\n')
  const password = 'password-bench-123'
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'operators', 'add', '--data', dataDir, '--username', 'bench', '--name', 'Bench', '--role', 'amministratore'], { cwd: ROOT, stdio: ['pipe', 'ignore', 'inherit'] })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`operators add: ${code}`))))
    child.stdin.end(password)
  })
  const file = join(dataDir, 'sportello.db')
  // The floor: a Node process that opens the same cache and answers one query.
  const bare = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)}, { readonly: true });
    const r = db.prepare("SELECT count(*) AS n FROM positions_fts WHERE positions_fts MATCH 'rossi*'").get();
    process.stdout.write(JSON.stringify({ n: r.n, rss: process.memoryUsage().rss }))`
  const baseStarted = performance.now()
  const baseline = await new Promise<{ rss: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', bare], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { rss: number }) : reject(new Error(`baseline: ${code}`))))
  })
  const baseMs = performance.now() - baseStarted

  const started = performance.now()
  // An unreachable backend: the desk starts offline and the cache stays as it is.
  const served = await serve(['--data', dataDir, '--backend', 'http://127.0.0.1:9'], 300_000)
  const rpc = async (method: string, input: unknown, cookie?: string) => {
    const res = await fetch(`${served.origin}/rpc/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(input)
    })
    return (await res.json()) as { ok: boolean; value: { total?: number }; error?: { message: string } }
  }
  try {
    const login = await rpc('auth.login', { username: 'bench', password })
    if (!login.ok) throw new Error(`login: ${login.error?.message}`)
    const first = await rpc('dues.search', { text: 'rossi' })
    const firstMs = performance.now() - started
    if (!first.ok) throw new Error(`search: ${first.error?.message}`)
    for (const text of ['ross', 'bianchi', 'verbale', 'tari', 'mensa', 'rossi maria', '', 'esposito']) await rpc('dues.search', { text })
    const rss = rssBytes(served.child.pid!)
    return [
      {
        name: `Avvio fino alla prima ricerca (host per browser, cache di ${DUES.toLocaleString('it-IT')} dovuti)`,
        value: Math.round(firstMs),
        unit: 'ms',
        baseline: 'processo Node che apre la stessa cache e risponde a una query',
        baselineValue: Math.round(baseMs),
        ratio: Number((firstMs / baseMs).toPrecision(2)),
        note: `${first.value.total} risultati; comprende migrazioni, controllo della cache, pulizia dei dovuti chiusi e accesso`
      },
      {
        name: `Memoria del processo principale con ${DUES.toLocaleString('it-IT')} dovuti (dopo 10 ricerche)`,
        value: Math.round(rss / 1_048_576),
        unit: 'MB',
        baseline: 'lo stesso processo Node minimo',
        baselineValue: Math.round(baseline.rss / 1_048_576),
        ratio: Number((rss / baseline.rss).toPrecision(2)),
        note: 'RSS letto da /proc'
      }
    ]
  } finally {
    await served.stop()
  }
}

async function benchSearch(): Promise<Figure[]> {
  const work = mkdtempSync(join(tmpdir(), 'sportello-bench-'))
  try {
    const db = openDatabase(join(work, 'sportello.db'), { migrationsFolder: MIGRATIONS })
    process.stderr.write(`Cache con ${DUES.toLocaleString('it-IT')} dovuti…\n`)
    seedDemo(db.sqlite, { dues: DUES, seed: 11, onProgress: (done, total) => done % 100_000 === 0 && process.stderr.write(`  ${done}/${total}\n`) })
    db.sqlite.pragma('optimize')
    const search = createDueSearch(db.sqlite)
    const sample = db.sqlite.prepare("SELECT p.debtor_fiscal_code AS cf, o.nav FROM positions p JOIN payment_options o ON o.position_id = p.id WHERE p.id = ?").get(Math.floor(DUES / 2)) as { cf: string; nav: string }
    const spaced = sample.nav.replace(/(\d{4})(?=\d)/g, '$1 ')
    const likePage = db.sqlite.prepare(
      'SELECT id FROM positions WHERE debtor_name LIKE ? OR causale LIKE ? OR debtor_fiscal_code LIKE ? ORDER BY due_date DESC, id DESC LIMIT 25'
    )
    const likeCount = db.sqlite.prepare('SELECT count(*) FROM positions WHERE debtor_name LIKE ? OR causale LIKE ? OR debtor_fiscal_code LIKE ?')
    const likeNav = db.sqlite.prepare('SELECT position_id FROM payment_options WHERE nav LIKE ?')
    const likeRange = db.sqlite.prepare('SELECT id FROM positions WHERE status LIKE ? AND due_date LIKE ? ORDER BY due_date DESC LIMIT 25')
    const queries: { name: string; input: SearchDuesInputType; baseline: () => unknown }[] = [
      { name: 'cognome (prefisso, molto comune)', input: { text: 'ross' }, baseline: () => [likePage.all('%ross%', '%ross%', '%ross%'), likeCount.get('%ross%', '%ross%', '%ross%')] },
      { name: 'cognome e nome', input: { text: 'rossi maria' }, baseline: () => [likePage.all('%rossi maria%', '%rossi maria%', '%rossi maria%'), likeCount.get('%rossi maria%', '%rossi maria%', '%rossi maria%')] },
      { name: 'codice fiscale', input: { text: sample.cf }, baseline: () => [likePage.all(`%${sample.cf}%`, `%${sample.cf}%`, `%${sample.cf}%`), likeCount.get(`%${sample.cf}%`, `%${sample.cf}%`, `%${sample.cf}%`)] },
      { name: 'numero avviso con spazi', input: { text: spaced }, baseline: () => likeNav.all(`%${sample.nav}%`) },
      { name: 'parola della causale', input: { text: 'verbale' }, baseline: () => [likePage.all('%verbale%', '%verbale%', '%verbale%'), likeCount.get('%verbale%', '%verbale%', '%verbale%')] },
      { name: 'stato + intervallo di scadenze', input: { text: '', statuses: ['VALID'], dueFrom: '2026-03-01', dueTo: '2026-03-31' }, baseline: () => likeRange.all('%VALID%', '2026-03-%') }
    ]
    const figures = queries.map((q) => {
      const params = SearchDuesInput.parse({ ...q.input, pageSize: 25 })
      const ms = timeIt(() => search(params))
      const baseMs = timeIt(q.baseline, 5)
      return {
        name: `Ricerca su ${DUES.toLocaleString('it-IT')} dovuti: ${q.name}`,
        value: Number(ms.toFixed(2)),
        unit: 'ms (mediana)',
        baseline: "LIKE '%…%' sulla stessa tabella",
        baselineValue: Number(baseMs.toFixed(2)),
        ratio: Number((ms / baseMs).toPrecision(2)),
        note: `${search(params).total} risultati`
      }
    })
    db.close()
    figures.push(...(await benchStart(work)))
    return figures
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

async function benchNotices(): Promise<Figure[]> {
  const { renderNotice, renderNotices } = await import('../../src-main/core/notices/render')
  const QRCode = (await import('qrcode')).default
  const { launchChromium } = await import('../helpers/browser')
  const { formatNoticeNumber } = await import('../../src-main/contract/format')
  const { createRequire } = await import('node:module')
  const require = createRequire(__filename)
  const data = {
    subject: 'TARI 2026 - utenza domestica',
    ente: { name: 'Comune di Valdoria', fiscalCode: '00723456018', sector: 'Tributi', info: 'Piazza del Municipio 1 · tributi@comune.valdoria.it', cbill: 'A0VLD' },
    debtor: { fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSSI MARIO', address: 'Via Roma 1 00060 Valdoria RM' },
    single: { nav: '301000000000000144', amountCents: 15000, dueDate: '2026-12-31', installmentNo: 0 },
    installments: [],
    poste: null
  }
  const N = Number(process.env.BENCH_NOTICES ?? 40)
  await renderNotice(data)
  let started = performance.now()
  for (let i = 0; i < N; i++) await renderNotice({ ...data, single: { ...data.single, amountCents: 15000 + i } })
  const single = (performance.now() - started) / N
  started = performance.now()
  const batch = await renderNotices(Array.from({ length: N }, (_, i) => ({ ...data, single: { ...data.single, amountCents: 15000 + i } })))
  const batched = (performance.now() - started) / N

  // The same content as HTML: same fonts (the @fontsource files), QR as inline SVG.
  const font = (pkg: string, file: string) => 'file://' + require.resolve(`${pkg}/files/${file}`)
  const html = async (amount: number) => {
    const qr = await QRCode.toString(`PAGOPA|002|${data.single.nav}|${data.ente.fiscalCode}|${amount}`, { type: 'svg', errorCorrectionLevel: 'M', version: 4, margin: 2 })
    return `<!doctype html><html><head><meta charset="utf-8"><style>
      @font-face { font-family: T; src: url(${font('@fontsource/titillium-web', 'titillium-web-latin-400-normal.woff')}); }
      @font-face { font-family: T; font-weight: 700; src: url(${font('@fontsource/titillium-web', 'titillium-web-latin-700-normal.woff')}); }
      @font-face { font-family: M; src: url(${font('@fontsource/roboto-mono', 'roboto-mono-latin-400-normal.woff')}); }
      @page { size: A4; margin: 12mm } body { font-family: T; font-size: 10pt } h1 { font-size: 20pt } .m { font-family: M }
      .grey { background: #ececec; padding: 4mm } svg { width: 25mm; height: 25mm }
      </style></head><body><h1>Avviso di pagamento</h1><p>${data.subject}</p>
      <section><h2>Ente Creditore</h2><p><b>${data.ente.name}</b><br><span class="m">${data.ente.fiscalCode}</span><br>${data.ente.info}</p>
      <h2>Destinatario</h2><p><b>${data.debtor.fullName}</b><br><span class="m">${data.debtor.fiscalCode}</span><br>${data.debtor.address}</p></section>
      <section><h2>Quanto e quando pagare?</h2><p style="font-size:22pt"><b>${(amount / 100).toFixed(2).replace('.', ',')} Euro</b></p><p>entro il 31/12/2026</p></section>
      <section><h2>Dove pagare?</h2><p>PAGA CON L'APP IO oppure dal tuo Home Banking, con la tua app di pagamento o con gli altri canali abilitati.</p>
      <p>PAGA SUL TERRITORIO presso Banche e Sportelli ATM, negli Uffici Postali e Punti Postali, nei Bar, Edicole, Ricevitorie, Supermercati, Tabaccherie e altri Operatori Abilitati.</p></section>
      <section class="grey"><h2>Dati per il pagamento</h2>${qr}<p>Cod. CBILL <span class="m">${data.ente.cbill}</span> · Cod. Avviso <span class="m">${formatNoticeNumber(data.single.nav)}</span> · Cod. Fiscale Ente <span class="m">${data.ente.fiscalCode}</span></p></section>
      </body></html>`
  }
  const browser = await launchChromium()
  const page = await browser.newPage()
  await page.setContent(await html(15000), { waitUntil: 'load' })
  await page.pdf({ format: 'A4' })
  started = performance.now()
  let chromiumBytes = 0
  for (let i = 0; i < N; i++) {
    await page.setContent(await html(15000 + i), { waitUntil: 'load' })
    chromiumBytes = (await page.pdf({ format: 'A4', printBackground: true })).length
  }
  const chromium = (performance.now() - started) / N
  await browser.close()
  const pdfLibBytes = (await renderNotice(data)).length
  return [
    {
      name: 'Avvisi PDF (pdf-lib, un documento per avviso)',
      value: Math.round(1000 / single),
      unit: 'avvisi/s',
      baseline: 'lo stesso avviso da HTML a PDF con Chromium headless (pagina riusata)',
      baselineValue: Math.round(1000 / chromium),
      ratio: Number((single / chromium).toPrecision(2)),
      note: `${single.toFixed(1)} ms e ${Math.round(pdfLibBytes / 1024)} KB per avviso; Chromium ${chromium.toFixed(1)} ms e ${Math.round(chromiumBytes / 1024)} KB`
    },
    {
      name: 'Avvisi PDF (pdf-lib, stampa in blocco: font incorporati una volta)',
      value: Math.round(1000 / batched),
      unit: 'avvisi/s',
      baseline: 'Chromium headless come sopra',
      baselineValue: Math.round(1000 / chromium),
      ratio: Number((batched / chromium).toPrecision(2)),
      note: `${batched.toFixed(1)} ms per avviso; ${N} avvisi in ${Math.round(batch.length / 1024)} KB`
    }
  ]
}

async function main() {
  const figures: Figure[] = []
  if (!ONLY || ONLY === 'search') figures.push(...(await benchSearch()))
  if (!ONLY || ONLY === 'notices') figures.push(...(await benchNotices()))
  if (!ONLY || ONLY === 'sync') figures.push(await benchInitialSync())
  const machine = { node: process.version, cpus: (await import('node:os')).cpus().length, date: new Date().toISOString() }
  process.stdout.write(`${JSON.stringify({ machine, figures }, null, 2)}\n\n`)
  process.stdout.write('| misura | valore | riferimento nello stesso processo | rapporto (tempo misura / tempo riferimento) |\n|---|---|---|---|\n')
  for (const f of figures) process.stdout.write(`| ${f.name} | ${f.value.toLocaleString('it-IT')} ${f.unit} | ${f.baselineValue.toLocaleString('it-IT')} ${f.unit} (${f.baseline}) | ${f.ratio.toLocaleString('it-IT', { maximumSignificantDigits: 2 })}× |\n`)
  for (const f of figures) process.stdout.write(`\n${f.name}: ${f.note}\n`)
}

void main()
