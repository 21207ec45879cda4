// The "Nuovo dovuto" wizard's state and rules, step by step: the type and plan; the due, with its
// codes reserved when its step opens and the causale written from the type's template; the debtor.
// Each step is checked before the next; saving creates the due with exactly the codes shown.
import { errorText } from '@/i18n/say'
import { causaleFields, fieldLabel, fillCausale } from '@contract/causale'
import { formatAmountInput, formatCents } from '@contract/format'
import type { DueTypeInfo, PreparedCodes } from '@contract/index'
import { computed, onMounted, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { useClient } from '../api/inject'
import { addDaysIso, centsInputToCents, todayIso } from '../forms'
import { useAction } from './useAction'

export type Plan = 'single' | 'installments'

/** The due as the operator fills it: amounts as typed, dates as yyyy-mm-dd. */
export interface DueDraft {
  iupd: string
  amount: string
  dueDate: string
  causale: string
  /** The operator changed the causale by hand: it is sent as typed (no placeholder may remain). */
  causaleEdited: boolean
  /** Values of the template's own placeholders ({numero}, {data}…): each one a required field. */
  causaleValues: Record<string, string>
  installments: { amount: string; dueDate: string }[]
}

/** The debtor as the form holds it: what is not known is empty. */
export interface DebtorDraft {
  type: 'F' | 'G'
  fiscalCode: string
  fullName: string
  streetName: string
  civicNumber: string
  postalCode: string
  city: string
  province: string
  email: string
  phone: string
}

export function useNewDue() {
  const { t } = useI18n()
  const { api } = useClient()
  const router = useRouter()
  const { busy, error, run } = useAction()
  const step = ref(0)
  const types = ref<DueTypeInfo[]>([])

  // Step 1: type and plan
  const typeCode = ref('')
  const plan = ref<Plan>('single')
  const installmentCount = ref(2)
  const type = computed(() => types.value.find((x) => x.code === typeCode.value) ?? null)

  // Step 2: the due
  const prepared = ref<PreparedCodes | null>(null)
  const draft = ref<DueDraft>({ iupd: '', amount: '', dueDate: addDaysIso(todayIso(), 30), causale: '', causaleEdited: false, causaleValues: {}, installments: [] })
  const fieldNames = computed(() => causaleFields(type.value?.causaleTemplate ?? ''))

  // Step 3: the debtor
  const debtor = ref<DebtorDraft>({ type: 'F', fiscalCode: '', fullName: '', streetName: '', civicNumber: '', postalCode: '', city: '', province: '', email: '', phone: '' })

  onMounted(async () => {
    try {
      types.value = (await api['dueTypes.list']()).filter((x) => x.active)
    } catch (e) {
      error.value = errorText(e)
    }
  })

  watch(type, (next) => {
    if (!next) return
    if (!next.installmentsAllowed) plan.value = 'single'
    if (next.defaultAmountCents) draft.value.amount = formatAmountInput(next.defaultAmountCents)
  })

  /** The causale the services will write: the template filled, with what is still missing shown as such. */
  const autoCausale = computed(() => {
    const d = draft.value
    const template = type.value?.causaleTemplate || type.value?.label || ''
    const values = { dueDate: d.installments[0]?.dueDate ?? d.dueDate, debtorName: debtor.value.fullName, fields: d.causaleValues }
    const filled = fillCausale(template, values)
    if ('causale' in filled) return filled.causale
    const blanks = Object.fromEntries(filled.missing.map((m) => [m, `[${fieldLabel(m === 'debitore' ? t('due.debtor') : m).toLowerCase()}]`]))
    const shown = fillCausale(template, { ...values, debtorName: debtor.value.fullName || blanks.debitore, fields: { ...d.causaleValues, ...blanks } })
    return 'causale' in shown ? shown.causale : template
  })
  watch(autoCausale, (next) => {
    if (!draft.value.causaleEdited) draft.value.causale = next
  })

  /** The amount in equal installments (the last one takes the remainder), 60 days apart. */
  function spreadInstallments(): void {
    const total = centsInputToCents(draft.value.amount) ?? 0
    const n = installmentCount.value
    const share = Math.floor(total / n)
    draft.value.installments = Array.from({ length: n }, (_, i) => ({
      amount: formatAmountInput((i === n - 1 ? total - share * (n - 1) : share) || 0),
      dueDate: addDaysIso(draft.value.dueDate, 60 * i)
    }))
  }

  /** Goes to another step (forward only when the current one is complete); false when it stays. */
  async function toStep(next: number): Promise<boolean> {
    error.value = null
    if (next > step.value && !validate(step.value)) return false
    if (step.value === 0 && next === 1) {
      // The codes are reserved now and shown; saving uses exactly these.
      const codes = await run(() => api['dues.prepare']({ installments: plan.value === 'installments' ? installmentCount.value : 0 }))
      if (!codes) return false
      prepared.value = codes
      const d = draft.value
      d.iupd = codes.iupd
      d.causaleEdited = false
      d.causaleValues = Object.fromEntries(fieldNames.value.map((n) => [n, d.causaleValues[n] ?? '']))
      d.causale = autoCausale.value
      if (plan.value === 'installments') spreadInstallments()
      else d.installments = []
    }
    step.value = next
    return true
  }

  function validate(current: number): boolean {
    const missing: string[] = []
    const d = draft.value
    if (current === 0 && !type.value) missing.push(t('wizard.dueType'))
    if (current === 1) {
      if (!d.iupd.trim()) missing.push(t('wizard.iupd'))
      if (centsInputToCents(d.amount) === null) missing.push(t('wizard.amount'))
      if (!d.dueDate) missing.push(t('wizard.dueDate'))
      if (!d.causale.trim()) missing.push(t('wizard.causale'))
      for (const name of fieldNames.value) if (!d.causaleValues[name]?.trim()) missing.push(fieldLabel(name))
      if (d.installments.length) {
        const sum = d.installments.reduce((s, i) => s + (centsInputToCents(i.amount) ?? 0), 0)
        const total = centsInputToCents(d.amount) ?? 0
        if (sum !== total) {
          error.value = t('wizard.sumMismatch', { sum: formatCents(sum), amount: formatCents(total) })
          return false
        }
      }
    }
    if (current === 2) {
      if (!debtor.value.fiscalCode.trim()) missing.push(t('wizard.fiscalCode'))
      if (!debtor.value.fullName.trim()) missing.push(t('wizard.fullName'))
    }
    if (missing.length) {
      error.value = t('wizard.missing', { fields: missing.join(', ') })
      return false
    }
    return true
  }

  async function save(): Promise<void> {
    const optional = (value: string) => (value.trim() ? value.trim() : undefined)
    const d = draft.value
    const p = debtor.value
    await run(async () => {
      const result = await api['dues.create']({
        dueTypeCode: typeCode.value,
        iupd: d.iupd.trim(),
        // Untouched, the services write the causale from the template: the same rule as the preview.
        ...(d.causaleEdited ? { causale: d.causale } : { causaleFields: d.causaleValues }),
        amount: d.amount,
        dueDate: d.installments[0]?.dueDate ?? d.dueDate,
        ...(d.installments.length ? { installments: d.installments.map((i) => ({ amount: i.amount, dueDate: i.dueDate })) } : {}),
        debtor: {
          type: p.type,
          fiscalCode: p.fiscalCode,
          fullName: p.fullName,
          streetName: optional(p.streetName),
          civicNumber: optional(p.civicNumber),
          postalCode: optional(p.postalCode),
          city: optional(p.city),
          province: optional(p.province),
          email: optional(p.email),
          phone: optional(p.phone)
        },
        reserved: prepared.value?.codes
      })
      await router.push({ name: 'due', params: { iupd: result.iupd } })
    })
  }

  return { step, busy, error, types, type, typeCode, plan, installmentCount, prepared, draft, fieldNames, debtor, spreadInstallments, toStep, save }
}
