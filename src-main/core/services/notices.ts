// notices.*, printers.*: the pagoPA notice as PDF, on the desk's printer, by e-mail.
import type { ServiceHandlers } from '../../contract/methods'
import { createMailService } from '../mail/mailer'
import { createNoticeService } from '../notices/notice-service'
import type { ServiceContext } from './context'

export function noticeServices(ctx: ServiceContext) {
  const operator = () => ctx.sessions.operatorName()
  const notices = createNoticeService({ sqlite: ctx.sqlite, settings: ctx.settings, dataDir: ctx.dataDir, printSystem: ctx.printSystem, operator })
  const mail = createMailService({ sqlite: ctx.sqlite, settings: ctx.settings, secrets: ctx.secrets, operator })
  return {
    'notices.pdf': async (input) => {
      const { filename, pdf } = await notices.pdf(input.iupd, input.layout)
      return { filename, base64: Buffer.from(pdf).toString('base64') }
    },
    'notices.print': (input) => notices.print(input.iupd, input.printer, input.layout),
    'notices.printMany': (input) => notices.printMany(input.iupds, input.printer, (done, total) => ctx.events.emit('print.progress', { done, total })),
    'notices.email': async (input) => ({ to: (await mail.send(input.iupd, input.to, input.layout)).to }),
    'printers.list': () => notices.printers(),
    'printers.choose': (input) => {
      notices.choosePrinter(input.name)
      return notices.printers()
    }
  } satisfies Partial<ServiceHandlers>
}
