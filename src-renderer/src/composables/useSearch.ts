// Cerca dovuti's query: run while the operator types (codes wait for the Enter), paged and sorted,
// refreshed when a sync brings dues in or out. A scanned paper notice opens its due straight away.
import type { DueSummary, SortKey } from '@contract/index'
import { onBeforeUnmount, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { centsInputToCents } from '../forms'
import { useAppStore } from '../stores/app'
import { useSearchStore } from '../stores/search'

// The cache answers in milliseconds: search while typing, after a short pause.
const TYPING_PAUSE_MS = 200

/** The due's page; opened from a notice number, IUV or scan, with the citizen's installment selected. */
export function dueLink(row: DueSummary) {
  return { name: 'due', params: { iupd: row.iupd }, ...(row.matched ? { query: { avviso: row.matched.nav } } : {}) }
}

export function useSearch() {
  const { t } = useI18n()
  const router = useRouter()
  const store = useSearchStore()
  const app = useAppStore()
  /** A filter that cannot be sent as typed (an amount that is not one). */
  const formError = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined

  async function searchNow(resetPage = true): Promise<void> {
    clearTimeout(timer)
    if (resetPage) store.page = 1
    const q = store.query(centsInputToCents)
    if ('invalid' in q) {
      formError.value = t('filters.badAmount', { value: q.invalid })
      return
    }
    formError.value = null
    const result = await store.run(q.value)
    // A scanned paper notice means "this one": open it straight away.
    if (result && (result.matchedBy === 'qr' || result.matchedBy === 'datamatrix') && result.rows.length === 1) {
      store.text = ''
      const row = result.rows[0]!
      await router.push(dueLink(row))
    }
  }
  function searchSoon(): void {
    clearTimeout(timer)
    // A scanner types fast and ends with Enter; a person pauses. Codes wait for the Enter.
    if (/^(pagopa\||codfase=)/i.test(store.text.trim())) return
    timer = setTimeout(() => void searchNow(), TYPING_PAUSE_MS)
  }
  function changePage(page: number): void {
    store.page = page
    void searchNow(false)
  }
  function sortBy(key: SortKey): void {
    if (store.sort === key) store.direction = store.direction === 'asc' ? 'desc' : 'asc'
    else {
      store.sort = key
      store.direction = key === 'debtor' ? 'asc' : 'desc'
    }
    void searchNow()
  }

  watch(() => store.status, () => void searchNow())
  watch(() => store.pageSize, () => void searchNow())
  // When a sync brings dues in or out, the page on screen is refreshed (staying on its page).
  watch(
    () => app.status?.cachedDues,
    (now, before) => {
      if (before !== undefined && now !== before) void searchNow(false)
    }
  )
  onBeforeUnmount(() => clearTimeout(timer))

  return { formError, searchNow, searchSoon, changePage, sortBy }
}
