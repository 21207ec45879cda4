// pos.*: "Pagamento tramite POS", the terminal's settings, the till and the end-of-day closing.
import type { ServiceHandlers } from '../../contract/methods'
import { createAuditLog } from '../audit/audit-log'
import { createPdfPrinter } from '../printing/pdf-printer'
import type { ServiceContext } from './context'

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

export function posServices(ctx: ServiceContext) {
  const { pos } = ctx
  const audit = createAuditLog(ctx.sqlite)
  const pdfPrinter = createPdfPrinter({ dataDir: ctx.dataDir, settings: ctx.settings, printSystem: ctx.printSystem })
  return {
    // A recorded POS payment reports itself as a change (see the contract's `writes`); a refused one changes nothing.
    'pos.pay': (input) => pos.pay(input.nav),
    'pos.resolve': (input) => pos.resolve(input.id, input.approved, input.note),
    'pos.settings': () => pos.settingsInfo(),
    'pos.test': (input) => pos.test(input),
    'pos.saveSettings': async (input) => {
      await pos.configure(input)
      audit.append({ operator: ctx.sessions.operatorName(), action: 'settings', entity: 'settings', entityKey: 'pos', after: input, reason: 'Terminale POS configurato' })
      return pos.settingsInfo()
    },
    'pos.journal': () => pos.journal(),
    'pos.receipt': async (input) => {
      const { filename, pdf } = await pos.receipt(input.id)
      return { filename, base64: base64(pdf) }
    },
    'pos.printReceipt': async (input) => {
      const printer = pdfPrinter.chosen()
      const { pdf } = await pos.receipt(input.id)
      return { printer, ...(await pdfPrinter.print(pdf, printer, 'ricevuta-pos')) }
    },
    'pos.closeDay': () => pos.closeDay(),
    'pos.report': async (input) => {
      const { filename, bytes } = await pos.report(input.closureId, input.format)
      return { filename, base64: base64(bytes) }
    }
  } satisfies Partial<ServiceHandlers>
}
