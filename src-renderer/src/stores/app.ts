import type { AppInfo, AppStatus, SyncProgressInfo } from '@contract/index'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Client } from '../api/client'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const status = ref<AppStatus | null>(null)
  const progress = ref<SyncProgressInfo | null>(null)
  const error = ref<string | null>(null)
  /** The outcome of the last "Sincronizza ora", for the operator to read. */
  const syncMessage = ref<string | null>(null)
  let client: Client | null = null

  /** Reads info and status again (after sign-in or sign-out); subscribes to pushes once. */
  async function load(c: Client): Promise<void> {
    if (client !== c) {
      client = c
      c.on('app.status', (next) => {
        status.value = next
        if (next.sync.state !== 'syncing') progress.value = null
      })
      c.on('sync.progress', (next) => (progress.value = next))
    }
    try {
      const [loadedInfo, loadedStatus] = await Promise.all([c.api['app.info'](), c.api['app.status']()])
      info.value = loadedInfo
      status.value = loadedStatus
      error.value = null
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    }
  }

  async function syncNow(): Promise<void> {
    if (!client) return
    syncMessage.value = null
    try {
      const result = await client.api['sync.run']({ full: false })
      syncMessage.value = result.message
      status.value = await client.api['app.status']()
    } catch (e) {
      syncMessage.value = e instanceof Error ? e.message : String(e)
    }
  }

  return { info, status, progress, error, syncMessage, load, syncNow }
})
