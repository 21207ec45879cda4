// "Cerca tra i cittadini già noti": the citizens the cache knows, looked up as the operator types
// (after a short pause, from two characters) by any words of the name in any order, fiscal code,
// partita IVA or company name; up to 20. Choosing one fills the debtor's fields. Kept by the
// wizard, so what was found and chosen is still there when the operator comes back to the step.
import type { DebtorInfo } from '@contract/index'
import { ref, watch, type Ref } from 'vue'
import { useClient } from '../api/inject'
import type { DebtorDraft } from './useNewDue'

/** How many citizens the list shows: the contract's default. */
const DEBTOR_MATCHES = 20

export function useDebtorSearch(debtor: Ref<DebtorDraft>) {
  const { api } = useClient()
  const query = ref('')
  const matches = ref<DebtorInfo[]>([])
  /** The name of the citizen whose data filled the form. */
  const selectedFrom = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined

  watch(query, (text) => {
    clearTimeout(timer)
    if (text.trim().length < 2) {
      matches.value = []
      return
    }
    timer = setTimeout(async () => {
      matches.value = await api['debtors.search']({ text, limit: DEBTOR_MATCHES }).catch(() => [])
    }, 150)
  })

  function choose(d: DebtorInfo): void {
    debtor.value = {
      type: d.type,
      fiscalCode: d.fiscalCode,
      fullName: d.fullName,
      streetName: d.streetName ?? '',
      civicNumber: d.civicNumber ?? '',
      postalCode: d.postalCode ?? '',
      city: d.city ?? '',
      province: d.province ?? '',
      email: d.email ?? '',
      phone: d.phone ?? ''
    }
    selectedFrom.value = d.fullName
    matches.value = []
    query.value = ''
  }
  return { query, matches, selectedFrom, choose }
}
