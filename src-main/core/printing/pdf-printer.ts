// A PDF made in memory, printed on the desk's chosen printer (or one named): written inside the
// app's data folder for the spooler, removed once queued.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../contract/errors'
import type { SettingsStore } from '../settings/settings'
import type { PrintSystem } from './printer'

export interface PrinterSettings {
  name: string
}

export function createPdfPrinter(options: { dataDir: string; settings: SettingsStore; printSystem: () => Promise<PrintSystem> }) {
  const spool = join(options.dataDir, 'stampa')
  return {
    chosen(explicit?: string): string {
      const name = explicit ?? options.settings.get<PrinterSettings>('printer')?.name
      if (!name) throw new AppError('INVALID_INPUT', 'notices.printing.noPrinterChosen')
      return name
    },
    async print(pdf: Uint8Array, printer: string, what: string): Promise<{ jobId: string }> {
      mkdirSync(spool, { recursive: true })
      const file = join(spool, `${what}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.pdf`)
      writeFileSync(file, pdf)
      try {
        return await (await options.printSystem()).printPdf(file, printer)
      } finally {
        rmSync(file, { force: true })
      }
    }
  }
}
export type PdfPrinter = ReturnType<typeof createPdfPrinter>
