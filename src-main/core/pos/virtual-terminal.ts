// The embedded default: the terminal simulator inside the app, behind the same ByteTransport as a
// real serial or TCP terminal, so a desk with no POS configured goes through the very same
// journal, session and recovery code. Bytes cross asynchronously, as they would on a wire.
import { EventEmitter } from 'node:events'
import { message, type Message } from '../../contract/messages'
import { TerminalSimulator, type TerminalOptions } from './simulator'
import { TransportClosedError, type ByteTransport } from './transport'

export class VirtualTerminalTransport extends EventEmitter implements ByteTransport {
  readonly simulator: TerminalSimulator
  private toTerminal: ((bytes: Buffer) => void) | null = null

  constructor(options: TerminalOptions = {}) {
    super()
    // A short pause per step, so the operator sees the progress a real terminal reports.
    this.simulator = new TerminalSimulator({ stepMs: 300, ...options })
  }

  get description(): Message {
    return message('pos.terminalName.virtual', { terminalId: this.simulator.terminalId })
  }

  get isOpen(): boolean {
    return this.toTerminal !== null
  }

  open(): Promise<void> {
    if (this.toTerminal) return Promise.resolve()
    this.toTerminal = this.simulator.attach({
      write: (bytes) => setImmediate(() => this.emit('data', Buffer.from(bytes))),
      close: () => {
        this.toTerminal = null
        setImmediate(() => this.emit('disconnect', message('pos.reason.closedByTerminal')))
      }
    })
    return Promise.resolve()
  }

  write(bytes: Uint8Array): Promise<void> {
    const deliver = this.toTerminal
    if (!deliver) return Promise.reject(new TransportClosedError())
    const copy = Buffer.from(bytes)
    setImmediate(() => deliver(copy))
    return Promise.resolve()
  }

  close(): Promise<void> {
    this.toTerminal = null
    return Promise.resolve()
  }
}
