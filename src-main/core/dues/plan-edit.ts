// Changing the amounts and due dates of a due: a single payment, or a plan of installments whose
// single payment ("rata unica") always covers the whole and falls due with the first installment.
// GPD takes the whole position again on update, so the plan is changed whole, while nothing is paid.
import { message, type Message } from '../../contract/messages'

export interface PlanOption {
  nav: string
  installmentNo: number
  amountCents: number
  dueDate: string
}

/** Why amounts and due dates can no longer change, or null: once any option is paid. */
export function planEditRefusal(optionStatuses: readonly string[]): Message | null {
  return optionStatuses.some((s) => s !== 'PO_UNPAID') ? message('dues.planPaid') : null
}

/**
 * The plan after the change, with its single payment recomputed, or why it is refused. `next`
 * names each installment by its notice number.
 */
export function changedPlan(current: readonly PlanOption[], next: readonly { nav: string; amountCents: number; dueDate: string }[], today: string): { options: PlanOption[] } | { refusal: Message } {
  const installments = current.filter((o) => o.installmentNo > 0).sort((a, b) => a.installmentNo - b.installmentNo)
  const single = current.find((o) => o.installmentNo === 0)
  const byNav = new Map(next.map((n) => [n.nav, n]))
  if (next.length !== installments.length || byNav.size !== next.length || installments.some((i) => !byNav.has(i.nav))) {
    return { refusal: message('dues.planIncomplete', { count: installments.length }) }
  }
  const changed = installments.map((i) => ({ ...i, amountCents: byNav.get(i.nav)!.amountCents, dueDate: byNav.get(i.nav)!.dueDate }))
  for (const [n, i] of changed.entries()) {
    if (!Number.isSafeInteger(i.amountCents) || i.amountCents <= 0) return { refusal: message('dues.installmentNotPositive', { n: n + 1 }) }
    if (i.dueDate < today) return { refusal: message('dues.installmentDueDatePast', { n: n + 1 }) }
    if (n > 0 && i.dueDate <= changed[n - 1]!.dueDate) return { refusal: message('dues.installmentsOrderOrSame', { n: n + 1, previous: n }) }
  }
  if (changed.every((c, n) => c.amountCents === installments[n]!.amountCents && c.dueDate === installments[n]!.dueDate)) return { refusal: message('dues.planUnchanged') }
  const total = changed.reduce((sum, i) => sum + i.amountCents, 0)
  const options = single ? [{ ...single, amountCents: total, dueDate: changed[0]!.dueDate }, ...changed] : changed
  return { options }
}
