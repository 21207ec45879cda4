// Bytes to and from the terminal, over a serial line (RS232 or USB) or TCP, behind one interface.
// A write on a closed transport fails at once: it is never queued to go out after a reconnection
// (serialport's stream would otherwise hold it until the next 'open' and send a payment late).
import { EventEmitter } from 'node:events'
import { Socket } from 'node:net'
import { SerialPort } from 'serialport'
import { AppError } from '../../contract/errors'
import { message, type Message } from '../../contract/messages'

export interface ByteTransport {
  open(): Promise<void>
  write(bytes: Uint8Array): Promise<void>
  close(): Promise<void>
  readonly isOpen: boolean
  /** Which terminal, for the operator: a port or address (data), or the virtual terminal's name. */
  readonly description: Message
  on(event: 'data', listener: (bytes: Buffer) => void): this
  /** Why the link went down: the reason a request was not sent. */
  on(event: 'disconnect', listener: (reason: Message) => void): this
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  off(event: string, listener: (...args: any[]) => void): this
}

export class TransportClosedError extends Error {
  constructor() {
    super('Collegamento con il POS chiuso')
  }
}

export interface SerialSettings {
  path: string
  baudRate: number
  dataBits: 7 | 8
  parity: 'none' | 'even' | 'odd'
  stopBits: 1 | 2
}

export class SerialTransport extends EventEmitter implements ByteTransport {
  private port: SerialPort | null = null

  constructor(private readonly settings: SerialSettings) {
    super()
  }

  get description(): Message {
    return message('pos.terminalName.serial', { path: this.settings.path, line: `${this.settings.baudRate} ${this.settings.dataBits}${this.settings.parity[0]!.toUpperCase()}${this.settings.stopBits}` })
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false
  }

  open(): Promise<void> {
    if (this.isOpen) return Promise.resolve()
    // A new SerialPort for every connection: an old one may hold writes for its next 'open'.
    const port = new SerialPort({ ...this.settings, autoOpen: false })
    this.port = port
    port.on('data', (bytes: Buffer) => this.emit('data', bytes))
    port.on('close', (error: (Error & { disconnected?: boolean }) | null) => {
      if (this.port === port) this.port = null
      this.emit('disconnect', message(error?.disconnected ? 'pos.reason.linkBroken' : 'pos.reason.linkClosed'))
    })
    port.on('error', () => undefined)
    return new Promise((resolve, reject) =>
      port.open((error) => {
        if (error) {
          this.port = null
          reject(new AppError('UNAVAILABLE', 'pos.link.portNotOpened', { path: this.settings.path, error: error.message }))
        } else resolve()
      })
    )
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port
    if (!port || !port.isOpen) return Promise.reject(new TransportClosedError())
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => (error ? reject(error) : port.drain((e) => (e ? reject(e) : resolve()))))
    })
  }

  close(): Promise<void> {
    const port = this.port
    this.port = null
    if (!port) return Promise.resolve()
    return new Promise((resolve) => {
      if (!port.isOpen) {
        port.destroy()
        return resolve()
      }
      port.close(() => {
        port.destroy()
        resolve()
      })
    })
  }
}

/** LAN terminals (Nexi's preferred link): one connection per command, as they close it between transactions. */
export class TcpTransport extends EventEmitter implements ByteTransport {
  private socket: Socket | null = null

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs = 5_000
  ) {
    super()
  }

  get description(): Message {
    return message('pos.terminalName.network', { host: this.host, port: this.port })
  }

  get isOpen(): boolean {
    return this.socket !== null && !this.socket.destroyed && this.socket.readyState === 'open'
  }

  open(): Promise<void> {
    if (this.isOpen) return Promise.resolve()
    const socket = new Socket()
    this.socket = socket
    socket.setNoDelay(true)
    socket.on('data', (bytes) => this.emit('data', bytes))
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null
      this.emit('disconnect', message('pos.reason.linkClosed'))
    })
    socket.on('error', () => undefined)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy()
        reject(new AppError('UNAVAILABLE', 'pos.link.timeout', { terminal: this.description }))
      }, this.connectTimeoutMs)
      socket.once('connect', () => {
        clearTimeout(timer)
        resolve()
      })
      socket.once('error', (error) => {
        clearTimeout(timer)
        reject(new AppError('UNAVAILABLE', 'pos.link.unreachable', { terminal: this.description, error: error.message }))
      })
      socket.connect(this.port, this.host)
    })
  }

  write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket
    if (!socket || !this.isOpen) return Promise.reject(new TransportClosedError())
    return new Promise((resolve, reject) => socket.write(Buffer.from(bytes), (error) => (error ? reject(error) : resolve())))
  }

  close(): Promise<void> {
    const socket = this.socket
    this.socket = null
    if (!socket) return Promise.resolve()
    return new Promise((resolve) => {
      socket.once('close', () => resolve())
      socket.end()
      setTimeout(() => {
        socket.destroy()
        resolve()
      }, 500).unref()
    })
  }
}
