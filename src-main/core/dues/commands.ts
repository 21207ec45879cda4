// The desk's own changes to dues. Each one is validated with pagoPA's rules, written to the cache,
// queued in the outbox and recorded in the audit log in one transaction: the desk keeps working
// offline and nothing it did can be half-saved. One module per kind of change.
import type { z } from 'zod'
import type { UpdateDebtorInput } from '../../contract/debtor-correction'
import type { CloseDueInput, NewDueInput, RegisterPaymentInput, UpdateDueInput } from '../../contract/dues'
import { changeDebtor } from './change-debtor'
import { createCommandContext, type CommandsContext } from './command-context'
import { invalidateDue, removeDue, updateDue } from './change-due'
import { createDue, prepareDue } from './new-due'
import { registerPayment } from './register-payment'

export type { CommandsContext } from './command-context'

export function createDueCommands(ctx: CommandsContext) {
  const c = createCommandContext(ctx)
  return {
    /** Reserves the codes of a due about to be created, so the wizard can show them before saving. */
    prepare: (installments: number) => prepareDue(c, installments),
    create: (input: z.output<typeof NewDueInput>) => createDue(c, input),
    update: (input: z.output<typeof UpdateDueInput>) => updateDue(c, input),
    remove: (input: z.output<typeof CloseDueInput>) => removeDue(c, input),
    invalidate: (input: z.output<typeof CloseDueInput>) => invalidateDue(c, input),
    /** The debtor of a due still unpaid, corrected (the fiscal code stays). */
    updateDebtor: (input: z.output<typeof UpdateDebtorInput>) => changeDebtor(c, input),
    /** A payment taken at the desk outside pagoPA: recorded here, reported to GPD as paid. */
    registerPayment: (input: z.output<typeof RegisterPaymentInput>) => registerPayment(c, input)
  }
}
export type DueCommands = ReturnType<typeof createDueCommands>
