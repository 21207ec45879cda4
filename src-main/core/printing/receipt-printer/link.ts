// Bytes to the receipt printer: over the network (raw TCP, port 9100, one connection per print,
// as print servers expect) or over a serial/USB line with serialport, as the POS does. Every way
// of failing is said in the operator's words: not configured, unreachable, busy port, no answer.
import { open as openFile } from 'node:fs/promises'
import { Socket } from 'node:net'
import { SerialPort } from 'serialport'
import { AppError } from '../../../contract/errors'
import { message, type Message } from '../../../contract/messages'
import type { ReceiptPrinterSettings } from '../../../contract/receipt-printer'

export interface LinkOptions {
  /** How long to wait for the connection (TCP) or the port (serial). */
  connectTimeoutMs?: number
  /** How long the printer may take to accept the bytes. */
  writeTimeoutMs?: number
}
const CONNECT_TIMEOUT_MS = 5_000
const WRITE_TIMEOUT_MS = 15_000

/** The printer in words, for messages and the settings screen. */
export function receiptPrinterName(settings: ReceiptPrinterSettings | null | undefined): Message {
  if (!settings || settings.mode === 'none') return message('receiptPrinter.name.none')
  if (settings.mode === 'serial') return message('receiptPrinter.name.serial', { path: settings.path, baudRate: settings.baudRate })
  return message('receiptPrinter.name.network', { host: settings.host, port: settings.port })
}

function networkReason(error: Error & { code?: string }): Message {
  switch (error.code) {
    case 'ECONNREFUSED':
      return message('receiptPrinter.reason.refused')
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return message('receiptPrinter.reason.hostUnreachable')
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return message('receiptPrinter.reason.unknownHost')
    case 'ECONNRESET':
    case 'EPIPE':
      return message('receiptPrinter.reason.closed')
    default:
      return message('receiptPrinter.reason.other', { error: error.message })
  }
}

export async function sendToPrinter(settings: ReceiptPrinterSettings, bytes: Uint8Array, options: LinkOptions = {}): Promise<void> {
  if (settings.mode === 'none') throw new AppError('UNAVAILABLE', 'receiptPrinter.notConfigured')
  if (settings.mode === 'network') return sendOverTcp(settings.host, settings.port, receiptPrinterName(settings), bytes, options)
  return sendOverSerial(settings.path, settings.baudRate, receiptPrinterName(settings), bytes, options)
}

function sendOverTcp(host: string, port: number, printer: Message, bytes: Uint8Array, options: LinkOptions): Promise<void> {
  const socket = new Socket()
  return new Promise<void>((resolve, reject) => {
    let settled = false
    let timer = setTimeout(() => fail(new AppError('UNAVAILABLE', 'receiptPrinter.timeout', { printer })), options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS)
    const fail = (error: AppError) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      reject(error)
    }
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ETIMEDOUT') fail(new AppError('UNAVAILABLE', 'receiptPrinter.timeout', { printer }))
      else fail(new AppError('UNAVAILABLE', 'receiptPrinter.unreachable', { printer, error: networkReason(error) }))
    })
    socket.connect(port, host, () => {
      clearTimeout(timer)
      timer = setTimeout(() => fail(new AppError('UNAVAILABLE', 'receiptPrinter.timeout', { printer })), options.writeTimeoutMs ?? WRITE_TIMEOUT_MS)
      // Every byte handed to the system and our side closed: the print server prints the job.
      socket.end(Buffer.from(bytes), () => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        // The printer closes its side in turn; one that does not is let go.
        setTimeout(() => socket.destroy(), 2_000).unref()
        resolve()
      })
    })
  })
}

/** What a refused serial port means: held by another program, missing, or not a serial line at all. */
function serialOpenError(path: string, printer: Message, error: Error): AppError | 'not-a-tty' {
  const text = error.message
  if (/Cannot lock port|EBUSY|Resource busy|Access denied|Accesso negato/i.test(text)) return new AppError('UNAVAILABLE', 'receiptPrinter.portBusy', { path })
  if (/No such file|ENOENT|File not found|cannot find the file/i.test(text)) return new AppError('UNAVAILABLE', 'receiptPrinter.portMissing', { path })
  if (/ENOTTY|Inappropriate ioctl/i.test(text)) return 'not-a-tty'
  return new AppError('UNAVAILABLE', 'receiptPrinter.unreachable', { printer, error: message('receiptPrinter.reason.other', { error: text }) })
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => AppError): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

async function sendOverSerial(path: string, baudRate: number, printer: Message, bytes: Uint8Array, options: LinkOptions): Promise<void> {
  const timeout = () => new AppError('UNAVAILABLE', 'receiptPrinter.timeout', { printer })
  const port = new SerialPort({ path, baudRate, autoOpen: false })
  port.on('error', () => undefined)
  const opened = await withTimeout(
    new Promise<AppError | 'not-a-tty' | null>((resolve) => port.open((error) => resolve(error ? serialOpenError(path, printer, error) : null))),
    options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    timeout
  ).catch((error: unknown) => {
    // A port that opens after we gave up is closed again.
    port.once('open', () => port.close())
    throw error
  })
  // A USB printer of the printer class (/dev/usb/lp0 on Linux) is a device file, not a serial line.
  if (opened === 'not-a-tty') return writeDeviceFile(path, printer, bytes, options)
  if (opened) throw opened
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => port.write(Buffer.from(bytes), (error) => (error ? reject(error) : port.drain((e) => (e ? reject(e) : resolve()))))),
      options.writeTimeoutMs ?? WRITE_TIMEOUT_MS,
      timeout
    )
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('UNAVAILABLE', 'receiptPrinter.unreachable', { printer, error: message('receiptPrinter.reason.other', { error: error instanceof Error ? error.message : String(error) }) })
  } finally {
    await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()))
  }
}

async function writeDeviceFile(path: string, printer: Message, bytes: Uint8Array, options: LinkOptions): Promise<void> {
  const write = async () => {
    const file = await openFile(path, 'w')
    try {
      await file.write(bytes)
    } finally {
      await file.close()
    }
  }
  try {
    await withTimeout(write(), options.writeTimeoutMs ?? WRITE_TIMEOUT_MS, () => new AppError('UNAVAILABLE', 'receiptPrinter.timeout', { printer }))
  } catch (error) {
    if (error instanceof AppError) throw error
    const code = (error as { code?: string }).code
    if (code === 'EBUSY') throw new AppError('UNAVAILABLE', 'receiptPrinter.portBusy', { path })
    throw new AppError('UNAVAILABLE', 'receiptPrinter.unreachable', { printer, error: message('receiptPrinter.reason.other', { error: error instanceof Error ? error.message : String(error) }) })
  }
}
