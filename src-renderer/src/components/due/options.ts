// How the due's page names and picks its payment options ("Rata unica", "Rata 2 di 3").
import type { DueDetail, DueOptionDetail } from '@contract/index'

type Translate = (key: string, values?: Record<string, unknown>) => string

export function optionLabel(t: Translate, due: DueDetail, installmentNo: number): string {
  const of = due.options.filter((o) => o.installmentNo > 0).length
  return installmentNo === 0 ? t('due.single') : t('search.matchedInstallment', { n: installmentNo, of })
}

/** What a payment may settle now: the services' rule (never the single payment once an installment is paid). */
export function payableOptions(due: DueDetail): DueOptionDetail[] {
  return due.options.filter((o) => due.payable.includes(o.nav))
}

/**
 * The option a payment dialog starts on: the citizen's own notice; the only payable one. With
 * installments and no notice, none: the operator chooses.
 */
export function defaultNav(due: DueDetail, held: string | null): string {
  const payable = payableOptions(due)
  if (held && payable.some((o) => o.nav === held)) return held
  return payable.length === 1 ? payable[0]!.nav : ''
}
