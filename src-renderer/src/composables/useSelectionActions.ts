// What Cerca dovuti does with the selected dues: print their notices (with the progress the
// services push) and export them, or the whole result, as CSV. What went wrong shows as the search's error.
import { errorText, say } from '@/i18n/say'
import { formatCount } from '@contract/format'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useClient } from '../api/inject'
import { downloadText } from '../files'
import { centsInputToCents } from '../forms'
import { useSearchStore } from '../stores/search'
import { useServiceEvent } from './useServiceEvent'

export function useSelectionActions() {
  const { t } = useI18n()
  const { api } = useClient()
  const store = useSearchStore()
  /** What the last action did, for the operator. */
  const notice = ref<string | null>(null)
  const printing = ref<{ done: number; total: number } | null>(null)
  useServiceEvent('print.progress', (p) => (printing.value = p))

  async function printSelected(): Promise<void> {
    notice.value = null
    printing.value = { done: 0, total: store.selected.size }
    try {
      const result = await api['notices.printMany']({ iupds: [...store.selected] })
      const failed = result.failed.map((f) => t('notices.failedItem', { iupd: f.iupd, message: say(f.message) })).join('; ')
      notice.value = t('notices.printSummary', { printed: result.printed, failed }, result.failed.length ? 2 : 1)
    } catch (e) {
      store.error = errorText(e)
    } finally {
      printing.value = null
    }
  }
  async function exportCsv(onlySelected: boolean): Promise<void> {
    notice.value = null
    const q = store.query(centsInputToCents)
    if ('invalid' in q) return
    try {
      const file = await api['dues.exportCsv']({ ...q.value, ...(onlySelected ? { iupds: [...store.selected] } : {}) })
      downloadText(file.filename, file.content, 'text/csv')
      notice.value = t('results.exported', { n: formatCount(file.rows), file: file.filename })
    } catch (e) {
      store.error = errorText(e)
    }
  }
  return { notice, printing, printSelected, exportCsv }
}
