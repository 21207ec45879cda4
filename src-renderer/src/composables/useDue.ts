// The due a page shows: loaded from the cache, reloaded when another due is opened or when a sync
// may have touched it (a payment arriving, a change sent or refused).
import { errorText } from '@/i18n/say'
import type { DueDetail } from '@contract/index'
import { ref, watch, type Ref } from 'vue'
import { useClient } from '../api/inject'
import { useAppStore } from '../stores/app'

export function useDue(iupd: Ref<string>) {
  const { api } = useClient()
  const app = useAppStore()
  const due = ref<DueDetail | null>(null)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    error.value = null
    try {
      due.value = await api['dues.get']({ iupd: iupd.value })
    } catch (e) {
      due.value = null
      error.value = errorText(e)
    }
  }
  watch(iupd, () => void load(), { immediate: true })
  watch(
    () => [app.status?.sync.state, app.status?.sync.pendingChanges, app.status?.sync.conflicts] as const,
    ([state, pending, conflicts], [beforeState, beforePending, beforeConflicts]) => {
      if ((beforeState === 'syncing' && state !== 'syncing') || pending !== beforePending || conflicts !== beforeConflicts) void load()
    }
  )
  return { due, error, load }
}
