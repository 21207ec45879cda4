// The ECR17 session against the terminal simulator over a real pseudo-terminal pair (socat) and
// over TCP: one test per scenario, checking what the desk learns and what the terminal charged.
import { afterEach, describe, expect, it } from 'vitest'
import { ecr17, parsePaymentResult, parseStatus } from '../../src-main/core/pos/ecr17/messages'
import { Ecr17Session, type SessionOptions } from '../../src-main/core/pos/ecr17/session'
import { serveTerminalOnPty, serveTerminalOnTcp, type ServedTerminal } from '../../src-main/core/pos/serve-simulator'
import type { TerminalOptions } from '../../src-main/core/pos/simulator'
import { SerialTransport, TcpTransport, type ByteTransport } from '../../src-main/core/pos/transport'

const ids = { terminalId: '12345678', cashRegisterId: '00000001' }
const session = (extra: Partial<SessionOptions> = {}): SessionOptions => ({ scope: 'payload+etx', ackTimeoutMs: 1_000, resultTimeoutMs: 3_000, maxTransmissions: 3, ...extra })
const pay = { financial: true, expectResult: true }
const ask = { financial: false, expectResult: true }

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

async function overPty(terminal: TerminalOptions, options: Partial<SessionOptions> = {}): Promise<{ pos: ServedTerminal; link: ByteTransport; s: Ecr17Session }> {
  const pos = await serveTerminalOnPty(terminal)
  const link = new SerialTransport({ path: pos.address, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 })
  cleanup.push(() => link.close(), () => pos.close())
  return { pos, link, s: new Ecr17Session(link, session(options)) }
}

describe('ECR17 over a real pty pair', () => {
  it('approve: status, then a payment with progress and the extended result', async () => {
    const { pos, s } = await overPty({ scenario: 'approve' })
    const status = await s.request(ecr17.status(ids), ask)
    expect(status.kind).toBe('result')
    expect(parseStatus((status as { message: string }).message)).toMatchObject({ state: '2', terminalId: '12345678' })
    const progress: string[] = []
    const result = await s.request(ecr17.payment(ids, 1250, { receiptText: 'Avviso 3010 0000 0000 0001 44' }), { ...pay, onProgress: (t) => progress.push(t) })
    expect(result.kind).toBe('result')
    expect(parsePaymentResult((result as { message: string }).message)).toMatchObject({ outcome: 'approved', authorisedCents: 1250, stan: '000101' })
    expect(progress).toEqual(['INSERIRE CARTA', 'DIGITARE PIN'])
    expect(pos.simulator.charges).toEqual([{ amountCents: 1250, stan: '000101' }])
  })

  it.each([
    ['decline', 'TRANSAZIONE NEGATA'],
    ['cancel', 'OPERAZIONE ANNULLATA']
  ] as const)('%s: a KO result, nothing charged', async (scenario, text) => {
    const { pos, s } = await overPty({ scenario })
    const result = await s.request(ecr17.payment(ids, 500), pay)
    expect(parsePaymentResult((result as { message: string }).message)).toMatchObject({ outcome: 'declined', text })
    expect(pos.simulator.charges).toEqual([])
  })

  it('slow PIN: progress messages keep the wait alive beyond the result timeout', async () => {
    const { s } = await overPty({ scenario: 'slow-pin', slowPinMs: 3_500 }, { resultTimeoutMs: 1_800 })
    const progress: string[] = []
    const result = await s.request(ecr17.payment(ids, 700), { ...pay, onProgress: (t) => progress.push(t) })
    expect(result.kind).toBe('result')
    expect(progress.filter((p) => p === 'DIGITARE PIN').length).toBeGreaterThanOrEqual(3)
  })

  it('NAK: the refused frame is sent again, the payment happens once', async () => {
    const { pos, s } = await overPty({ scenario: 'nak' })
    const result = await s.request(ecr17.payment(ids, 900), pay)
    expect(parsePaymentResult((result as { message: string }).message)?.outcome).toBe('approved')
    expect(pos.simulator.charges).toHaveLength(1)
  })

  it('lost ACK: the result arriving first counts as acceptance, and nothing is sent twice', async () => {
    const { pos, s } = await overPty({ scenario: 'lost-ack' }, { ackTimeoutMs: 2_000 })
    const result = await s.request(ecr17.payment(ids, 1100), pay)
    expect(parsePaymentResult((result as { message: string }).message)?.outcome).toBe('approved')
    expect(pos.simulator.charges).toHaveLength(1)
  })

  it('link dropped after the ACK: "unknown", never "failed", and G tells what happened', async () => {
    const { pos, s } = await overPty({ scenario: 'drop-after-ack', powerOffMs: 100 }, { resultTimeoutMs: 1_000 })
    const result = await s.request(ecr17.payment(ids, 1300), pay)
    expect(result).toEqual({ kind: 'unknown', reason: 'response-timeout' })
    pos.simulator.scenario = 'approve'
    const last = await s.request(ecr17.lastResult(ids), ask)
    expect(parsePaymentResult((last as { message: string }).message)).toMatchObject({ outcome: 'approved', stan: pos.simulator.charges[0]!.stan })
    expect(pos.simulator.charges).toHaveLength(1)
  })

  it('power cycle: silent while off, then keeps the last result for G', async () => {
    const { pos, s } = await overPty({ scenario: 'power-cycle', powerOffMs: 3_000 }, { resultTimeoutMs: 800, ackTimeoutMs: 400 })
    expect((await s.request(ecr17.payment(ids, 2000), pay)).kind).toBe('unknown')
    pos.simulator.scenario = 'approve'
    expect(await s.request(ecr17.status(ids), { ...ask, replyCodes: ['s'] })).toMatchObject({ kind: 'not-sent' }) // still off
    await new Promise((r) => setTimeout(r, 1_500))
    const last = await s.request(ecr17.lastResult(ids), { ...ask, replyCodes: ['E'] })
    expect(parsePaymentResult((last as { message: string }).message)).toMatchObject({ outcome: 'approved' })
    expect(pos.simulator.charges).toHaveLength(1)
  })

  it('garbage bytes on the line are skipped', async () => {
    const { pos, s } = await overPty({ scenario: 'garbage' })
    expect((await s.request(ecr17.status(ids), ask)).kind).toBe('result')
    const result = await s.request(ecr17.payment(ids, 100), pay)
    expect(parsePaymentResult((result as { message: string }).message)?.outcome).toBe('approved')
    expect(pos.simulator.charges).toHaveLength(1)
  })

  it('a write on a closed port fails at once and is never sent later', async () => {
    const { pos, link, s } = await overPty({ scenario: 'approve' })
    await link.close()
    await expect(link.write(Buffer.from('x'))).rejects.toThrow(/chiuso/)
    // The session reopens for its next request; the failed write must not reach the terminal.
    expect((await s.request(ecr17.status(ids), ask)).kind).toBe('result')
    expect(pos.simulator.charges).toEqual([])
  })
})

describe('ECR17 over TCP', () => {
  it('pays, and reports a dropped connection after the ACK as unknown', async () => {
    const pos = await serveTerminalOnTcp({ scenario: 'approve' })
    const link = new TcpTransport('127.0.0.1', Number(pos.address))
    cleanup.push(() => link.close(), () => pos.close())
    const s = new Ecr17Session(link, session())
    expect(parsePaymentResult(((await s.request(ecr17.payment(ids, 4200), pay)) as { message: string }).message)?.outcome).toBe('approved')
    pos.simulator.scenario = 'drop-after-ack'
    expect(await s.request(ecr17.payment(ids, 4300), pay)).toEqual({ kind: 'unknown', reason: 'drop-after-ack' })
    expect(pos.simulator.charges.map((c) => c.amountCents)).toEqual([4200, 4300])
  })
})

describe('sportello simulate pos', () => {
  it('serves a terminal on a pty from its own process, and prints the path', async () => {
    const { spawn } = await import('node:child_process')
    const { CLI, ROOT } = await import('../helpers/paths')
    const child = spawn(process.execPath, [CLI, 'simulate', 'pos', '--pty', '--scenario', 'decline'], { cwd: ROOT })
    cleanup.push(async () => void child.kill('SIGTERM'))
    const path = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /porta seriale (\S+)/.exec(out)
        if (m) resolve(m[1]!)
      })
      child.on('exit', (code) => reject(new Error(`exited ${code}`)))
    })
    const link = new SerialTransport({ path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 })
    cleanup.push(() => link.close())
    const s = new Ecr17Session(link, session())
    expect(parseStatus(((await s.request(ecr17.status({ terminalId: '00000000' }), ask)) as { message: string }).message)?.state).toBe('2')
    const result = await s.request(ecr17.payment(ids, 100), pay)
    expect(parsePaymentResult((result as { message: string }).message)?.outcome).toBe('declined')
  })
})

describe('LRC scope calibration ("Prova connessione")', () => {
  it('finds the scope the terminal uses, with the side-effect-free status command', async () => {
    const { calibrateLrcScope } = await import('../../src-main/core/pos/calibration')
    for (const scope of ['payload', 'stx+payload'] as const) {
      const pos = await serveTerminalOnTcp({ scenario: 'approve', scope })
      const link = new TcpTransport('127.0.0.1', Number(pos.address))
      cleanup.push(() => link.close(), () => pos.close())
      const found = await calibrateLrcScope(link, '00000000', { ackTimeoutMs: 300 })
      expect(found).toMatchObject({ scope, status: { state: '2' } })
      expect(pos.simulator.charges).toEqual([])
    }
  })

  it('says the terminal cannot be reached', async () => {
    const { calibrateLrcScope } = await import('../../src-main/core/pos/calibration')
    const found = await calibrateLrcScope(new TcpTransport('127.0.0.1', 1, 300), '00000000', { ackTimeoutMs: 200 })
    expect(found).toEqual({ error: { key: 'pos.test.unreachable' } })
  })
})
