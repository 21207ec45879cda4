// The terminal's settings ("Prova connessione", switching terminal, the port list), a terminal that
// is a pagoPA PSP, the citizen's receipt and the end-of-day closing with its report, on the desk's
// terminal as the app builds it: the virtual terminal, or the simulator over real TCP.
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { formatCents, formatNoticeNumber } from '../../src-main/contract/format'
import { italian, message } from '../../src-main/contract/messages'
import { listSerialPorts } from '../../src-main/core/pos/ports'
import { serveTerminalOnTcp } from '../../src-main/core/pos/serve-simulator'
import { tempDir } from '../helpers/paths'
import { decodePdf } from '../helpers/pdf'
import { setupPosDesk } from '../helpers/pos-desk'
import { createDueCommands } from '../../src-main/core/dues/commands'
import { RegisterPaymentInput } from '../../src-main/contract/dues'

let cleanup: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})
// ignoreBOM keeps the byte-order mark in the text, where Excel needs it.
const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
/** pdftotext lays numbers out with ordinary spaces; the PDF itself has the narrow one of it-IT. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('end of day', () => {
  it('closes the terminal session and reconciles it with the journal, in PDF and CSV', async () => {
    const { db, settings, desk, singles } = setupPosDesk(cleanup)
    const [a, b, c, d] = singles
    expect((await desk.pay(a!.nav)).state).toBe('approved')
    expect((await desk.pay(b!.nav)).state).toBe('approved')
    expect(desk.journal().entries.map((e) => e.nav)).toEqual([a!.nav, b!.nav])
    // Taken by hand the same day: a card on a terminal not connected to the desk, and cash.
    const commands = createDueCommands({ sqlite: db.sqlite, settings, dataDir: join(db.sqlite.name, '..'), operator: () => 'Operatore di prova' })
    commands.registerPayment(RegisterPaymentInput.parse({ nav: c!.nav, paidOn: new Date().toISOString().slice(0, 10), channel: 'pos', reference: 'scontrino 88' }))
    commands.registerPayment(RegisterPaymentInput.parse({ nav: d!.nav, paidOn: new Date().toISOString().slice(0, 10), channel: 'contanti' }))

    const closure = await desk.closeDay()
    const total = a!.amountCents + b!.amountCents
    expect(closure).toMatchObject({ journalCount: 2, journalCents: total, terminalCents: total, hostCents: total, unresolved: 0, balanced: true, operator: 'Operatore di prova' })
    expect(closure.deskChannels).toEqual([
      { channel: 'contanti', count: 1, cents: d!.amountCents },
      { channel: 'pos', count: 1, cents: c!.amountCents }
    ])
    expect(desk.journal()).toMatchObject({ entries: [], closures: [{ id: closure.id }] })

    const csv = text((await desk.report(closure.id, 'csv')).bytes)
    expect(csv.startsWith('\uFEFFData;Numero avviso;')).toBe(true)
    expect(csv).toContain(`="${a!.nav}"`)
    expect(csv).toContain(`="${b!.nav}"`)
    expect(csv).toContain('Quadratura corretta: 2 pagamenti approvati')
    const report = await desk.report(closure.id, 'pdf')
    expect(report.filename).toMatch(/^chiusura-pos-\d{4}-\d{2}-\d{2}-\d+\.pdf$/)
    const pdf = plain(decodePdf(report.bytes).text)
    expect(pdf).toContain('Chiusura giornaliera POS')
    expect(pdf).toContain(formatNoticeNumber(a!.nav))
    expect(pdf).toContain(plain(`Totale del POS: ${formatCents(total)}`))
    expect(pdf).toContain('Quadratura corretta')
    expect(pdf).toContain(plain(`POS non collegato: 1 pagamenti, ${formatCents(c!.amountCents)}`))
    expect(csv).toContain('Altri incassi allo sportello · POS non collegato;1 pagamenti;')

    // The next closing covers only what came after: an empty session, still balanced.
    expect(await desk.closeDay()).toMatchObject({ journalCount: 0, journalCents: 0, terminalCents: 0, balanced: true, deskChannels: [] })
  })

  it('shows a payment the terminal does not know as a difference, not a balanced day', async () => {
    const { db, desk, singles } = setupPosDesk(cleanup)
    const [a, b] = singles
    await desk.pay(a!.nav)
    // An approval in the journal that the terminal never counted (another terminal, a hand edit).
    db.sqlite
      .prepare("INSERT INTO pos_journal (id, iupd, nav, amount_cents, terminal_id, state, stan, operator, updated_at) VALUES ('0b7e3c1a-5d4f-4e2a-9c8b-7a6f5e4d3c2b', ?, ?, ?, '12345678', 'approved', '000999', 'x', ?)")
      .run(b!.iupd, b!.nav, b!.amountCents, new Date().toISOString())
    const closure = await desk.closeDay()
    expect(closure).toMatchObject({ journalCount: 2, journalCents: a!.amountCents + b!.amountCents, terminalCents: a!.amountCents, balanced: false })
    const csv = plain(text((await desk.report(closure.id, 'csv')).bytes))
    expect(csv).toContain('Quadratura NON corretta')
    expect(csv).toContain(plain(`differenza ${formatCents(-b!.amountCents)}`))
  })
})

describe('the citizen’s receipt', () => {
  it('names the amount, the notice, the card and the authorisation; only an approved payment has one', async () => {
    const { db, desk, due } = setupPosDesk(cleanup)
    const outcome = await desk.pay(due.nav)
    const receipt = await desk.receipt(outcome.id)
    expect(receipt.filename).toBe(`ricevuta-pos-${due.nav}-${outcome.stan}.pdf`)
    const read = plain(decodePdf(receipt.pdf).text)
    expect(read).toContain('Ricevuta di pagamento con carta')
    expect(read).toContain(plain(formatCents(due.amountCents)))
    expect(read).toContain(formatNoticeNumber(due.nav))
    expect(read).toContain(`STAN: ${outcome.stan}`)
    expect(read).toMatch(/Carta: \S*\*{4}\S*/)
    expect(read).toContain('Approvato')

    db.sqlite.prepare("UPDATE pos_journal SET state = 'declined' WHERE id = ?").run(outcome.id)
    await expect(desk.receipt(outcome.id)).rejects.toThrow('Solo un pagamento approvato ha una ricevuta.')
  })
})

describe('a terminal that is itself a pagoPA payment provider', () => {
  it('leaves the due to its pagoPA receipt and refuses to charge the same notice again', async () => {
    const { db, desk, due, detail } = setupPosDesk(cleanup, { mode: 'virtual', pagopaPsp: true })
    const outcome = await desk.pay(due.nav)
    expect(outcome.state).toBe('approved')
    expect(italian(outcome.message)).toContain('ricevuta, alla prossima sincronizzazione')
    const after = detail(due.iupd)
    expect(after).toMatchObject({ status: 'VALID', deskPayments: [], posOpen: null })
    expect(db.sqlite.prepare('SELECT count(*) FROM outbox WHERE iupd = ?').pluck().get(due.iupd)).toBe(0)
    expect(after.actions.pos).toEqual({ allowed: false, reason: { key: 'pos.awaitingReceiptStan', params: { stan: outcome.stan } } })
    await expect(desk.pay(due.nav)).rejects.toThrow('ricevuta pagoPA')
  })
})

describe('the terminal’s settings', () => {
  it('"Prova connessione" finds a network terminal’s LRC scope, and the desk then pays through it', async () => {
    const served = await serveTerminalOnTcp({ terminalId: '87654321', scope: 'stx+payload', stepMs: 20 })
    cleanup.push(() => served.close())
    const { desk, due, recorded } = setupPosDesk(cleanup)
    const candidate = { mode: 'tcp' as const, host: '127.0.0.1', port: Number(served.address), terminalId: '87654321', pagopaPsp: false }
    const tested = await desk.test(candidate)
    expect(tested).toMatchObject({ ok: true, scope: 'stx+payload' })
    expect(italian(tested.message)).toContain('terminale 87654321, operativo')
    expect(served.simulator.charges).toEqual([])

    await desk.configure({ ...candidate, scope: tested.scope! })
    expect(desk.state()).toEqual({ state: 'ready', terminal: message('pos.terminalName.network', { host: '127.0.0.1', port: Number(served.address) }) })
    expect((await desk.pay(due.nav)).state).toBe('approved')
    expect(served.simulator.charges).toEqual([{ amountCents: due.amountCents, stan: expect.any(String) }])
    expect(recorded).toEqual([due.iupd])
    expect((await desk.settingsInfo()).settings).toEqual({ ...candidate, scope: 'stx+payload' })
  })

  it('says when nobody answers, and will not switch terminal while a payment waits to be checked', async () => {
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const port = (probe.address() as AddressInfo).port
    await new Promise<void>((r) => probe.close(() => r()))
    const { db, desk, due } = setupPosDesk(cleanup)
    expect(await desk.test({ mode: 'tcp', host: '127.0.0.1', port, terminalId: '12345678', pagopaPsp: false })).toMatchObject({ ok: false, message: message('pos.test.unreachable') })

    db.sqlite
      .prepare("INSERT INTO pos_journal (id, iupd, nav, amount_cents, terminal_id, state, operator, updated_at) VALUES ('1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', ?, ?, ?, '12345678', 'sending', 'x', ?)")
      .run(due.iupd, due.nav, due.amountCents, new Date().toISOString())
    await expect(desk.configure({ mode: 'tcp', host: '127.0.0.1', port, terminalId: '12345678', pagopaPsp: false })).rejects.toThrow('completarla prima di cambiare terminale')
    expect(desk.state().state).toBe('virtual')
  })

  it('lists serial ports from the system, or the usual device names when the system cannot list them', async () => {
    const usb = { path: '/dev/ttyACM0', manufacturer: 'Ingenico', vendorId: '0b00', productId: '0054', serialNumber: 'X1' }
    expect(await listSerialPorts({ list: async () => [usb] })).toEqual({ ports: [usb], note: null })

    const dev = tempDir()
    cleanup.push(dev.cleanup)
    for (const name of ['ttyUSB0', 'ttyS0', 'null', 'tty1']) writeFileSync(join(dev.dir, name), '')
    mkdirSync(join(dev.dir, 'serial'))
    const fallback = await listSerialPorts({ list: () => Promise.reject(new Error('udevadm non trovato')), devDir: dev.dir, platform: 'linux' })
    expect(fallback.ports.map((p) => p.path)).toEqual([join(dev.dir, 'ttyS0'), join(dev.dir, 'ttyUSB0')])
    expect(fallback.note && italian(fallback.note)).toContain('udevadm non trovato')
  })
})
