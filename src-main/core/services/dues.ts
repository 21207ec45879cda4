// dues.*, debtors.*: finding, reading, creating and changing dues, and the citizens they belong to.
import type { ServiceHandlers } from '../../contract/methods'
import { createDebtorRegistry } from '../debtors/registry'
import { createDueCommands } from '../dues/commands'
import { createDueDetail } from '../dues/detail'
import { exportDues } from '../dues/export-csv'
import { createDueSearch } from '../dues/search'
import { mailRefusal } from '../mail/mailer'
import { receiptRefusal } from '../receipts/numbering'
import type { ServiceContext } from './context'
import { dueSearchServices } from './due-search'

export function dueServices(ctx: ServiceContext) {
  const { sessions } = ctx
  const search = createDueSearch(ctx.sqlite)
  const detail = createDueDetail(ctx.sqlite, { posRefusal: () => ctx.pos.refusal(), mailRefusal: () => mailRefusal(ctx.settings), receiptRefusal: () => receiptRefusal(ctx.settings) })
  const registry = createDebtorRegistry(ctx.sqlite)
  const commands = createDueCommands({ sqlite: ctx.sqlite, settings: ctx.settings, dataDir: ctx.dataDir, operator: () => sessions.operatorName() })
  const dueOf = (iupd: string) => detail(iupd, sessions.who())
  return {
    ...dueSearchServices(ctx, search),
    'dues.exportCsv': (input) => exportDues(search, input),
    'dues.get': (input) => dueOf(input.iupd),
    'dues.prepare': (input) => commands.prepare(input.installments),
    'dues.create': (input) => ({ iupd: commands.create(input).iupd }),
    'dues.update': (input) => {
      commands.update(input)
      return dueOf(input.iupd)
    },
    'dues.delete': (input) => commands.remove(input),
    'dues.invalidate': (input) => {
      commands.invalidate(input)
      return dueOf(input.iupd)
    },
    'dues.registerPayment': (input) => dueOf(commands.registerPayment(input).iupd),
    'dues.updateDebtor': (input) => {
      commands.updateDebtor(input)
      return dueOf(input.iupd)
    },
    'debtors.search': (input) => registry.search(input.text, input.limit),
    'debtors.import': (input) => registry.importCsv(input.csv)
  } satisfies Partial<ServiceHandlers>
}
