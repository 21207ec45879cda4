// Windows (the customer's workstations): pdf-to-printer, which drives SumatraPDF shipped inside the
// package, silently, to a named printer; it runs the executable with an argument list.
import { PrintError, type PrinterInfo, type PrintSystem } from './printer'

export function createWindowsPrintSystem(): PrintSystem {
  const load = async () => (await import('pdf-to-printer')) as unknown as {
    getPrinters(): Promise<{ deviceId: string; name: string }[]>
    getDefaultPrinter(): Promise<{ deviceId: string; name: string } | null>
    print(file: string, options: { printer: string }): Promise<void>
  }
  return {
    async list(): Promise<PrinterInfo[]> {
      const lib = await load()
      const [printers, def] = await Promise.all([lib.getPrinters(), lib.getDefaultPrinter().catch(() => null)])
      return printers.map((p) => ({ name: p.deviceId, isDefault: p.deviceId === def?.deviceId, state: 'idle' }))
    },
    async printPdf(file: string, printer: string): Promise<{ jobId: string }> {
      const lib = await load()
      const printers = await lib.getPrinters()
      if (!printers.some((p) => p.deviceId === printer)) throw new PrintError('notices.printing.printerMissing', { printer })
      try {
        await lib.print(file, { printer })
      } catch (error) {
        throw new PrintError('notices.printing.failed', { printer, detail: error instanceof Error ? error.message : String(error) })
      }
      return { jobId: '' }
    }
  }
}
