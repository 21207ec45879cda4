// The receipt printer (ESC/POS, 80 mm) against capturing test printers: on TCP (as a print server's
// port 9100) and at the far end of a real pty pair (socat), as a serial/USB printer. The bytes
// are decoded back to text and commands: the lines as printed, accented letters and € included,
// and a cut at the end. Then every way of failing, in Italian.
import { execFileSync } from 'node:child_process'
import { closeSync, openSync, readSync } from 'node:fs'
import { createServer, type Socket } from 'node:net'
import { join } from 'node:path'
import { SerialPort } from 'serialport'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src-main/contract/errors'
import { italian } from '../../src-main/contract/messages'
import type { ReceiptPrinterSettings } from '../../src-main/contract/receipt-printer'
import { openDatabase } from '../../src-main/core/db/open'
import { sendToPrinter } from '../../src-main/core/printing/receipt-printer/link'
import { printReceiptEscPos, printTestPage, renderEscPos, testPageLines } from '../../src-main/core/printing/receipt-printer/receipt-printer'
import type { ReceiptDocument } from '../../src-main/core/receipts/receipt-data'
import { receiptPrinterServices } from '../../src-main/core/services/receipt-printer'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { capturePty, captureTcp, type CapturingPrinter } from '../helpers/escpos-capture'
import { decodeEscPos, endsWithCut, printedText, type DecodedEscPos, type EscPosLine } from '../helpers/escpos-decode'
import { MIGRATIONS, tempDir } from '../helpers/paths'

const NOW = new Date('2026-11-30T09:15:00Z') // 10:15 in Rome
const COLUMNS = 48

const RECEIPT: ReceiptDocument = {
  id: 1,
  number: 12,
  year: 2026,
  ente: { name: 'Comune di Valdoria', fiscalCode: '00123456789' },
  desk: { number: 3, name: 'Sportello anagrafe' },
  operator: 'Niccolò Bernardi',
  issuedAt: '2026-11-30T09:15:00Z',
  paidAt: '2026-11-30',
  iupd: 'VLD-2026-000123',
  nav: '301000000000012345',
  causale: 'Diritti di segreteria – certificato di residenza, città di Valdoria, più bollo',
  debtor: { name: 'Lucía Perù', fiscalCode: 'PRELCU80A41H501X' },
  amountCents: 123456,
  amountInWords: 'milleduecentotrentaquattro/56 euro',
  channel: 'assegno',
  channelLabel: 'Assegno',
  reference: 'N. 0004567 Banca d’Italia',
  copy: false,
  reprints: 0
}

let cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

async function printer(kind: 'tcp' | 'pty'): Promise<{ capture: CapturingPrinter; settings: ReceiptPrinterSettings }> {
  const capture = kind === 'tcp' ? await captureTcp() : await capturePty()
  cleanup.push(() => capture.close())
  const settings: ReceiptPrinterSettings =
    kind === 'tcp' ? { mode: 'network', host: capture.host, port: capture.port, columns: COLUMNS } : { mode: 'serial', path: capture.path, baudRate: 9600, columns: COLUMNS }
  return { capture, settings }
}

/** The line whose trimmed text is `text`. */
const lineOf = (decoded: DecodedEscPos, text: string) => decoded.lines.find((l) => l.text.replace(/\u00a0/g, ' ').trim() === text)
/** Centred on the roll: as many columns free before the text as after it, give or take one. */
function isCentred(line: EscPosLine | undefined, columns: number): boolean {
  if (!line) return false
  const after = columns - line.used
  return line.lead > 0 && Math.abs(line.lead - after) <= 1
}
/** The printed text as one string, wrapped lines joined. */
const joined = (decoded: DecodedEscPos) => printedText(decoded).join(' ')

function expectWellFormed(decoded: DecodedEscPos): void {
  expect(decoded.commands[0]).toMatchObject({ name: 'init' })
  expect(decoded.commands.filter((c) => c.name === 'unknown')).toEqual([])
  // Code page 858 (Epson's 19): the Italian letters and €.
  expect(decoded.commands.filter((c) => c.name === 'codepage').map((c) => c.args[0])).toContain(19)
  expect(endsWithCut(decoded)).toBe(true)
  expect(decoded.commands.filter((c) => c.name === 'cut')).toHaveLength(1)
  // Fed before the cut, so the last line clears the cutter.
  const cut = decoded.commands.findIndex((c) => c.name === 'cut')
  expect(decoded.commands.slice(cut - 4, cut).map((c) => c.name)).toEqual(['feed', 'feed', 'feed', 'feed'])
}

describe.each(['tcp', 'pty'] as const)('the receipt printer over %s', (kind) => {
  it('prints the test page: the ente bold and centred, the date, àèéìòù € as such, then a cut', async () => {
    const { capture, settings } = await printer(kind)
    const said = await printTestPage(settings, 'Comune di Valdoria', NOW)
    expect(italian(said)).toMatch(/^Pagina di prova inviata alla stampante per ricevute (127\.0\.0\.1:\d+|.+\/ecr \(9600 baud\)): controllare/)
    const bytes = await capture.nextJob()
    const decoded = decodeEscPos(bytes)
    expectWellFormed(decoded)
    expect(printedText(decoded)).toEqual([
      'Comune di Valdoria',
      'Stampa di prova',
      'Data: 30/11/2026, 10:15',
      'Lettere accentate: àèéìòù €',
      `Caratteri per riga: ${COLUMNS}`,
      '1234567890'.repeat(5).slice(0, COLUMNS),
      'Fine della prova'
    ])
    const ente = lineOf(decoded, 'Comune di Valdoria')!
    expect(ente.bold).toBe(true)
    expect(isCentred(ente, COLUMNS)).toBe(true)
    // The title is large (double width and height), centred all the same.
    expect(lineOf(decoded, 'Stampa di prova')).toMatchObject({ bold: true, width: 2, height: 2, used: COLUMNS - 9 })
    expect(isCentred(lineOf(decoded, 'Stampa di prova'), COLUMNS)).toBe(true)
    expect(lineOf(decoded, 'Lettere accentate: àèéìòù €')).toMatchObject({ bold: false, width: 1 })
    // Independently of any table: CP858's bytes for à è é ì ò ù, a space, €.
    expect(bytes.includes(Buffer.from([0x85, 0x8a, 0x82, 0x8d, 0x95, 0x97, 0x20, 0xd5]))).toBe(true)
  })

  it('prints a receipt: header, the amount large, every field, long lines wrapped, then a cut', async () => {
    const { capture, settings } = await printer(kind)
    await printReceiptEscPos(settings, RECEIPT)
    const decoded = decodeEscPos(await capture.nextJob())
    expectWellFormed(decoded)
    const text = printedText(decoded)
    expect(text.slice(0, 2)).toEqual(['Comune di Valdoria', 'C.F. 00123456789'])
    expect(lineOf(decoded, 'Comune di Valdoria')).toMatchObject({ bold: true })
    expect(isCentred(lineOf(decoded, 'Comune di Valdoria'), COLUMNS)).toBe(true)
    // The title, large, wraps within 24 double-width columns; the en dash is printed as "-".
    expect(lineOf(decoded, 'Ricevuta n. 12/2026 -')).toMatchObject({ bold: true, width: 2, height: 2 })
    expect(lineOf(decoded, 'Sportello 3')).toMatchObject({ bold: true, width: 2 })
    expect(lineOf(decoded, 'Importo: 1.234,56 €')).toMatchObject({ bold: true, width: 2, height: 2 })
    expect(text).toContain('(milleduecentotrentaquattro/56 euro)')
    const all = joined(decoded)
    for (const field of [
      'Data e ora: 30/11/2026, 10:15',
      'Debitore: Lucía Perù (PRELCU80A41H501X)',
      'Causale: Diritti di segreteria - certificato di residenza, città di Valdoria, più bollo',
      'Numero avviso: 3010 0000 0000 0123 45',
      'Codice dovuto (IUPD): VLD-2026-000123',
      'Canale: Assegno',
      "Numero assegno: N. 0004567 Banca d'Italia",
      'Sportello: 3 - Sportello anagrafe',
      'Operatore: Niccolò Bernardi'
    ]) {
      expect(all).toContain(field)
    }
    // Nothing runs past the roll's width.
    for (const line of decoded.lines) expect(line.used, line.text).toBeLessThanOrEqual(COLUMNS)
    // Nothing the code page lacks became "?".
    expect(all).not.toContain('?')
    expect(all.endsWith('Pagamento ricevuto allo sportello e registrato sul dovuto indicato. Conservare la ricevuta.')).toBe(true)
  })
})

describe('what the operator reads when the printer cannot print', () => {
  const failure = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }

  it('no printer set up', async () => {
    const error = await failure(printTestPage({ mode: 'none' }, 'Comune di Valdoria'))
    expect(error.said.key).toBe('receiptPrinter.notConfigured')
    expect(error.message).toBe('Nessuna stampante per ricevute configurata: sceglierla in Impostazioni › Stampa.')
  })

  it('a network printer that refuses the connection', async () => {
    const server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as { port: number }).port
    await new Promise<void>((r) => server.close(() => r()))
    const error = await failure(printReceiptEscPos({ mode: 'network', host: '127.0.0.1', port, columns: 48 }, RECEIPT))
    expect(error.said.key).toBe('receiptPrinter.unreachable')
    expect(error.message).toBe(`La stampante per ricevute 127.0.0.1:${port} non è raggiungibile: la stampante rifiuta la connessione (porta sbagliata?). Controllare che sia accesa e collegata.`)
  })

  it('a printer that takes no bytes: a timeout, not a hang', async () => {
    // A print server that accepts the connection and never reads (out of paper, jammed).
    const held: Socket[] = []
    const server = createServer({ pauseOnConnect: true }, (socket) => void held.push(socket))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    cleanup.push(
      () =>
        new Promise<void>((r) => {
          for (const socket of held) socket.destroy()
          server.close(() => r())
        })
    )
    const port = (server.address() as { port: number }).port
    const started = Date.now()
    const error = await failure(sendToPrinter({ mode: 'network', host: '127.0.0.1', port, columns: 48 }, new Uint8Array(64 * 1024 * 1024), { writeTimeoutMs: 800 }))
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(error.said.key).toBe('receiptPrinter.timeout')
    expect(error.message).toBe(`La stampante per ricevute 127.0.0.1:${port} non risponde: controllare che sia accesa, collegata e con la carta.`)
  }, 15_000)

  it('a serial port held by another program, and one that does not exist', async () => {
    const { settings } = await printer('pty')
    if (settings.mode !== 'serial') throw new Error('pty atteso')
    const holder = new SerialPort({ path: settings.path, baudRate: 9600, autoOpen: false })
    await new Promise<void>((resolve, reject) => holder.open((e) => (e ? reject(e) : resolve())))
    cleanup.push(() => new Promise<void>((r) => holder.close(() => r())))
    const busy = await failure(printTestPage(settings, 'Comune di Valdoria'))
    expect(busy.said.key).toBe('receiptPrinter.portBusy')
    expect(busy.message).toBe(`La porta ${settings.path} è già in uso da un altro programma: chiuderlo e riprovare.`)

    const missing = await failure(printTestPage({ ...settings, path: '/dev/ttyNONESISTENTE9' }, 'Comune di Valdoria'))
    expect(missing.said.key).toBe('receiptPrinter.portMissing')
    expect(missing.message).toContain('La porta /dev/ttyNONESISTENTE9 non esiste su questa postazione')
  })

  it('a USB printer-class device (not a serial line, like /dev/usb/lp0) is written as a file', async () => {
    const dir = tempDir()
    cleanup.push(dir.cleanup)
    const device = join(dir.dir, 'lp0')
    execFileSync('mkfifo', [device])
    // Held open for reading and writing: the serial probe opens and closes the device before the
    // page is written, which a plain reader would take for the end of the data (and the write
    // that follows would then meet a closed pipe). The page fits the pipe's buffer.
    const fd = openSync(device, 'r+')
    cleanup.push(() => closeSync(fd))
    await printTestPage({ mode: 'serial', path: device, baudRate: 9600, columns: 48 }, 'Comune di Valdoria', NOW)
    const buffer = Buffer.alloc(1 << 20)
    const decoded = decodeEscPos(buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, null)))
    expectWellFormed(decoded)
    expect(printedText(decoded)).toContain('Lettere accentate: àèéìòù €')
  })
})

describe('receiptPrinter.* services', () => {
  it('save and read back the settings, and the test reports an unreachable printer in words', async () => {
    const dir = tempDir()
    const db = openDatabase(join(dir.dir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
    cleanup.push(dir.cleanup, () => db.close())
    const settings = createSettingsStore(db.sqlite)
    settings.set('ente', { name: 'Comune di Valdoria' })
    const services = receiptPrinterServices({ sqlite: db.sqlite, settings, sessions: { operatorName: () => 'Mario Rossi' } })

    expect((await services['receiptPrinter.settings']()).settings).toEqual({ mode: 'none' })
    const { capture, settings: network } = await printer('tcp')
    const saved = await services['receiptPrinter.save'](network)
    expect(saved.settings).toEqual(network)
    expect(italian(saved.printer)).toBe(`stampante per ricevute 127.0.0.1:${capture.port}`)
    expect((await services['receiptPrinter.settings']()).settings).toEqual(network)
    const audit = db.sqlite.prepare("SELECT operator, entity_key AS key FROM audit_log WHERE entity_key = 'receiptPrinter'").all()
    expect(audit).toEqual([{ operator: 'Mario Rossi', key: 'receiptPrinter' }])

    const ok = await services['receiptPrinter.test'](network)
    expect(ok.ok).toBe(true)
    expect(printedText(decodeEscPos(await capture.nextJob()))[0]).toBe('Comune di Valdoria')

    await capture.close()
    const refused = await services['receiptPrinter.test'](network)
    expect(refused.ok).toBe(false)
    expect(refused.message.key).toBe('receiptPrinter.unreachable')
    expect(italian(refused.message)).toContain('non è raggiungibile: la stampante rifiuta la connessione')
  })
})

describe('the decoder sees what would be wrong on paper', () => {
  const page = () => renderEscPos(testPageLines('Comune di Valdoria', NOW, COLUMNS), { columns: COLUMNS })

  it('a receipt without its cut, or with text after it', () => {
    const bytes = page()
    expect(endsWithCut(decodeEscPos(bytes))).toBe(true)
    const cut = Buffer.from(bytes).indexOf(Buffer.from([0x1d, 0x56]))
    expect(endsWithCut(decodeEscPos(Buffer.concat([bytes.subarray(0, cut), bytes.subarray(cut + 3)])))).toBe(false)
    expect(endsWithCut(decodeEscPos(Buffer.concat([bytes, Buffer.from('dopo il taglio\n')])))).toBe(false)
  })

  it('accented letters in another code page, and a command it does not know', () => {
    // The same bytes announced as code page 437 (ESC t 0): the euro sign is lost.
    const bytes = Buffer.from(page())
    const select = bytes.indexOf(Buffer.from([0x1b, 0x74, 19]))
    bytes[select + 2] = 0
    expect(printedText(decodeEscPos(bytes))).not.toContain('Lettere accentate: àèéìòù €')
    const unknown = decodeEscPos(Buffer.concat([Buffer.from([0x1b, 0x40, 0x1b, 0x7e, 0x41]), Buffer.from('x\n')]))
    expect(unknown.commands.map((c) => c.name)).toEqual(['init', 'unknown', 'feed'])
  })

  it('typography the code page lacks is printed as the nearest plain character, never "?"', () => {
    const decoded = decodeEscPos(renderEscPos([{ text: 'Banca d’Italia – “Tributi”… 5 €' }], { columns: COLUMNS }))
    expect(printedText(decoded)).toEqual(['Banca d\'Italia - "Tributi"... 5 €'])
  })
})
