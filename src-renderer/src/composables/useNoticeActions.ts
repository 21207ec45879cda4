// The notice from the due's page: print, save as PDF, preview. What failed can be retried as it
// was (not always as a print).
import { errorText } from '@/i18n/say'
import type { NOTICE_LAYOUTS } from '@contract/index'
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useClient } from '../api/inject'
import { downloadBase64 } from '../files'

export function useNoticeActions(iupd: Ref<string>, layout: Ref<(typeof NOTICE_LAYOUTS)[number]>, done: (message: string, reload: boolean) => void) {
  const { t } = useI18n()
  const { api } = useClient()
  const error = ref<string | null>(null)
  const retry = ref<(() => Promise<void>) | null>(null)
  const printing = ref(false)
  /** The preview's PDF while its dialog is open. */
  const preview = ref<string | null>(null)

  async function attempt(action: () => Promise<void>): Promise<void> {
    error.value = null
    retry.value = null
    try {
      await action()
    } catch (e) {
      error.value = errorText(e)
      retry.value = () => attempt(action)
    }
  }
  const print = () =>
    attempt(async () => {
      printing.value = true
      try {
        const job = await api['notices.print']({ iupd: iupd.value, layout: layout.value })
        done(t('notices.printed', { printer: job.printer }), true)
      } finally {
        printing.value = false
      }
    })
  const savePdf = () =>
    attempt(async () => {
      const file = await api['notices.pdf']({ iupd: iupd.value, layout: layout.value })
      downloadBase64(file.filename, file.base64, 'application/pdf')
      done(t('notices.saved', { file: file.filename }), false)
    })
  const showPreview = () =>
    attempt(async () => {
      preview.value = (await api['notices.pdf']({ iupd: iupd.value, layout: layout.value })).base64
    })
  return { error, retry, printing, preview, print, savePdf, showPreview }
}
