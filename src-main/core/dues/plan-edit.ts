// Changing the amounts and due dates of a due: a single payment, or a plan of installments whose
// single payment ("rata unica") always covers the whole and falls due with the first installment.
// GPD takes the whole position again on update, so the plan is changed whole, while nothing is paid.
export interface PlanOption {
  nav: string
  installmentNo: number
  amountCents: number
  dueDate: string
}

/** Why amounts and due dates can no longer change, or null: once any option is paid. */
export function planEditRefusal(optionStatuses: readonly string[]): string | null {
  return optionStatuses.some((s) => s !== 'PO_UNPAID') ? 'Una rata o l’avviso risultano già pagati: importi e scadenze non si possono più modificare.' : null
}

/**
 * The plan after the change, with its single payment recomputed, or why it is refused. `next`
 * names each installment by its notice number.
 */
export function changedPlan(current: readonly PlanOption[], next: readonly { nav: string; amountCents: number; dueDate: string }[], today: string): { options: PlanOption[] } | { refusal: string } {
  const installments = current.filter((o) => o.installmentNo > 0).sort((a, b) => a.installmentNo - b.installmentNo)
  const single = current.find((o) => o.installmentNo === 0)
  const byNav = new Map(next.map((n) => [n.nav, n]))
  if (next.length !== installments.length || byNav.size !== next.length || installments.some((i) => !byNav.has(i.nav))) {
    return { refusal: `Indicare importo e scadenza di ciascuna delle ${installments.length} rate del dovuto.` }
  }
  const changed = installments.map((i) => ({ ...i, amountCents: byNav.get(i.nav)!.amountCents, dueDate: byNav.get(i.nav)!.dueDate }))
  for (const [n, i] of changed.entries()) {
    if (!Number.isSafeInteger(i.amountCents) || i.amountCents <= 0) return { refusal: `Rata ${n + 1}: l'importo deve essere maggiore di zero.` }
    if (i.dueDate < today) return { refusal: `La scadenza della rata ${n + 1} non può essere nel passato.` }
    if (n > 0 && i.dueDate <= changed[n - 1]!.dueDate) return { refusal: `Le scadenze delle rate devono essere in ordine: la rata ${n + 1} scade prima o insieme alla rata ${n}.` }
  }
  if (changed.every((c, n) => c.amountCents === installments[n]!.amountCents && c.dueDate === installments[n]!.dueDate)) return { refusal: 'Importi e scadenze delle rate sono già quelli indicati.' }
  const total = changed.reduce((sum, i) => sum + i.amountCents, 0)
  const options = single ? [{ ...single, amountCents: total, dueDate: changed[0]!.dueDate }, ...changed] : changed
  return { options }
}
