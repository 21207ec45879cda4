import { errorText } from '@/i18n/say'
import type { DueFilters, PositionStatus, SearchDuesResult, SortKey, StatusGroup } from '@contract/index'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useClient } from '../api/inject'

export const PAGE_SIZES = [25, 50, 100, 200] as const

/** The filters as the form holds them: amounts as typed, dates as yyyy-mm-dd or empty. */
export interface FilterForm {
  statuses: PositionStatus[]
  dueTypeCode: string
  dueFrom: string
  dueTo: string
  paidFrom: string
  paidTo: string
  amountMin: string
  amountMax: string
  debtorType: '' | 'F' | 'G'
}

export const emptyFilters = (): FilterForm => ({ statuses: [], dueTypeCode: '', dueFrom: '', dueTo: '', paidFrom: '', paidTo: '', amountMin: '', amountMax: '', debtorType: '' })

export const useSearchStore = defineStore('search', () => {
  const text = ref('')
  const status = ref<StatusGroup>('all')
  const filters = ref<FilterForm>(emptyFilters())
  const sort = ref<SortKey>('dueDate')
  const direction = ref<'asc' | 'desc'>('desc')
  const page = ref(1)
  const pageSize = ref<number>(25)
  const result = ref<SearchDuesResult | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const selected = ref<Set<string>>(new Set())
  // Answers can arrive out of order while the operator types: only the latest request counts.
  let latest = 0

  const pages = computed(() => {
    const r = result.value
    if (!r) return 1
    const counted = Math.max(1, Math.ceil(r.total / r.pageSize))
    // Past the count ("oltre 10.000"), or before it comes, a full page means there may be another one.
    return r.totalBound !== undefined && r.rows.length === r.pageSize ? Math.max(counted, r.page + 1) : counted
  })
  const activeFilters = computed(() => Object.entries(filters.value).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== '')).length)

  /** The query for the services; null (with the reason) when a typed amount is not an amount. */
  function query(toCents: (text: string) => number | null): { value: DueFilters } | { invalid: string } {
    const f = filters.value
    const min = f.amountMin.trim() ? toCents(f.amountMin) : undefined
    const max = f.amountMax.trim() ? toCents(f.amountMax) : undefined
    if (min === null) return { invalid: f.amountMin }
    if (max === null) return { invalid: f.amountMax }
    return {
      value: {
        text: text.value,
        status: status.value,
        sort: sort.value,
        direction: direction.value,
        ...(f.statuses.length ? { statuses: f.statuses } : {}),
        ...(f.dueTypeCode ? { dueTypeCode: f.dueTypeCode } : {}),
        ...(f.dueFrom ? { dueFrom: f.dueFrom } : {}),
        ...(f.dueTo ? { dueTo: f.dueTo } : {}),
        ...(f.paidFrom ? { paidFrom: f.paidFrom } : {}),
        ...(f.paidTo ? { paidTo: f.paidTo } : {}),
        ...(min !== undefined ? { amountMin: min } : {}),
        ...(max !== undefined ? { amountMax: max } : {}),
        ...(f.debtorType ? { debtorType: f.debtorType } : {})
      }
    }
  }

  const { api } = useClient()

  async function run(filtersQuery: DueFilters): Promise<SearchDuesResult | null> {
    const request = ++latest
    loading.value = true
    try {
      // The page first; a full page's total comes after it (dues.count), so the rows never wait
      // for the counting of a common word.
      const answer = await api['dues.search']({ ...filtersQuery, page: page.value, pageSize: pageSize.value, count: false })
      if (request !== latest) return null
      result.value = answer
      error.value = null
      if (answer.totalBound === 'pending') void count(request, filtersQuery)
      return answer
    } catch (e) {
      if (request !== latest) return null
      error.value = errorText(e)
      return null
    } finally {
      if (request === latest) loading.value = false
    }
  }

  /** The total of the page on screen, when it comes; a newer search makes it moot. */
  async function count(request: number, filtersQuery: DueFilters): Promise<void> {
    try {
      const counted = await api['dues.count'](filtersQuery)
      if (request !== latest || !result.value) return
      const { totalBound: _pending, ...page } = result.value
      result.value = { ...page, ...counted }
    } catch (e) {
      if (request === latest) error.value = errorText(e)
    }
  }

  return { text, status, filters, sort, direction, page, pageSize, result, loading, error, selected, pages, activeFilters, query, run }
})
