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
    let closed = false
    let pendingAck: ((ok: boolean) => void) | null = null
    const send = (bytes: Buffer) => {
      if (closed) return
      if (this.scenario === 'garbage') link.write(Buffer.concat([Buffer.from([0x00, 0xff]), randomBytes(3).map((b) => (b === 0x02 || b === 0x01 || b === 0x06 || b === 0x15 ? 0x41 : b))]))
      link.write(bytes)
    }
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
    const sendResult = async (message: string) => {
      for (let attempt = 0; attempt < 3 && !closed; attempt++) {
        send(encodeApplication(message, this.scope))
        const acked = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 2_500)
          pendingAck = (ok) => {
            clearTimeout(timer)
            resolve(ok)
          }
        })
        pendingAck = null
        if (acked) return
      }
    }
    const drop = () => {
      closed = true
      link.close()
    }

    const handle = async (message: string) => {
      const code = message.slice(9, 10)
      const tid = message.slice(0, 8)
      if (tid !== this.terminalId && tid !== '00000000') return send(encodeControl('nak', this.scope))
      const financial = code === 'P' || code === 'X' || code === 'S'
      if (financial && this.scenario === 'nak' && !this.naked) {
        this.naked = true
        return send(encodeControl('nak', this.scope))
      }
      if (financial && this.scenario === 'lost-ack' && !this.ackSkipped) this.ackSkipped = true
      else send(encodeControl('ack', this.scope))

      const step = this.options.stepMs ?? 50
      switch (code) {
        case 's': {
          const now = new Date()
          const stamp = `${pad(now.getDate(), 2)}${pad(now.getMonth() + 1, 2)}${pad(now.getFullYear() % 100, 2)}${pad(now.getHours(), 2)}${pad(now.getMinutes(), 2)}`
          // Status 2 is "operative"; in the middle of a payment (on any link) the terminal reports
          // 1, which is not idle: recovery waits for 2 before trusting the last result (G).
          return sendResult(`${this.terminalId}0s${'0'.repeat(10)}${stamp}${this.transacting > 0 ? '1' : '2'}SIM01.00`)
        }
        case 'E':
          return // the ACK is the answer
        case 'G':
          return sendResult(this.lastResult ?? `${this.terminalId}0E01${'NESSUNA TRANSAZIONE'.padEnd(24)}${'0'.repeat(11)}3${' '.repeat(11)}000000000000`)
        case 'T':
          return sendResult(`${this.terminalId}0T00${pad(this.totalCents, 16)}000000`)
        case 'C': {
          const total = this.totalCents
          this.totalCents = 0
          return sendResult(`${this.terminalId}0C00${pad(total, 16)}${pad(total, 16)}`)
        }
        case 'S': {
          const stan = message.slice(18, 24)
          const last = this.lastApproved
          if (!last || (stan !== '000000' && stan !== last.stan)) {
            return sendResult(`${this.terminalId}0E01${'STORNO NON POSSIBILE'.padEnd(24)}${'0'.repeat(11)}3${' '.repeat(11)}${pad(this.stan, 6)}000000`)
          }
          this.totalCents -= last.amount
          this.lastApproved = null
          const result = this.approvedResult(last.amount, false)
          return sendResult(result)
        }
        case 'P':
        case 'X': {
          this.transacting++
          const settled = () => void this.transacting--
          const amount = Number(message.slice(23, 31))
          const extended = code === 'X'
          send(encodeProgress('INSERIRE CARTA'))
          await sleep(step)
          if (this.scenario === 'slow-pin') {
            const until = Date.now() + (this.options.slowPinMs ?? 5_000)
            while (Date.now() < until && !closed) {
              send(encodeProgress('DIGITARE PIN'))
              await sleep(1_000)
            }
          } else {
            send(encodeProgress('DIGITARE PIN'))
            await sleep(step)
          }
          if (this.scenario === 'decline' || this.scenario === 'cancel') {
            settled()
            this.stan += 1
            const text = this.scenario === 'cancel' ? 'OPERAZIONE ANNULLATA' : 'TRANSAZIONE NEGATA'
            const result = `${this.terminalId}0E01${text.padEnd(24)}${'0'.repeat(11)}3${'12345'.padEnd(11)}${pad(this.stan, 6)}000000` + (extended ? `000${pad(0, 8)}${'0'.repeat(10)}` : '')
            this.lastResult = result
            return sendResult(result)
          }
          // Approved: the money moves now, whatever happens to the link afterwards.
          settled()
          const result = this.approvedResult(amount, extended)
          this.totalCents += amount
          this.charges.push({ amountCents: amount, stan: pad(this.stan, 6), ...(this.options.keepReceiptText ? { receiptText: message.slice(31, 159).trim() } : {}) })
          this.lastApproved = { stan: pad(this.stan, 6), amount }
          if (this.scenario === 'drop-after-ack') return drop()
          if (this.scenario === 'power-cycle') {
            this.offUntil = Date.now() + (this.options.powerOffMs ?? 3_000)
            return drop()
          }
          return sendResult(result)
        }
        default:
          return
      }
    }

    return (bytes: Buffer) => {
      if (Date.now() < this.offUntil) return // switched off: hears nothing
      for (const packet of decoder.push(bytes)) {
        if (packet.type === 'ack') pendingAck?.(true)
        else if (packet.type === 'nak') pendingAck?.(false)
        else if (packet.type === 'application') {
          if (!packet.lrcOk) send(encodeControl('nak', this.scope))
          else void handle(packet.message)
        }
      }
    }
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
