// Payments through the terminal simulator, journal first: approved, declined, and outcomes lost on
// the way that recovery settles from the terminal's last result, or leaves to the operator.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { italian, message } from '../../src-main/contract/messages'
import { Ecr17Session } from '../../src-main/core/pos/ecr17/session'
import { createPosPayments } from '../../src-main/core/pos/payments'
import { serveTerminalOnTcp, type ServedTerminal } from '../../src-main/core/pos/serve-simulator'
import type { TerminalOptions } from '../../src-main/core/pos/simulator'
import { TcpTransport } from '../../src-main/core/pos/transport'
import { createReceiptBook, receiptReservationFile } from '../../src-main/core/receipts/numbering'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { openDemoDatabase } from '../helpers/demo-db'

const ids = { terminalId: '12345678', cashRegisterId: '00000001' }
let cleanup: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

async function setup(terminal: TerminalOptions, resultTimeoutMs = 2_000) {
  const db = openDemoDatabase(120)
  const pos: ServedTerminal = await serveTerminalOnTcp(terminal)
  const link = new TcpTransport('127.0.0.1', Number(pos.address))
  cleanup.push(db.cleanup, () => pos.close(), () => link.close())
  const session = new Ecr17Session(link, { scope: 'payload+etx', ackTimeoutMs: 800, resultTimeoutMs, maxTransmissions: 3 })
  const payments = createPosPayments({ sqlite: db.sqlite, session, ids, operator: () => 'Operatore di prova', idleWaitMs: resultTimeoutMs, receipts: createReceiptBook({ sqlite: db.sqlite, settings: createSettingsStore(db.sqlite), reservationFile: receiptReservationFile(join(db.sqlite.name, '..')) }) })
  const due = db.sqlite
    .prepare("SELECT p.iupd, o.nav, o.amount_cents AS amount FROM positions p JOIN payment_options o ON o.position_id = p.id WHERE p.status = 'VALID' AND o.installment_no = 0 AND (SELECT count(*) FROM payment_options x WHERE x.position_id = p.id) = 1 LIMIT 1")
    .get() as { iupd: string; nav: string; amount: number }
  return { db, pos, payments, due }
}

const deskPayments = (db: ReturnType<typeof openDemoDatabase>, iupd: string) =>
  db.sqlite.prepare("SELECT d.channel, d.amount_cents, d.reference FROM desk_payments d JOIN payment_options o ON o.id = d.option_id JOIN positions p ON p.id = o.position_id WHERE p.iupd = ?").all(iupd) as { channel: string; amount_cents: number; reference: string }[]

describe('Pagamento tramite POS', () => {
  it('approved: the due is paid, the payment recorded once, GPD told through the outbox', async () => {
    const { db, pos, payments, due } = await setup({ scenario: 'approve' })
    const outcome = await payments.pay(due.nav)
    expect(outcome).toMatchObject({ state: 'approved' })
    expect(pos.simulator.charges).toEqual([{ amountCents: due.amount, stan: outcome.stan }])
    expect(db.sqlite.prepare('SELECT status FROM positions WHERE iupd = ?').pluck().get(due.iupd)).toBe('PAID')
    expect(deskPayments(db, due.iupd)).toEqual([{ channel: 'pos-integrato', amount_cents: due.amount, reference: expect.stringContaining(`STAN ${outcome.stan}`) }])
    expect(db.sqlite.prepare("SELECT operation FROM outbox WHERE iupd = ? AND state = 'pending'").pluck().all(due.iupd)).toEqual(['markPaid'])
    await expect(payments.pay(due.nav)).rejects.toThrow('già pagato')
    expect(pos.simulator.charges).toHaveLength(1)
  })

  it('declined: nothing recorded, the due stays payable', async () => {
    const { db, pos, payments, due } = await setup({ scenario: 'decline' })
    expect(await payments.pay(due.nav)).toMatchObject({ state: 'declined', message: message('pos.outcome.declined', { text: 'TRANSAZIONE NEGATA' }) })
    expect(pos.simulator.charges).toEqual([])
    expect(deskPayments(db, due.iupd)).toEqual([])
    expect(db.sqlite.prepare('SELECT status FROM positions WHERE iupd = ?').pluck().get(due.iupd)).toBe('VALID')
  })

  it('link dropped after the ACK: recovered from the last result, recorded once, not charged again', async () => {
    const { db, pos, payments, due } = await setup({ scenario: 'drop-after-ack' })
    const outcome = await payments.pay(due.nav)
    // The drop happens after the charge; recovery (G) sees a new STAN and the same amount.
    expect(outcome.state).toBe('approved')
    expect(pos.simulator.charges).toHaveLength(1)
    expect(deskPayments(db, due.iupd)).toHaveLength(1)
  })

  it('terminal off: "esito incerto", the due locked, the operator resolves it from the receipt', async () => {
    const { db, pos, payments, due } = await setup({ scenario: 'power-cycle', powerOffMs: 5_000 }, 800)
    const outcome = await payments.pay(due.nav)
    expect(outcome.state).toBe('uncertain')
    expect(italian(outcome.message)).toMatch(/Esito incerto/)
    await expect(payments.pay(due.nav)).rejects.toThrow('esito incerto')
    expect(pos.simulator.charges).toHaveLength(1)
    const resolved = payments.resolve(outcome.id, true, 'scontrino POS n. 101 approvato')
    expect(resolved.state).toBe('resolved-approved')
    expect(deskPayments(db, due.iupd)).toHaveLength(1)
    expect(db.sqlite.prepare('SELECT status FROM positions WHERE iupd = ?').pluck().get(due.iupd)).toBe('PAID')
  })
})
