import type { SearchDuesResult, StatusGroup } from '@contract/index'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ServiceApi } from '@contract/index'

export const PAGE_SIZE = 25

export const useSearchStore = defineStore('search', () => {
  const text = ref('')
  const status = ref<StatusGroup>('all')
  const page = ref(1)
  const result = ref<SearchDuesResult | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  // Answers can arrive out of order while the operator types: only the latest request counts.
  let latest = 0

  const pages = computed(() => (result.value ? Math.max(1, Math.ceil(result.value.total / result.value.pageSize)) : 1))

  async function run(api: ServiceApi): Promise<void> {
    const request = ++latest
    loading.value = true
    try {
      const answer = await api['dues.search']({ text: text.value, status: status.value, page: page.value, pageSize: PAGE_SIZE })
      if (request !== latest) return
      result.value = answer
      error.value = null
    } catch (e) {
      if (request !== latest) return
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      if (request === latest) loading.value = false
    }
  }

  return { text, status, page, result, loading, error, pages, run }
})
