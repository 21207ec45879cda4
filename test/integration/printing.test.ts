// Printing through a real CUPS queue whose backend (cups-pdf) writes each job as a PDF file:
// the notice that comes out must still carry its QR code. .ci/run creates the queue.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { italian } from '../../src-main/contract/messages'
import { createNoticeService } from '../../src-main/core/notices/notice-service'
import { createCupsPrintSystem } from '../../src-main/core/printing/cups'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { openDemoDatabase } from '../helpers/demo-db'
import { decodePdf } from '../helpers/pdf'
import { tempDir } from '../helpers/paths'

const QUEUE = process.env.SPORTELLO_TEST_PRINTER ?? 'SportelloPDF'
const OUTPUT = join(homedir(), 'PDF')
const db = openDemoDatabase(200)
const data = tempDir()
afterAll(() => {
  db.cleanup()
  data.cleanup()
})
const settings = createSettingsStore(db.sqlite)
const service = createNoticeService({ sqlite: db.sqlite, settings, dataDir: data.dir, printSystem: async () => createCupsPrintSystem(), operator: () => 'Operatore di prova' })
const payable = () => db.sqlite.prepare("SELECT iupd FROM positions WHERE status = 'VALID' LIMIT 5").pluck().all() as string[]

/** Files cups-pdf wrote since the given time, once they stop growing (it writes them in steps). */
async function waitForOutput(since: number, count: number): Promise<string[]> {
  let sizes = ''
  for (let i = 0; i < 100; i++) {
    const files = existsSync(OUTPUT) ? readdirSync(OUTPUT).map((f) => join(OUTPUT, f)).filter((f) => statSync(f).mtimeMs >= since) : []
    const now = files.map((f) => statSync(f).size).join(',')
    if (files.length >= count && now === sizes && !now.split(',').includes('0')) return files
    sizes = now
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`nessun file stampato in ${OUTPUT}`)
}

describe('printing on the desk printer (CUPS)', () => {
  it('lists the queue and prints a notice that still reads back', async () => {
    const { printers } = await service.printers()
    expect(printers.map((p) => p.name)).toContain(QUEUE)
    const [iupd] = payable()
    const since = Date.now() - 1000
    const job = await service.print(iupd!, QUEUE)
    expect(job).toMatchObject({ printer: QUEUE, jobId: expect.stringMatching(new RegExp(`^${QUEUE}-\\d+$`)) })
    const [printed] = await waitForOutput(since, 1)
    const decoded = decodePdf(new Uint8Array(readFileSync(printed!)))
    const nav = db.sqlite.prepare('SELECT o.nav FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE p.iupd = ? ORDER BY installment_no LIMIT 1').pluck().get(iupd) as string
    expect(decoded.qr[0]).toMatch(new RegExp(`^PAGOPA\\|002\\|${nav}\\|00723456018\\|\\d+$`))
    expect(db.sqlite.prepare("SELECT reason FROM audit_log WHERE entity_key = ? AND action = 'print'").pluck().get(iupd)).toContain(QUEUE)
    // Nothing is left behind in the app's folder.
    expect(readdirSync(join(data.dir, 'stampa'))).toEqual([])
  })

  it('prints many notices with progress, and names the one that failed', async () => {
    const iupds = [...payable().slice(1, 3), 'NON-ESISTE']
    const progress: number[] = []
    const result = await service.printMany(iupds, QUEUE, (done) => progress.push(done))
    expect(progress).toEqual([1, 2, 3])
    expect(result.printed).toBe(2)
    expect(result.failed).toEqual([{ iupd: 'NON-ESISTE', message: { key: 'notices.dueNotFound', params: { iupd: 'NON-ESISTE' } } }])
    expect(italian(result.failed[0]!.message)).toBe('Dovuto NON-ESISTE non trovato.')
  })

  it('says clearly when the printer does not exist, and when none was chosen', async () => {
    const [iupd] = payable()
    await expect(service.print(iupd!, 'StampanteCheNonCe')).rejects.toThrow(/La stampante "StampanteCheNonCe" non esiste su questa postazione\. Stampanti disponibili: .*SportelloPDF/)
    await expect(service.print(iupd!, 'x; touch /tmp/pwned')).rejects.toThrow(/non esiste/)
    expect(existsSync('/tmp/pwned')).toBe(false)
    await expect(service.print(iupd!)).rejects.toThrow('Nessuna stampante scelta per questo sportello')
    service.choosePrinter(QUEUE)
    await expect(service.print(iupd!)).resolves.toMatchObject({ printer: QUEUE })
  })
})
