import { errorText, say } from '@/i18n/say'
import type { AppInfo, AppStatus, SyncProgressInfo } from '@contract/index'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useClient } from '../api/inject'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const status = ref<AppStatus | null>(null)
  const progress = ref<SyncProgressInfo | null>(null)
  const error = ref<string | null>(null)
  /** The outcome of the last "Sincronizza ora", for the operator to read. */
  const syncMessage = ref<string | null>(null)
  // The store lives as long as the app: its subscriptions too.
  const client = useClient()
  client.on('app.status', (next) => {
    status.value = next
    if (next.sync.state !== 'syncing') progress.value = null
  })
  client.on('sync.progress', (next) => (progress.value = next))

  /** Reads info and status again (after sign-in or sign-out). */
  async function load(): Promise<void> {
    try {
      const [loadedInfo, loadedStatus] = await Promise.all([client.api['app.info'](), client.api['app.status']()])
      info.value = loadedInfo
      status.value = loadedStatus
      error.value = null
    } catch (e) {
      error.value = errorText(e)
    }
  }

  async function syncNow(): Promise<void> {
    syncMessage.value = null
    try {
      const result = await client.api['sync.run']({ full: false })
      syncMessage.value = say(result.message)
      status.value = await client.api['app.status']()
    } catch (e) {
      syncMessage.value = errorText(e)
    }
  }

  return { info, status, progress, error, syncMessage, load, syncNow }
})
