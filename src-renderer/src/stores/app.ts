import type { AppInfo, AppStatus } from '@contract/index'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Client } from '../api/client'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const status = ref<AppStatus | null>(null)
  const error = ref<string | null>(null)

  async function load(client: Client): Promise<void> {
    try {
      const [loadedInfo, loadedStatus] = await Promise.all([client.api['app.info'](), client.api['app.status']()])
      info.value = loadedInfo
      status.value = loadedStatus
      error.value = null
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    }
    client.on('app.status', (next) => (status.value = next))
  }

  return { info, status, error, load }
})
