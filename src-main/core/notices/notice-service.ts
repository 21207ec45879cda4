// Notices for the desk: as PDF, on the desk's printer (one, or many with progress), recorded in
// the due's history. Files to print are written inside the app's data folder and removed after.
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import { message, type Message } from '../../contract/messages'
import { createAuditLog } from '../audit/audit-log'
import { createPdfPrinter, type PrinterSettings } from '../printing/pdf-printer'
import type { PrintSystem } from '../printing/printer'
import type { SettingsStore } from '../settings/settings'
import { noticeDataFor } from './notice-data'
import { renderNotice, type NoticeLayout } from './render'

export type { PrinterSettings } from '../printing/pdf-printer'

export interface NoticeServiceOptions {
  sqlite: Database.Database
  settings: SettingsStore
  dataDir: string
  printSystem: () => Promise<PrintSystem>
  operator: () => string
}

export function createNoticeService(options: NoticeServiceOptions) {
  const { sqlite, settings } = options
  const audit = createAuditLog(sqlite)
  const pdfPrinter = createPdfPrinter(options)
  const chosenPrinter = (explicit?: string) => pdfPrinter.chosen(explicit)
  const printFile = (pdf: Uint8Array, name: string) => pdfPrinter.print(pdf, name, 'avviso')

  const record = (iupd: string, action: string, reason: string) =>
    audit.append({ operator: options.operator(), action, entity: 'position', entityKey: iupd, reason })

  return {
    async pdf(iupd: string, layout: NoticeLayout = 'it'): Promise<{ filename: string; pdf: Uint8Array }> {
      const data = noticeDataFor(sqlite, settings, iupd)
      const pdf = await renderNotice(data, { layout })
      const nav = data.single?.nav ?? data.installments[0]!.nav
      return { filename: `avviso-${nav}.pdf`, pdf }
    },

    async print(iupd: string, printer?: string, layout: NoticeLayout = 'it'): Promise<{ printer: string; jobId: string }> {
      const name = chosenPrinter(printer)
      const pdf = await renderNotice(noticeDataFor(sqlite, settings, iupd), { layout })
      const job = await printFile(pdf, name)
      record(iupd, 'print', `Avviso stampato su ${name}${job.jobId ? ` (lavoro ${job.jobId})` : ''}`)
      return { printer: name, ...job }
    },

    /** Several notices, one document and one print job each, so that a failure names its due. */
    async printMany(
      iupds: string[],
      printer: string | undefined,
      onProgress: (done: number, total: number) => void
    ): Promise<{ printed: number; failed: { iupd: string; message: Message }[] }> {
      const name = chosenPrinter(printer)
      const failed: { iupd: string; message: Message }[] = []
      let printed = 0
      for (const [index, iupd] of iupds.entries()) {
        try {
          const pdf = await renderNotice(noticeDataFor(sqlite, settings, iupd))
          const job = await printFile(pdf, name)
          record(iupd, 'print', `Avviso stampato su ${name}${job.jobId ? ` (lavoro ${job.jobId})` : ''}`)
          printed += 1
        } catch (error) {
          const said = error instanceof AppError ? error.said : message('notices.printFailedDetail', { detail: error instanceof Error ? error.message : String(error) })
          failed.push({ iupd, message: said })
        }
        onProgress(index + 1, iupds.length)
      }
      return { printed, failed }
    },

    async printers() {
      const list = await (await options.printSystem()).list()
      const chosen = settings.get<PrinterSettings>('printer')?.name ?? null
      return { printers: list, chosen }
    },

    choosePrinter(name: string): void {
      settings.set('printer', { name } satisfies PrinterSettings)
    }
  }
}
export type NoticeService = ReturnType<typeof createNoticeService>
