// Numbered receipts for every payment taken at the desk: one sequence per year and desk, never a
// number twice — across SIGKILLs in the middle of numbering, across a cache file put back from an
// older copy and across the app's own restore — every gap recorded as skipped with why; and the
// receipt PDF, read back with pdftotext, says what the citizen paid, in figures and in words.
import { spawn, execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatCents, formatNoticeNumber } from '../../src-main/contract/format'
import { italian, message } from '../../src-main/contract/messages'
import { startCoreApp, type CoreApp } from '../../src-main/core/app'
import { backupCache } from '../../src-main/core/db/backups'
import { restoreBackup } from '../../src-main/core/db/cache-health'
import { openDatabase, type OpenedDatabase } from '../../src-main/core/db/open'
import { createOutbox } from '../../src-main/core/db/outbox'
import { createRandom } from '../../src-main/core/demo/random'
import { seedDemo } from '../../src-main/core/demo/seed'
import { recordDeskPayment } from '../../src-main/core/dues/desk-payment'
import { createDueCommands } from '../../src-main/core/dues/commands'
import { amountInWords } from '../../src-main/core/receipts/amount-in-words'
import { createReceiptBook, receiptReservationFile, romeYear } from '../../src-main/core/receipts/numbering'
import { saveIdentity } from '../../src-main/core/settings/cache-identity'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { TEST_TODAY } from '../helpers/demo-db'
import { MIGRATIONS, ROOT, tempDir } from '../helpers/paths'
import { captureTcp } from '../helpers/escpos-capture'
import { decodeEscPos, endsWithCut, printedText } from '../helpers/escpos-decode'

const SKIPPED = italian(message('receipts.skippedReserved'))
const dirs: { cleanup: () => void }[] = []
afterAll(() => dirs.forEach((d) => d.cleanup()))

/** A demo cache in its own data folder (desk number 1), opened and reopened by path. */
function demoFolder(dues = 120) {
  const folder = tempDir('sportello-receipts-')
  dirs.push(folder)
  const file = join(folder.dir, 'sportello.db')
  const first = openDatabase(file, { migrationsFolder: MIGRATIONS })
  seedDemo(first.sqlite, { dues, seed: 11, today: TEST_TODAY })
  saveIdentity(createSettingsStore(first.sqlite), { mode: 'demo', boundAt: TEST_TODAY.toISOString() })
  first.close()
  return { dir: folder.dir, file, open: () => openDatabase(file, { migrationsFolder: MIGRATIONS }) }
}

const unpaidNavs = (db: OpenedDatabase) =>
  db.sqlite.prepare("SELECT o.nav FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE p.status = 'VALID' AND o.status = 'PO_UNPAID' AND o.is_partial_payment = 0 ORDER BY o.id").pluck().all() as string[]

/** Pays the next unpaid dues through the desk's own command (cash), as the due's page does. */
function pay(db: OpenedDatabase, dataDir: string, n: number): number[] {
  const commands = createDueCommands({ sqlite: db.sqlite, settings: createSettingsStore(db.sqlite), dataDir, operator: () => 'Operatore di prova', today: () => '2026-11-27' })
  return unpaidNavs(db)
    .slice(0, n)
    .map((nav) => {
      commands.registerPayment({ nav, paidOn: '2026-11-27', channel: 'contanti' })
      return db.sqlite.prepare('SELECT r.number FROM receipts r JOIN desk_payments d ON d.id = r.desk_payment_id JOIN payment_options o ON o.id = d.option_id WHERE o.nav = ?').pluck().get(nav) as number
    })
}

const numbers = (db: OpenedDatabase, table: 'receipts' | 'receipt_skips', year: number, desk = 1) =>
  db.sqlite.prepare(`SELECT number FROM ${table} WHERE year = ? AND desk_number = ? ORDER BY number`).pluck().all(year, desk) as number[]
const skips = (db: OpenedDatabase, year: number, desk = 1) =>
  db.sqlite.prepare('SELECT number, reason FROM receipt_skips WHERE year = ? AND desk_number = ? ORDER BY number').all(year, desk) as { number: number; reason: string }[]

/** Every number from 1 to the last is either a receipt or a recorded skip, never both. */
function expectAuditable(db: OpenedDatabase, year: number) {
  const used = numbers(db, 'receipts', year)
  const skipped = numbers(db, 'receipt_skips', year)
  expect(used.filter((n) => skipped.includes(n))).toEqual([])
  const all = [...used, ...skipped].sort((a, b) => a - b)
  expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1))
}

describe('receipt numbers', () => {
  it('run 1, 2, 3… per Europe/Rome year and per desk number', () => {
    const folder = demoFolder()
    const db = folder.open()
    const settings = createSettingsStore(db.sqlite)
    let now = new Date('2026-12-31T22:30:00Z') // 23:30 in Rome: still 2026
    const book = createReceiptBook({ sqlite: db.sqlite, settings, reservationFile: receiptReservationFile(folder.dir), now: () => now })
    const outbox = createOutbox(db.sqlite)
    const issue = () => {
      const option = db.sqlite.prepare("SELECT o.id, o.position_id AS positionId, p.iupd, o.nav, o.amount_cents AS amountCents FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE p.status = 'VALID' AND o.status = 'PO_UNPAID' AND o.is_partial_payment = 0 LIMIT 1").get() as { id: number; positionId: number; iupd: string; nav: string; amountCents: number }
      db.sqlite.transaction(() => recordDeskPayment(db.sqlite, outbox, { ...option, optionId: option.id, isPartialPayment: false, channel: 'assegno', paidAt: now.toISOString(), reference: 'ASS 0012345', operator: 'Operatore di prova', note: null, pspCompany: 'Sportello' }, book))()
      return db.sqlite.prepare('SELECT year, desk_number AS desk, number FROM receipts ORDER BY id DESC LIMIT 1').get()
    }
    expect([issue(), issue(), issue()]).toEqual([1, 2, 3].map((number) => ({ year: 2026, desk: 1, number })))
    now = new Date('2026-12-31T23:30:00Z') // 00:30 on 1 January in Rome
    expect(romeYear(now)).toBe(2027)
    expect(issue()).toEqual({ year: 2027, desk: 1, number: 1 })
    settings.set('desk', { number: 5, name: 'Sportello anagrafe' })
    expect([issue(), issue()]).toEqual([1, 2].map((number) => ({ year: 2027, desk: 5, number })))
    settings.set('desk', { number: 1, name: 'Sportello 1' })
    expect(issue()).toEqual({ year: 2027, desk: 1, number: 2 })
    expect(db.sqlite.prepare('SELECT count(*) FROM receipt_skips').pluck().get()).toBe(0)
    db.close()
  })

  it('never repeat across SIGKILLs in the middle of numbering; every number lost to a kill is recorded as skipped', async () => {
    const folder = demoFolder(300)
    const worker = join(ROOT, 'test', 'helpers', 'receipt-worker.ts')
    const run = (count: number, pauseMs: number, killAfterMs: number | null) =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', worker, folder.dir, String(count), String(pauseMs)], { cwd: ROOT })
        let out = ''
        child.stdout.on('data', (d: Buffer) => (out += d.toString()))
        child.stderr.on('data', (d: Buffer) => (out += d.toString()))
        // The kill is timed from the moment the desk is ready (starting it takes a varying while).
        let timer: NodeJS.Timeout | null = null
        child.stdout.once('data', () => {
          if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
        })
        child.on('exit', () => {
          if (timer) clearTimeout(timer)
          resolve(out)
        })
      })
    const rng = createRandom(1212)
    const reserved: number[] = []
    const issued: number[] = []
    const collect = (out: string) => {
      for (const m of out.matchAll(/^reserved (\d+)$/gm)) reserved.push(Number(m[1]))
      for (const m of out.matchAll(/^issued (\d+)$/gm)) issued.push(Number(m[1]))
    }
    for (let i = 0; i < 10; i++) collect(await run(50, 40, 100 + rng.int(0, 800)))
    const final = await run(2, 0, null)
    collect(final)
    expect(final).toMatch(/^issued \d+$/m)

    const db = folder.open()
    const year = romeYear(new Date())
    const used = numbers(db, 'receipts', year)
    // Nothing handed out twice: each reservation became one receipt or one recorded skip.
    expect(new Set(reserved).size).toBe(reserved.length)
    for (const n of issued) expect(used).toContain(n)
    const lost = reserved.filter((n) => !used.includes(n))
    // The kills did land between a reservation and its commit.
    expect(lost.length).toBeGreaterThan(0)
    // A kill may also land after the file is written and before the worker says so: such a number is skipped too.
    const skipped = skips(db, year)
    expect(skipped.map((s) => s.number)).toEqual(expect.arrayContaining(lost))
    expect(skipped.every((s) => s.reason === SKIPPED && !issued.includes(s.number))).toBe(true)
    expectAuditable(db, year)
    // Every receipt belongs to a recorded payment, and every cash payment has its receipt.
    expect(db.sqlite.prepare("SELECT count(*) FROM desk_payments d LEFT JOIN receipts r ON r.desk_payment_id = d.id WHERE r.id IS NULL").pluck().get()).toBe(0)
    db.close()
  }, 180_000)

  it('never repeat after the cache file is put back from an older copy, nor after the app restores a backup', async () => {
    const folder = demoFolder()
    const year = romeYear(new Date())
    let db = folder.open()
    expect(pay(db, folder.dir, 3)).toEqual([1, 2, 3])
    db.close()
    const copy = join(folder.dir, 'copia-a-mano.db')
    copyFileSync(folder.file, copy)
    db = folder.open()
    expect(pay(db, folder.dir, 4)).toEqual([4, 5, 6, 7])
    db.close()
    // The cache file alone goes back to the older copy: 4-7 were given, the cache no longer knows.
    for (const suffix of ['-wal', '-shm']) rmSync(folder.file + suffix, { force: true })
    copyFileSync(copy, folder.file)
    db = folder.open()
    expect(numbers(db, 'receipts', year)).toEqual([1, 2, 3])
    expect(pay(db, folder.dir, 1)).toEqual([8])
    expect(skips(db, year)).toEqual([4, 5, 6, 7].map((number) => ({ number, reason: SKIPPED })))
    expectAuditable(db, year)

    // The app's own backup and restore: the payments made since the backup wait for GPD, so the
    // restore salvages them with their receipts; numbering goes on above them.
    const backups = join(folder.dir, 'copie')
    const backup = await backupCache(db.sqlite, backups)
    expect(pay(db, folder.dir, 2)).toEqual([9, 10])
    db.close()
    restoreBackup(folder.file, backup.file, { migrationsFolder: MIGRATIONS })
    db = folder.open()
    expect(numbers(db, 'receipts', year)).toEqual([1, 2, 3, 8, 9, 10])
    expect(pay(db, folder.dir, 1)).toEqual([11])
    expect(numbers(db, 'receipt_skips', year)).toEqual([4, 5, 6, 7])
    expectAuditable(db, year)

    // A due removed from the cache takes its receipts with it; their numbers stay in the sequence.
    const gone = db.sqlite.prepare('SELECT p.id, r.number FROM receipts r JOIN desk_payments d ON d.id = r.desk_payment_id JOIN payment_options o ON o.id = d.option_id JOIN positions p ON p.id = o.position_id WHERE r.number = 11').get() as { id: number; number: number }
    const { deleteCachedPosition } = await import('../../src-main/core/db/delete-position')
    db.sqlite.transaction(() => deleteCachedPosition(db.sqlite, gone.id))()
    expect(skips(db, year).at(-1)).toEqual({ number: 11, reason: italian(message('receipts.removedWithDue')) })
    expect(pay(db, folder.dir, 1)).toEqual([12])
    expectAuditable(db, year)
    db.close()
  }, 60_000)
})

describe('the receipt through the services', () => {
  const data = tempDir('sportello-receipts-app-')
  const printed: Uint8Array[] = []
  let app: CoreApp
  const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const result = await app.dispatch(method, input)
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`)
    return result.value as T
  }
  const text = (pdf: Uint8Array) => {
    const dir = mkdtempSync(join(tmpdir(), 'sportello-receipt-pdf-'))
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf)
      return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  beforeAll(async () => {
    app = await startCoreApp({
      dataDir: data.dir,
      resourcesDir: join(ROOT, 'resources'),
      version: 'test',
      demo: true,
      backgroundSync: false,
      printSystem: async () => ({
        list: async () => [{ name: 'Prova', isDefault: true, state: 'idle' }],
        printPdf: async (file) => {
          printed.push(new Uint8Array(readFileSync(file)))
          return { jobId: String(printed.length) }
        }
      })
    })
    // The embedded demo's dues reach the cache through the sync, as on a desk.
    await call('sync.run', { full: true })
  }, 120_000)
  afterAll(async () => {
    await app.close()
    data.cleanup()
  })

  it('numbers a cheque and a POS payment, and the PDF says it all; a second output is a copy, counted', async () => {
    const found = await call<{ rows: { iupd: string; status: string }[] }>('dues.search', { text: '', status: 'pending', pageSize: 50 })
    const [first, second] = found.rows.filter((r) => r.status === 'VALID')
    if (!second) throw new Error(JSON.stringify(found).slice(0, 500))
    const due = await call<{ iupd: string; causale: string; options: { nav: string; amountCents: number; isPartialPayment: boolean; status: string }[] }>('dues.get', { iupd: first!.iupd })
    const option = due.options.find((o) => !o.isPartialPayment && o.status === 'PO_UNPAID')!
    await call('dues.registerPayment', { nav: option.nav, paidOn: new Date().toISOString().slice(0, 10), channel: 'assegno', reference: 'Assegno n. 0012345678' })
    const [receipt, ...others] = await call<{ id: number; number: number; year: number; title: string; printed: boolean; reprints: number; channel: string }[]>('receipts.ofDue', { iupd: due.iupd })
    expect(others).toEqual([])
    const year = romeYear(new Date())
    expect(receipt).toMatchObject({ number: 1, year, title: `Ricevuta n. 1/${year} – Sportello 1`, printed: false, reprints: 0, channel: 'assegno' })

    const original = await call<{ filename: string; base64: string; copy: boolean }>('receipts.pdf', { id: receipt!.id })
    expect(original.copy).toBe(false)
    const said = text(Buffer.from(original.base64, 'base64')).replace(/\s+/g, ' ')
    for (const expected of [`Ricevuta n. 1/${year} – Sportello 1`, formatCents(option.amountCents), amountInWords(option.amountCents), formatNoticeNumber(option.nav), 'Assegno', 'Assegno n. 0012345678', 'Comune di Valdoria']) expect(said).toContain(expected.replace(/\s+/g, ' '))
    // The causale may wrap across lines: compare without spacing.
    expect(said.replace(/ /g, '')).toContain(due.causale.replace(/\s+/g, ''))
    expect(said).not.toContain('COPIA')

    await call('printers.choose', { name: 'Prova' })
    const reprint = await call<{ copy: boolean; receipt: { reprints: number; printed: boolean } }>('receipts.print', { id: receipt!.id })
    expect(reprint).toMatchObject({ copy: true, receipt: { printed: true, reprints: 1 } })
    expect(printed).toHaveLength(1)
    expect(text(printed[0]!)).toContain('COPIA')
    const history = await call<{ history: { action: string; reason: string | null }[] }>('dues.get', { iupd: due.iupd })
    expect(history.history.filter((h) => h.action === 'receipt').map((h) => h.reason)).toEqual(expect.arrayContaining([`Ricevuta n. 1/${year} – Sportello 1 (originale) scaricata in PDF`, `Copia della Ricevuta n. 1/${year} – Sportello 1 stampata su Prova (lavoro 1)`]))

    // The integrated POS: its receipt is number 2, with the terminal's STAN as reference.
    const other = await call<{ options: { nav: string; isPartialPayment: boolean; status: string }[] }>('dues.get', { iupd: second!.iupd })
    const outcome = await call<{ state: string; stan: string | null }>('pos.pay', { nav: other.options.find((o) => !o.isPartialPayment && o.status === 'PO_UNPAID')!.nav })
    expect(outcome.state).toBe('approved')
    const [pos] = await call<{ id: number; number: number; channel: string; reference: string }[]>('receipts.ofDue', { iupd: second!.iupd })
    expect(pos).toMatchObject({ number: 2, channel: 'pos-integrato', reference: expect.stringContaining(`STAN ${outcome.stan}`) })
    const posPdf = text(Buffer.from((await call<{ base64: string }>('receipts.pdf', { id: pos!.id })).base64, 'base64'))
    expect(posPdf).toContain('POS integrato')
    expect(posPdf).toContain(`STAN ${outcome.stan}`)
    expect(existsSync(join(data.dir, 'receipt-reservation.json'))).toBe(true)

    // With a receipt printer set up, "Stampa" goes to it (ESC/POS), a copy like any later output.
    const thermal = await captureTcp()
    try {
      await call('receiptPrinter.save', { mode: 'network', host: thermal.host, port: thermal.port })
      const onThermal = await call<{ printer: string; copy: boolean; receipt: { reprints: number } }>('receipts.print', { id: pos!.id })
      expect(onThermal).toMatchObject({ printer: `stampante per ricevute 127.0.0.1:${thermal.port}`, copy: true })
      const decoded = decodeEscPos(await thermal.nextJob())
      expect(endsWithCut(decoded)).toBe(true)
      const paper = printedText(decoded).join('\n')
      for (const expected of [`Ricevuta n. 2/${year}`, 'COPIA', 'POS integrato', `STAN ${outcome.stan}`, formatNoticeNumber(other.options.find((o) => !o.isPartialPayment)!.nav)]) expect(paper).toContain(expected)
      // The desk's A4 printer stays available on request.
      const onDesk = await call<{ printer: string }>('receipts.print', { id: pos!.id, on: 'desk' })
      expect(onDesk.printer).toBe('Prova')
      expect(printed).toHaveLength(2)
    } finally {
      await thermal.close()
    }
  }, 60_000)
})
