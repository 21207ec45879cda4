// The numbered receipts of a due's payments: the list, printing on the desk's printer and the PDF.
// The services decide whether an output is the original or a copy, and count the copies.
import { errorText } from '@/i18n/say'
import type { ReceiptInfo } from '@contract/index'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useClient } from '../api/inject'
import { downloadBase64 } from '../files'

export function useReceipts(iupd: () => string) {
  const { t } = useI18n()
  const { api } = useClient()
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
  const load = () => attempt(async () => void (list.value = await api['receipts.ofDue']({ iupd: iupd() })))
  const print = (r: ReceiptInfo) =>
    attempt(async () => {
      const done = await api['receipts.print']({ id: r.id })
      status.value = t(done.copy ? 'receipts.copyPrinted' : 'receipts.printed', { printer: done.printer, title: r.title })
      list.value = list.value.map((x) => (x.id === r.id ? done.receipt : x))
    })
  const pdf = (r: ReceiptInfo) =>
    attempt(async () => {
      const file = await api['receipts.pdf']({ id: r.id })
      downloadBase64(file.filename, file.base64, 'application/pdf')
      list.value = list.value.map((x) => (x.id === r.id ? { ...x, printed: true, reprints: x.reprints + (file.copy ? 1 : 0) } : x))
    })
  return { list, busy, error, status, load, print, pdf }
}
