// "Codice fiscale già noto: quali dati tenere?": before leaving the debtor's step, a fiscal code
// the desk already knows is compared with what the operator typed (contract/debtor-records.ts,
// the rule the services share); where the data differ the wizard asks, field by field, which to
// keep. The choice goes into the form, so it is what the due is created with and what the desk
// then remembers as the citizen's most recent data.
import { debtorDifferences, type DebtorDifference, type DebtorFormField } from '@contract/debtor-records'
import { ref, watch, type Ref } from 'vue'
import { useClient } from '../api/inject'
import type { DebtorDraft } from './useNewDue'

export type DebtorChoice = 'known' | 'typed'
export interface DebtorConflict {
  fiscalCode: string
  differences: DebtorDifference[]
}

export function useDebtorConflict(debtor: Ref<DebtorDraft>) {
  const { api } = useClient()
  const conflict = ref<DebtorConflict | null>(null)
  /** The form as the operator confirmed it: going on with it asks nothing again. */
  let confirmed: string | null = null
  /** The form the question is about. */
  let asked: string | null = null
  const snapshot = () => JSON.stringify(debtor.value)

  // Typing again after the question: the next "Avanti" compares anew.
  watch(
    debtor,
    () => {
      if (conflict.value && snapshot() !== asked) conflict.value = null
    },
    { deep: true }
  )

  /** True when the wizard may go on: an unknown code, the same data, or a choice already made. */
  async function check(): Promise<boolean> {
    if (conflict.value) return false
    const current = snapshot()
    if (confirmed === current) return true
    const fiscalCode = debtor.value.fiscalCode.replace(/\s/g, '').toUpperCase()
    if (fiscalCode.length !== 16 && fiscalCode.length !== 11) return true
    const known = await api['debtors.get']({ fiscalCode }).then((r) => r.debtor, () => null)
    if (!known) return true
    const differences = debtorDifferences(known, debtor.value)
    if (differences.length === 0) return true
    asked = current
    conflict.value = { fiscalCode, differences }
    return false
  }

  /** Applies the operator's choice, field by field, to the form. */
  function resolve(choices: Partial<Record<DebtorFormField, DebtorChoice>>): void {
    const c = conflict.value
    if (!c) return
    const next = { ...debtor.value }
    for (const d of c.differences) if (choices[d.field] === 'known') next[d.field] = d.known
    conflict.value = null
    debtor.value = next
    confirmed = JSON.stringify(next)
  }

  return { conflict, check, resolve }
}
