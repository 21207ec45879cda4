// debtors.get: the known citizen with a fiscal code, with the date of each field, which the
// new-due wizard compares with what the operator typed. (debtors.search and debtors.import are
// with the dues, in dues.ts.)
import type { ServiceHandlers } from '../../contract/methods'
import { knownDebtor } from '../debtors/records'
import type { ServiceContext } from './context'

export function debtorServices(ctx: ServiceContext) {
  return {
    'debtors.get': (input) => ({ debtor: knownDebtor(ctx.sqlite, input.fiscalCode) })
  } satisfies Partial<ServiceHandlers>
}
