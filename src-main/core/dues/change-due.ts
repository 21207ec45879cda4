// Changing a due the desk holds: amounts and due dates (a single payment, or a whole plan of
// installments), deletion where GPD allows it, cancellation. Each change, its outbox entry and its
// audit entry are one transaction.
import type { z } from 'zod'
import type { CloseDueInput, UpdateDueInput } from '../../contract/dues'
import { AppError } from '../../contract/errors'
import { whyNotAllowed } from '../pagopa/status-rules'
import { cents, refuseIf, type DueCommandContext, type PositionRow } from './command-context'
import { changedPlan, planEditRefusal, type PlanOption } from './plan-edit'

type OptionRow = PlanOption & { id: number; status: string }

/** The options after the change: every installment of a plan, or the single payment's new amount and date. */
function nextOptions(c: DueCommandContext, p: PositionRow, options: OptionRow[], input: z.output<typeof UpdateDueInput>): PlanOption[] {
  if (options.some((o) => o.installmentNo > 0)) {
    if (input.amount !== undefined || input.dueDate !== undefined) throw new AppError('INVALID_INPUT', 'dues.planNeedsInstallments')
    if (!input.installments) throw new AppError('INVALID_INPUT', 'dues.installmentsMissing')
    const plan = changedPlan(options, input.installments.map((i, n) => ({ nav: i.nav, amountCents: cents(i.amount, n + 1), dueDate: i.dueDate })), c.today())
    if ('refusal' in plan) throw new AppError('INVALID_INPUT', plan.refusal)
    return plan.options
  }
  if (input.installments) throw new AppError('INVALID_INPUT', 'dues.notAPlan')
  if (input.amount === undefined && input.dueDate === undefined) throw new AppError('INVALID_INPUT', 'dues.changeMissing')
  const amountCents = input.amount === undefined ? p.amount_cents : cents(input.amount)
  const dueDate = input.dueDate ?? p.due_date
  if (input.dueDate !== undefined && input.dueDate < c.today()) throw new AppError('INVALID_INPUT', 'dues.newDueDatePast')
  if (amountCents === p.amount_cents && dueDate === p.due_date) throw new AppError('INVALID_INPUT', 'dues.unchanged')
  return [{ ...options[0]!, amountCents, dueDate }]
}

export function updateDue(c: DueCommandContext, input: z.output<typeof UpdateDueInput>): void {
  const p = c.mustFind(input.iupd)
  refuseIf(whyNotAllowed('edit', p.status))
  const options = c.sqlite.prepare<[number], OptionRow>('SELECT id, nav, installment_no AS installmentNo, amount_cents AS amountCents, due_date AS dueDate, status FROM payment_options WHERE position_id = ? ORDER BY installment_no').all(p.id)
  refuseIf(planEditRefusal(options.map((o) => o.status)))
  const next = nextOptions(c, p, options, input)
  const transfersOf = c.sqlite.prepare('SELECT count(*) FROM transfers WHERE option_id = ?').pluck()
  const after = (o: OptionRow) => next.find((n) => n.nav === o.nav)!
  for (const o of options) {
    if (after(o).amountCents !== o.amountCents && transfersOf.get(o.id) !== 1) throw new AppError('CONFLICT', 'dues.manyBeneficiaries')
  }
  const total = next.find((o) => o.installmentNo === 0)?.amountCents ?? next.reduce((sum, o) => sum + o.amountCents, 0)
  const firstDue = next.map((o) => o.dueDate).sort()[0]!
  c.sqlite.transaction(() => {
    const before = c.snapshot(p.iupd)
    c.sqlite.prepare("UPDATE positions SET amount_cents = ?, due_date = ?, status = CASE status WHEN 'EXPIRED' THEN 'VALID' ELSE status END, sync_state = 'pending' WHERE id = ?").run(total, firstDue, p.id)
    const updateOption = c.sqlite.prepare('UPDATE payment_options SET amount_cents = ?, due_date = ? WHERE id = ?')
    const updateTransfer = c.sqlite.prepare('UPDATE transfers SET amount_cents = ? WHERE option_id = ?')
    for (const o of options) {
      updateOption.run(after(o).amountCents, after(o).dueDate, o.id)
      updateTransfer.run(after(o).amountCents, o.id)
    }
    c.outbox.enqueue('update', p.iupd, {})
    c.audit.append({ operator: c.operator(), action: 'update', entity: 'position', entityKey: p.iupd, before, after: c.snapshot(p.iupd), reason: input.reason })
  })()
}

/** Deletes where GPD allows it; a due never sent to the backend simply disappears. */
export function removeDue(c: DueCommandContext, input: z.output<typeof CloseDueInput>): { removedLocallyOnly: boolean } {
  const p = c.mustFind(input.iupd)
  refuseIf(whyNotAllowed('delete', p.status))
  return c.sqlite.transaction(() => {
    const before = c.snapshot(p.iupd)
    const neverSent = c.outbox.dropUnsentCreate(p.iupd)
    c.sqlite.prepare('DELETE FROM positions WHERE id = ?').run(p.id)
    if (!neverSent) c.outbox.enqueue('delete', p.iupd, {})
    c.audit.append({ operator: c.operator(), action: 'delete', entity: 'position', entityKey: p.iupd, before, reason: input.reason })
    return { removedLocallyOnly: neverSent }
  })()
}

export function invalidateDue(c: DueCommandContext, input: z.output<typeof CloseDueInput>): void {
  const p = c.mustFind(input.iupd)
  refuseIf(whyNotAllowed('invalidate', p.status))
  c.sqlite.transaction(() => {
    const before = c.snapshot(p.iupd)
    c.sqlite.prepare("UPDATE positions SET status = 'INVALID', sync_state = 'pending' WHERE id = ?").run(p.id)
    c.outbox.enqueue('invalidate', p.iupd, {})
    c.audit.append({ operator: c.operator(), action: 'invalidate', entity: 'position', entityKey: p.iupd, before, after: c.snapshot(p.iupd), reason: input.reason })
  })()
}
