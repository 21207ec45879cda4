// Printing a PDF on the desk's printer, without dialogs, through the operating system's spooler.
// Each platform has its own dependable way; none builds a shell string from data.
import { AppError } from '../../contract/errors'
import type { Message, MessageKey, MessageParams } from '../../contract/messages'

export interface PrinterInfo {
  name: string
  isDefault: boolean
  /** Spooler's own words: idle, printing, disabled, ... */
  state: string
}

export interface PrintSystem {
  list(): Promise<PrinterInfo[]>
  /** Queues the file; resolves with the spooler's job id once accepted. */
  printPdf(file: string, printer: string): Promise<{ jobId: string }>
}

export class PrintError extends AppError {
  constructor(said: MessageKey | Message, params?: MessageParams) {
    super('UNAVAILABLE', said, params)
  }
}
