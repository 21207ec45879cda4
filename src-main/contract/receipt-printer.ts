// The receipt printer in the contract: an 80 mm thermal printer speaking ESC/POS, on a serial/USB
// line or on the network (raw TCP, port 9100). Its settings are checked here, so the settings
// screen and the services agree.
import { z } from 'zod'
import type { Message } from './messages'
import type { SerialPortInfo } from './pos'

/** The usual speeds of serial receipt printers; any positive speed is accepted. */
export const RECEIPT_PRINTER_BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const
/** Characters per line of an 80 mm roll: 48 in font A on most printers, 42 on some. */
export const RECEIPT_PRINTER_COLUMNS = [48, 42] as const
export const RECEIPT_PRINTER_DEFAULT_PORT = 9100

const Columns = z.union([z.literal(48), z.literal(42)]).default(48)

export const ReceiptPrinterSettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }).strict(),
  z
    .object({
      mode: z.literal('serial'),
      path: z.string().trim().min(1, 'receiptPrinter.input.path').max(200),
      baudRate: z.number().int().positive().max(1_000_000).default(9600),
      columns: Columns
    })
    .strict(),
  z
    .object({
      mode: z.literal('network'),
      host: z.string().trim().min(1, 'receiptPrinter.input.host').max(200),
      port: z.number().int().min(1).max(65535).default(RECEIPT_PRINTER_DEFAULT_PORT),
      columns: Columns
    })
    .strict()
])
export type ReceiptPrinterSettings = z.output<typeof ReceiptPrinterSettingsSchema>
export type ReceiptPrinterSettingsInput = z.input<typeof ReceiptPrinterSettingsSchema>
export type ReceiptPrinterMode = ReceiptPrinterSettings['mode']

export interface ReceiptPrinterSettingsInfo {
  /** `{ mode: 'none' }` until a printer is set up. */
  settings: ReceiptPrinterSettings
  /** The printer in words: its port or address, or that there is none. */
  printer: Message
  /** The workstation's serial ports, for the port list. */
  ports: SerialPortInfo[]
  /** Why the port list may be incomplete: the path can still be typed. */
  portsNote: Message | null
}

export interface ReceiptPrinterTestResult {
  ok: boolean
  message: Message
}
