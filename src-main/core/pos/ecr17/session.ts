// One ECR17 exchange at a time: send a frame, wait for the physical ACK, then for the result
// (each progress message extends the wait), acknowledge it. The rules that keep money safe:
// - a financial request is sent again only after the terminal refused it with a NAK (it read it
//   and discarded it); after any sign of acceptance (ACK, progress, a result), or after silence,
//   it is never sent again: the outcome is "unknown" and recovery asks the terminal (G);
// - a dropped link, a timeout or unreadable results after acceptance are "unknown", never "failed".
import { AppError } from '../../../contract/errors'
import { message as say, type Message } from '../../../contract/messages'
import type { ByteTransport } from '../transport'
import { Ecr17Decoder, type Packet } from './decoder'
import { encodeApplication, encodeControl } from './frames'
import type { LrcScope } from '../../../contract/pos'

export interface SessionOptions {
  scope: LrcScope
  /** Wait for the physical ACK (a 170-byte frame takes ~180 ms at 9600 baud). */
  ackTimeoutMs: number
  /** Wait for the result; restarted by every progress message (PIN entry can take minutes). */
  resultTimeoutMs: number
  maxTransmissions: number
  trace?: (direction: 'ecr→pos' | 'pos→ecr', what: string) => void
}

export const DEFAULT_SESSION: Omit<SessionOptions, 'scope'> = { ackTimeoutMs: 2_500, resultTimeoutMs: 180_000, maxTransmissions: 3 }

export type Exchange =
  | { kind: 'result'; message: string }
  | { kind: 'acked' }
  /** Certainly not taken by the terminal: safe to try again. */
  | { kind: 'not-sent'; reason: Message }
  /** May have been taken: never send again; ask the terminal (G). */
  | { kind: 'unknown'; reason: 'no-ack' | 'drop-after-ack' | 'response-timeout' | 'bad-frames' | 'write-failed' }

export interface RequestOptions {
  /** Payments, reversals, refunds: never repeated once they may have reached the terminal. */
  financial: boolean
  /** Whether an application message answers the request (false: the ACK is the answer). */
  expectResult: boolean
  /** The terminal's own progress text (INSERIRE CARTA…), as it sends it. */
  onProgress?: (text: string) => void
  /** Which replies answer this request (by code); others (late replies to earlier requests) are acknowledged and skipped. */
  replyCodes?: string[]
}

type Waited = Packet | { type: 'timeout' } | { type: 'disconnect'; reason: Message }

/** Why the link could not be opened: the transport's own sentence, or the system's words. */
export function openFailure(error: unknown): Message {
  if (error instanceof AppError) return error.said
  return say('pos.verbatim', { text: error instanceof Error ? error.message : String(error) })
}

export class Ecr17Session {
  private readonly decoder: Ecr17Decoder
  private queue: Packet[] = []
  private waiter: ((w: Waited) => void) | null = null
  private busy = false

  private readonly onData = (bytes: Buffer) => {
    for (const packet of this.decoder.push(bytes)) {
      if (packet.type === 'junk') {
        this.options.trace?.('pos→ecr', `scartati ${packet.bytes.length} byte (${packet.reason})`)
        continue
      }
      this.deliver(packet)
    }
  }

  private readonly onDisconnect = (reason: Message) => {
    this.decoder.reset()
    this.waiter?.({ type: 'disconnect', reason })
  }

  constructor(
    private readonly transport: ByteTransport,
    private options: SessionOptions
  ) {
    this.decoder = new Ecr17Decoder(options.scope)
    transport.on('data', this.onData)
    transport.on('disconnect', this.onDisconnect)
  }

  /** Stops listening to the transport (another session will use it). */
  dispose(): void {
    this.transport.off('data', this.onData)
    this.transport.off('disconnect', this.onDisconnect)
  }

  private deliver(packet: Packet): void {
    if (this.waiter) this.waiter(packet)
    else this.queue.push(packet)
  }

  private next(timeoutMs: number): Promise<Waited> {
    const queued = this.queue.shift()
    if (queued) return Promise.resolve(queued)
    if (!this.transport.isOpen) return Promise.resolve({ type: 'disconnect', reason: say('pos.reason.linkClosed') })
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null
        resolve({ type: 'timeout' })
      }, timeoutMs)
      this.waiter = (w) => {
        clearTimeout(timer)
        this.waiter = null
        resolve(w)
      }
    })
  }

  private async send(bytes: Buffer, what: string): Promise<boolean> {
    try {
      await this.transport.write(bytes)
      this.options.trace?.('ecr→pos', what)
      return true
    } catch {
      return false
    }
  }

  async request(message: string, options: RequestOptions): Promise<Exchange> {
    if (this.busy) throw new AppError('CONFLICT', 'pos.sessionBusy')
    this.busy = true
    try {
      return await this.exchange(message, options)
    } finally {
      this.busy = false
    }
  }

  private async exchange(message: string, options: RequestOptions): Promise<Exchange> {
    this.queue = []
    this.decoder.reset()
    if (!this.transport.isOpen) {
      try {
        await this.transport.open()
      } catch (error) {
        return { kind: 'not-sent', reason: openFailure(error) }
      }
    }
    const frame = encodeApplication(message, this.options.scope)
    const code = message.slice(9, 10)
    let transmissions = 0
    // Phase 1: until the terminal shows it has the request.
    for (;;) {
      if (!(await this.send(frame, `richiesta ${code}`))) {
        return transmissions === 0 ? { kind: 'not-sent', reason: say('pos.reason.notConnected') } : { kind: 'unknown', reason: 'write-failed' }
      }
      transmissions += 1
      const got = await this.next(this.options.ackTimeoutMs)
      if (got.type === 'ack') {
        if (!options.expectResult) return { kind: 'acked' }
        break
      }
      if (got.type === 'progress') {
        options.onProgress?.(got.text)
        break
      }
      if (got.type === 'application') {
        this.queue.unshift(got) // a result before the ACK: the request was taken
        break
      }
      if (got.type === 'disconnect') {
        return options.financial ? { kind: 'unknown', reason: 'no-ack' } : { kind: 'not-sent', reason: got.reason }
      }
      const refused = got.type === 'nak'
      if (transmissions >= this.options.maxTransmissions) {
        if (refused) return { kind: 'not-sent', reason: say('pos.reason.nak') }
        return options.financial ? { kind: 'unknown', reason: 'no-ack' } : { kind: 'not-sent', reason: say('pos.reason.silent') }
      }
      // Silence after a financial request: the terminal may have it. Only a NAK allows a resend.
      if (!refused && options.financial) return { kind: 'unknown', reason: 'no-ack' }
    }
    // Phase 2: the result.
    let badFrames = 0
    for (;;) {
      const got = await this.next(this.options.resultTimeoutMs)
      if (got.type === 'progress') {
        options.onProgress?.(got.text)
        continue
      }
      if (got.type === 'ack' || got.type === 'nak') continue
      if (got.type === 'timeout') return { kind: 'unknown', reason: 'response-timeout' }
      if (got.type === 'disconnect') return { kind: 'unknown', reason: 'drop-after-ack' }
      if (got.type !== 'application') continue
      if (got.lrcOk) {
        await this.send(encodeControl('ack', this.options.scope), 'ACK')
        if (options.replyCodes && !options.replyCodes.includes(got.message.slice(9, 10))) {
          this.options.trace?.('pos→ecr', `risposta ${got.message.slice(9, 10)} non attesa: ignorata`)
          continue
        }
        return { kind: 'result', message: got.message }
      }
      badFrames += 1
      await this.send(encodeControl('nak', this.options.scope), 'NAK')
      if (badFrames >= this.options.maxTransmissions) return { kind: 'unknown', reason: 'bad-frames' }
    }
  }
}
