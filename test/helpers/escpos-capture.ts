// Test receipt printers that keep every byte they are sent: one listening on TCP (a random port,
// as a print server's 9100), one at the far end of a real pseudo-terminal pair made by socat (the
// desk opens the other end as it would /dev/ttyUSB0).
import { createServer, type Socket } from 'node:net'
import { SerialPort } from 'serialport'
import { createPtyPair } from '../../src-main/core/pos/pty-pair'

export interface CapturingPrinter {
  /** Host and port (TCP) or the path the desk opens (pty). */
  host: string
  port: number
  path: string
  /** Every byte received so far. */
  bytes(): Buffer
  /**
   * The next job: over TCP, what one connection sent once it closed; over the pty, the bytes up to
   * a cut followed by a quiet moment. Fails after `timeoutMs`.
   */
  nextJob(timeoutMs?: number): Promise<Buffer>
  close(): Promise<void>
}

/** A printer on 127.0.0.1 at a random port; each connection is one job. */
export async function captureTcp(): Promise<CapturingPrinter> {
  const received: Buffer[] = []
  const jobs: Buffer[] = []
  const waiting: ((job: Buffer) => void)[] = []
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      received.push(chunk)
    })
    socket.on('end', () => socket.end())
    socket.on('error', () => undefined)
    socket.on('close', () => {
      sockets.delete(socket)
      const job = Buffer.concat(chunks)
      const w = waiting.shift()
      if (w) w(job)
      else jobs.push(job)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address !== 'object') throw new Error('nessuna porta')
  return {
    host: '127.0.0.1',
    port: address.port,
    path: '',
    bytes: () => Buffer.concat(received),
    nextJob: (timeoutMs = 5_000) => {
      const ready = jobs.shift()
      if (ready) return Promise.resolve(ready)
      return new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('nessuna stampa ricevuta sulla porta TCP')), timeoutMs)
        waiting.push((job) => {
          clearTimeout(timer)
          resolve(job)
        })
      })
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

const GS_V = Buffer.from([0x1d, 0x56])

/** A printer on the far end of a socat pty pair: the desk opens `path`. */
export async function capturePty(): Promise<CapturingPrinter> {
  const pair = await createPtyPair()
  const port = new SerialPort({ path: pair.posPath, baudRate: 9600, autoOpen: false })
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())))
  let received = Buffer.alloc(0)
  let taken = 0
  let lastDataAt = 0
  port.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk])
    lastDataAt = Date.now()
  })
  return {
    host: '',
    port: 0,
    path: pair.ecrPath,
    bytes: () => received,
    nextJob: async (timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const pending = received.subarray(taken)
        const cut = pending.indexOf(GS_V)
        // The cut's own bytes and what follows it in the same burst (a line feed) belong to the job.
        if (cut >= 0 && Date.now() - lastDataAt > 150) {
          taken = received.length
          return Buffer.from(pending)
        }
        if (Date.now() > deadline) throw new Error(`nessun taglio ricevuto sul pty (${pending.length} byte)`)
        await new Promise((r) => setTimeout(r, 25))
      }
    },
    close: async () => {
      if (port.isOpen) await new Promise<void>((r) => port.close(() => r()))
      pair.close()
    }
  }
}
