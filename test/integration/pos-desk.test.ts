// The desk's terminal as the app builds it from its settings: the embedded virtual terminal by
// default, a network terminal when configured; progress reaches the UI's event bus; a terminal
// that cannot be reached charges nothing and leaves nothing open.
import { createServer, type AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { italian, message, type Message } from '../../src-main/contract/messages'
import type { PosSettingsInput } from '../../src-main/contract/pos'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../helpers/paths'
import { setupPosDesk } from '../helpers/pos-desk'
import { runCli } from '../helpers/processes'

let cleanup: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

const setup = (pos?: PosSettingsInput) => setupPosDesk(cleanup, pos)

describe('the desk terminal', () => {
  it('with no settings pays through the embedded virtual terminal, reporting its progress', async () => {
    const { desk, seen, recorded, states, due, detail } = setup()
    expect(desk.state()).toEqual({ state: 'virtual', terminal: message('pos.terminalName.virtual', { terminalId: '12345678' }) })
    expect(detail(due.iupd).actions.pos).toEqual({ allowed: true, reason: null })
    const paying = desk.pay(due.nav)
    expect(desk.state().state).toBe('busy')
    const outcome = await paying
    expect(outcome.state).toBe('approved')
    const steps = seen.filter((e) => e.name === 'pos.progress').map((e) => (e.payload as { text: Message; iupd: string }))
    expect(steps.every((s) => s.iupd === due.iupd)).toBe(true)
    expect(steps[0]?.text).toEqual(message('pos.progress.sending'))
    expect(steps.map((s) => italian(s.text))).toEqual(expect.arrayContaining(['INSERIRE CARTA', 'DIGITARE PIN']))
    expect(recorded).toEqual([due.iupd])
    // The status bar hears of it as it happens: busy during the payment, idle after.
    expect(states).toEqual(['busy', 'virtual'])
    const after = detail(due.iupd)
    expect(after.status).toBe('PAID')
    expect(after.actions.pos.allowed).toBe(false)
    await expect(desk.pay(due.nav)).rejects.toThrow('già pagato')
  })

  it('follows the rule of a payment registered by hand: once an installment is paid, the whole amount is refused', async () => {
    const { db, desk } = setup()
    const plan = db.sqlite
      .prepare("SELECT p.iupd, (SELECT nav FROM payment_options WHERE position_id = p.id AND is_partial_payment = 1 ORDER BY installment_no LIMIT 1) AS first, (SELECT nav FROM payment_options WHERE position_id = p.id AND is_partial_payment = 0) AS whole FROM positions p WHERE p.status = 'VALID' AND EXISTS (SELECT 1 FROM payment_options WHERE position_id = p.id AND is_partial_payment = 1) AND EXISTS (SELECT 1 FROM payment_options WHERE position_id = p.id AND is_partial_payment = 0) LIMIT 1")
      .get() as { iupd: string; first: string; whole: string }
    expect((await desk.pay(plan.first)).state).toBe('approved')
    expect(db.sqlite.prepare('SELECT status FROM positions WHERE iupd = ?').pluck().get(plan.iupd)).toBe('PARTIALLY_PAID')
    await expect(desk.pay(plan.whole)).rejects.toThrow('Una rata è già stata pagata: registrare il pagamento delle rate restanti.')
    expect(db.sqlite.prepare("SELECT count(*) FROM pos_journal WHERE nav = ?").pluck().get(plan.whole)).toBe(0)
  })

  it('a network terminal that does not answer: refused at once, nothing charged, nothing left open', async () => {
    // A port that was free a moment ago: nobody listens there.
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const port = (probe.address() as AddressInfo).port
    await new Promise<void>((r) => probe.close(() => r()))
    const { db, desk, due, detail } = setup({ mode: 'tcp', host: '127.0.0.1', port, terminalId: '12345678' })
    expect(italian(desk.state().terminal)).toContain(`127.0.0.1:${port}`)
    await expect(desk.pay(due.nav)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('Nessun addebito') })
    expect(desk.state().state).toBe('offline')
    expect(db.sqlite.prepare('SELECT count(*) FROM pos_journal').pluck().get()).toBe(0)
    expect(detail(due.iupd)).toMatchObject({ status: 'VALID', posOpen: null, actions: { pos: { allowed: true } } })
  })

  it('an uncertain outcome locks the due until the operator settles it from the receipt', async () => {
    const { db, desk, due, detail } = setup()
    // What recovery leaves when the terminal cannot tell: written as the journal would hold it.
    const amount = db.sqlite.prepare('SELECT amount_cents FROM payment_options WHERE nav = ?').pluck().get(due.nav) as number
    db.sqlite
      .prepare("INSERT INTO pos_journal (id, iupd, nav, amount_cents, terminal_id, state, operator, updated_at, message) VALUES (?, ?, ?, ?, '12345678', 'uncertain', 'Operatore di prova', ?, 'Esito incerto')")
      .run('6f1c1e5e-8d0b-4c59-9a53-1d2f3e4a5b6c', due.iupd, due.nav, amount, new Date().toISOString())
    const locked = detail(due.iupd)
    expect(locked.posOpen).toMatchObject({ id: '6f1c1e5e-8d0b-4c59-9a53-1d2f3e4a5b6c', nav: due.nav, amountCents: amount, state: 'uncertain' })
    expect(locked.actions.pos).toEqual({ allowed: false, reason: { key: 'pos.openPaymentRefusal' } })
    await expect(desk.pay(due.nav)).rejects.toThrow('esito incerto')
    expect(desk.resolve('6f1c1e5e-8d0b-4c59-9a53-1d2f3e4a5b6c', true, 'scontrino n. 101')).toMatchObject({ state: 'resolved-approved' })
    expect(detail(due.iupd)).toMatchObject({ status: 'PAID', posOpen: null, deskPayments: [{ channel: 'pos-integrato', amountCents: amount }] })
  })

  it('a terminal setting that no longer makes sense falls back to the virtual terminal, never half-configured', () => {
    const { desk } = setup({ mode: 'tcp', host: '', port: 0, terminalId: '12' } as never)
    expect(desk.state().state).toBe('virtual')
  })

  it('is set from the command line, which refuses a wrong terminal id and says why', async () => {
    const dir = tempDir()
    cleanup.push(dir.cleanup)
    const file = join(dir.dir, 'pos.json')
    writeFileSync(file, JSON.stringify({ mode: 'tcp', host: '192.168.1.50', port: 9999, terminalId: '1234' }))
    const wrong = await runCli(['config', '--data', dir.dir, '--pos', file])
    expect(wrong.code).not.toBe(0)
    expect(wrong.stderr).toContain('POS: terminalId il codice terminale ha 8 cifre')
    writeFileSync(file, JSON.stringify({ mode: 'serial', path: '/dev/ttyUSB0', terminalId: '87654321' }))
    const right = await runCli(['config', '--data', dir.dir, '--pos', file])
    expect(right.code, right.stderr).toBe(0)
    expect(JSON.parse(right.stdout).pos).toEqual({ mode: 'serial', path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, terminalId: '87654321', pagopaPsp: false })
  })
})
