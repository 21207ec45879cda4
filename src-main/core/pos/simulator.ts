// A payment terminal that speaks ECR17 in the terminal's role, over any byte link (a pty end, a
// TCP connection): status, payments (P and X), last result (G), totals (T), closing (C), storno
// (S), receipt printing switch (E). Scenarios reproduce what goes wrong at a desk.
import { randomBytes } from 'node:crypto'
import { Ecr17Decoder } from './ecr17/decoder'
import { encodeApplication, encodeControl, encodeProgress } from './ecr17/frames'
import type { LrcScope } from '../../contract/pos'

export const POS_SCENARIOS = ['approve', 'decline', 'cancel', 'slow-pin', 'nak', 'lost-ack', 'drop-after-ack', 'power-cycle', 'garbage'] as const
export type PosScenario = (typeof POS_SCENARIOS)[number]

export interface ByteLink {
  write(bytes: Buffer): void
  close(): void
}

export interface TerminalOptions {
  terminalId?: string
  scope?: LrcScope
  scenario?: PosScenario
  /** slow-pin: how long the cardholder takes, with a progress message every second. */
  slowPinMs?: number
  /** power-cycle: how long the terminal stays off (silent) after dropping the link. */
  powerOffMs?: number
  /** Pause between the steps of a payment, as a real terminal takes time. */
  stepMs?: number
  /** Keep the receipt text of each charge (tests find the notice number in it). */
  keepReceiptText?: boolean
}

const pad = (value: number | string, width: number) => String(value).padStart(width, '0')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The terminal's side of one link: what it sends, the ACK it waits for, whether the link is still up. */
class LinkSession {
  closed = false
  pendingAck: ((ok: boolean) => void) | null = null

  constructor(
    private readonly link: ByteLink,
    private readonly scope: LrcScope,
    private readonly garbling: () => boolean
  ) {}

  send(bytes: Buffer): void {
    if (this.closed) return
    if (this.garbling()) this.link.write(Buffer.concat([Buffer.from([0x00, 0xff]), randomBytes(3).map((b) => (b === 0x02 || b === 0x01 || b === 0x06 || b === 0x15 ? 0x41 : b))]))
    this.link.write(bytes)
  }

  async sendResult(message: string): Promise<void> {
    for (let attempt = 0; attempt < 3 && !this.closed; attempt++) {
      this.send(encodeApplication(message, this.scope))
      const acked = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 2_500)
        this.pendingAck = (ok) => {
          clearTimeout(timer)
          resolve(ok)
        }
      })
      this.pendingAck = null
      if (acked) return
    }
  }

  drop(): void {
    this.closed = true
    this.link.close()
  }
}

export class TerminalSimulator {
  readonly terminalId: string
  scenario: PosScenario
  private readonly scope: LrcScope
  private stan = 100
  private onlineId = 40
  private totalCents = 0
  private lastResult: string | null = null
  private lastApproved: { stan: string; amount: number } | null = null
  private offUntil = 0
  /** Payments between their request and their result: the terminal is not idle meanwhile. */
  private transacting = 0
  private naked = false
  private ackSkipped = false
  /** Every payment the terminal charged: what tests check for double charges. */
  readonly charges: { amountCents: number; stan: string; receiptText?: string }[] = []

  constructor(private readonly options: TerminalOptions = {}) {
    this.terminalId = options.terminalId ?? '12345678'
    this.scope = options.scope ?? 'payload+etx'
    this.scenario = options.scenario ?? 'approve'
  }

  /** Serves one link (one connection, or the terminal's end of a serial line). */
  attach(link: ByteLink): (bytes: Buffer) => void {
    const decoder = new Ecr17Decoder(this.scope)
    const session = new LinkSession(link, this.scope, () => this.scenario === 'garbage')
    return (bytes: Buffer) => {
      if (Date.now() < this.offUntil) return // switched off: hears nothing
      for (const packet of decoder.push(bytes)) {
        if (packet.type === 'ack') session.pendingAck?.(true)
        else if (packet.type === 'nak') session.pendingAck?.(false)
        else if (packet.type === 'application') {
          if (!packet.lrcOk) session.send(encodeControl('nak', this.scope))
          else void this.handle(session, packet.message)
        }
      }
    }
  }

  private async handle(session: LinkSession, message: string): Promise<void> {
    const code = message.slice(9, 10)
    const tid = message.slice(0, 8)
    if (tid !== this.terminalId && tid !== '00000000') return session.send(encodeControl('nak', this.scope))
    const financial = code === 'P' || code === 'X' || code === 'S'
    if (financial && this.scenario === 'nak' && !this.naked) {
      this.naked = true
      return session.send(encodeControl('nak', this.scope))
    }
    if (financial && this.scenario === 'lost-ack' && !this.ackSkipped) this.ackSkipped = true
    else session.send(encodeControl('ack', this.scope))

    switch (code) {
      case 's':
        return session.sendResult(this.statusResult())
      case 'E':
        return // the ACK is the answer
      case 'G':
        return session.sendResult(this.lastResult ?? `${this.terminalId}0E01${'NESSUNA TRANSAZIONE'.padEnd(24)}${'0'.repeat(11)}3${' '.repeat(11)}000000000000`)
      case 'T':
        return session.sendResult(`${this.terminalId}0T00${pad(this.totalCents, 16)}000000`)
      case 'C': {
        const total = this.totalCents
        this.totalCents = 0
        return session.sendResult(`${this.terminalId}0C00${pad(total, 16)}${pad(total, 16)}`)
      }
      case 'S':
        return session.sendResult(this.storno(message))
      case 'P':
      case 'X':
        return this.pay(session, message, code === 'X')
      default:
        return
    }
  }

  private statusResult(): string {
    const now = new Date()
    const stamp = `${pad(now.getDate(), 2)}${pad(now.getMonth() + 1, 2)}${pad(now.getFullYear() % 100, 2)}${pad(now.getHours(), 2)}${pad(now.getMinutes(), 2)}`
    // Status 2 is "operative"; in the middle of a payment (on any link) the terminal reports
    // 1, which is not idle: recovery waits for 2 before trusting the last result (G).
    return `${this.terminalId}0s${'0'.repeat(10)}${stamp}${this.transacting > 0 ? '1' : '2'}SIM01.00`
  }

  private storno(message: string): string {
    const stan = message.slice(18, 24)
    const last = this.lastApproved
    if (!last || (stan !== '000000' && stan !== last.stan)) {
      return `${this.terminalId}0E01${'STORNO NON POSSIBILE'.padEnd(24)}${'0'.repeat(11)}3${' '.repeat(11)}${pad(this.stan, 6)}000000`
    }
    this.totalCents -= last.amount
    this.lastApproved = null
    return this.approvedResult(last.amount, false)
  }

  /** A payment request (P, or X for the extended result): card, PIN, then the scenario's outcome. */
  private async pay(session: LinkSession, message: string, extended: boolean): Promise<void> {
    this.transacting++
    const amount = Number(message.slice(23, 31))
    await this.cardholderSteps(session)
    this.transacting--
    if (this.scenario === 'decline' || this.scenario === 'cancel') return session.sendResult(this.refusedResult(extended))
    // Approved: the money moves now, whatever happens to the link afterwards.
    const result = this.approvedResult(amount, extended)
    this.totalCents += amount
    this.charges.push({ amountCents: amount, stan: pad(this.stan, 6), ...(this.options.keepReceiptText ? { receiptText: message.slice(31, 159).trim() } : {}) })
    this.lastApproved = { stan: pad(this.stan, 6), amount }
    if (this.scenario === 'drop-after-ack') return session.drop()
    if (this.scenario === 'power-cycle') {
      this.offUntil = Date.now() + (this.options.powerOffMs ?? 3_000)
      return session.drop()
    }
    return session.sendResult(result)
  }

  private async cardholderSteps(session: LinkSession): Promise<void> {
    const step = this.options.stepMs ?? 50
    session.send(encodeProgress('INSERIRE CARTA'))
    await sleep(step)
    if (this.scenario === 'slow-pin') {
      const until = Date.now() + (this.options.slowPinMs ?? 5_000)
      while (Date.now() < until && !session.closed) {
        session.send(encodeProgress('DIGITARE PIN'))
        await sleep(1_000)
      }
    } else {
      session.send(encodeProgress('DIGITARE PIN'))
      await sleep(step)
    }
  }

  private refusedResult(extended: boolean): string {
    this.stan += 1
    const text = this.scenario === 'cancel' ? 'OPERAZIONE ANNULLATA' : 'TRANSAZIONE NEGATA'
    const result = `${this.terminalId}0E01${text.padEnd(24)}${'0'.repeat(11)}3${'12345'.padEnd(11)}${pad(this.stan, 6)}000000` + (extended ? `000${pad(0, 8)}${'0'.repeat(10)}` : '')
    this.lastResult = result
    return result
  }

  private approvedResult(amount: number, extended: boolean): string {
    this.stan += 1
    this.onlineId += 1
    const now = new Date()
    const dayOfYear = Math.floor((now.getTime() - new Date(now.getFullYear(), 0, 0).getTime()) / 86_400_000)
    const hostTime = `${pad(dayOfYear, 3)}${pad(now.getHours(), 2)}${pad(now.getMinutes(), 2)}`
    const result =
      `${this.terminalId}0E00${'4123********1234'.padStart(19, '0')}CLI${pad(this.stan, 6).replace(/^0/, 'A')}${hostTime}2${'12345'.padEnd(11)}${pad(this.stan, 6)}${pad(this.onlineId, 6)}` +
      (extended ? `000${pad(amount, 8)}${'0'.repeat(10)}` : '')
    this.lastResult = result
    return result
  }
}
