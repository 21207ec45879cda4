// The terminal simulator on a pty (its end opened as a serial port) or on TCP.
import { createServer, type Server } from 'node:net'
import { SerialPort } from 'serialport'
import { createPtyPair, type PtyPair } from './pty-pair'
import { TerminalSimulator, type TerminalOptions } from './simulator'

export interface ServedTerminal {
  simulator: TerminalSimulator
  /** The path the desk opens (pty) or the port it connects to (TCP). */
  address: string
  close(): Promise<void>
}

export async function serveTerminalOnPty(options: TerminalOptions = {}, pair?: PtyPair): Promise<ServedTerminal> {
  const pty = pair ?? (await createPtyPair())
  const simulator = new TerminalSimulator(options)
  let port: SerialPort | null = null
  const open = async (): Promise<void> => {
    const next = new SerialPort({ path: pty.posPath, baudRate: 9600, autoOpen: false })
    await new Promise<void>((resolve, reject) => next.open((e) => (e ? reject(e) : resolve())))
    // A terminal that was off heard nothing: drop what the desk sent meanwhile.
    await new Promise<void>((resolve) => next.flush(() => resolve()))
    port = next
    const feed = simulator.attach({
      write: (bytes) => {
        if (next.isOpen) next.write(bytes)
      },
      // A serial line cannot be "dropped" from the terminal's side: it goes quiet instead.
      close: () => {
        next.removeAllListeners('data')
        setTimeout(() => void reopen(), options.powerOffMs ?? 200)
      }
    })
    next.on('data', feed)
  }
  const reopen = async () => {
    const old = port
    port = null
    if (old?.isOpen) await new Promise<void>((r) => old.close(() => r()))
    await open()
  }
  await open()
  return {
    simulator,
    address: pty.ecrPath,
    close: async () => {
      const p = port
      port = null
      if (p?.isOpen) await new Promise<void>((r) => p.close(() => r()))
      pty.close()
    }
  }
}

export async function serveTerminalOnTcp(options: TerminalOptions = {}, listenPort = 0): Promise<ServedTerminal> {
  const simulator = new TerminalSimulator(options)
  const sockets = new Set<import('node:net').Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.setNoDelay(true)
    const feed = simulator.attach({ write: (bytes) => socket.write(bytes), close: () => socket.destroy() })
    socket.on('data', feed)
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve))
  const address = server.address()
  return {
    simulator,
    address: typeof address === 'object' && address ? String(address.port) : String(listenPort),
    close: () =>
      new Promise<void>((resolve) => {
        // Switching the terminal off ends its connections too.
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
