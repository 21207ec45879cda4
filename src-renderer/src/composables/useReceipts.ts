// The numbered receipts of a due's payments (or of the till's, given by id): the list, printing and
// the PDF. The services decide whether an output is the original or a copy, and count the copies;
// printing needs the role's notices.print, so it is refused before the click otherwise.
import { errorText } from '@/i18n/say'
import type { ReceiptInfo } from '@contract/index'
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useClient } from '../api/inject'
import { downloadBase64 } from '../files'
import { useSessionStore } from '../stores/session'

export function useReceipts(iupd: () => string | null) {
  const { t } = useI18n()
  const { api } = useClient()
  const session = useSessionStore()
  const printRefusal = computed(() => session.refusal('notices.print'))
  const list = ref<ReceiptInfo[]>([])
  const busy = ref(false)
  const error = ref<string | null>(null)
  const status = ref<string | null>(null)

  async function attempt(work: () => Promise<void>): Promise<void> {
    busy.value = true
    error.value = null
    status.value = null
    try {
      await work()
    } catch (e) {
      error.value = errorText(e)
    } finally {
      busy.value = false
    }
  }
  const load = () =>
    attempt(async () => {
      const due = iupd()
      if (due) list.value = await api['receipts.ofDue']({ iupd: due })
    })
  const print = (r: Pick<ReceiptInfo, 'id'>) =>
    attempt(async () => {
      const done = await api['receipts.print']({ id: r.id })
      status.value = t(done.copy ? 'receipts.copyPrinted' : 'receipts.printed', { printer: done.printer, title: done.receipt.title })
      list.value = list.value.map((x) => (x.id === r.id ? done.receipt : x))
    })
  const pdf = (r: ReceiptInfo) =>
    attempt(async () => {
      const file = await api['receipts.pdf']({ id: r.id })
      downloadBase64(file.filename, file.base64, 'application/pdf')
      list.value = list.value.map((x) => (x.id === r.id ? { ...x, printed: true, reprints: x.reprints + (file.copy ? 1 : 0) } : x))
    })
  return { list, busy, error, status, printRefusal, load, print, pdf }
}
