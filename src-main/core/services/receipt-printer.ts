// receiptPrinter.*: the desk's receipt printer (ESC/POS) in Impostazioni › Stampa: its settings,
// the serial ports to choose from, and the "Stampa di prova".
import type { ServiceHandlers } from '../../contract/methods'
import type { ReceiptPrinterSettingsInfo } from '../../contract/receipt-printer'
import { AppError } from '../../contract/errors'
import { createAuditLog } from '../audit/audit-log'
import { listSerialPorts } from '../pos/ports'
import { printTestPage, receiptPrinterName } from '../printing/receipt-printer/receipt-printer'
import { readReceiptPrinterSettings, saveReceiptPrinterSettings } from '../printing/receipt-printer/settings'
import type { EnteSettings } from '../settings/settings'
import type { ServiceContext } from './context'

/** What the slice needs of the desk: the cache (audit), the settings, who is signed in. */
type PrinterContext = Pick<ServiceContext, 'sqlite' | 'settings'> & { sessions: Pick<ServiceContext['sessions'], 'operatorName'> }

export function receiptPrinterServices(ctx: PrinterContext) {
  const audit = createAuditLog(ctx.sqlite)
  async function info(): Promise<ReceiptPrinterSettingsInfo> {
    const settings = readReceiptPrinterSettings(ctx.settings)
    const { ports, note } = await listSerialPorts()
    return { settings, printer: receiptPrinterName(settings), ports, portsNote: note }
  }
  return {
    'receiptPrinter.settings': () => info(),
    'receiptPrinter.save': async (input) => {
      saveReceiptPrinterSettings(ctx.settings, input)
      audit.append({ operator: ctx.sessions.operatorName(), action: 'settings', entity: 'settings', entityKey: 'receiptPrinter', after: input, reason: 'Stampante per ricevute configurata' })
      return info()
    },
    // The printer in the form, saved or not: the operator tries it before saving.
    'receiptPrinter.test': async (input) => {
      const ente = ctx.settings.get<EnteSettings>('ente')?.name ?? ''
      try {
        return { ok: true, message: await printTestPage(input, ente) }
      } catch (error) {
        if (error instanceof AppError) return { ok: false, message: error.said }
        throw error
      }
    }
  } satisfies Partial<ServiceHandlers>
}
