// Impostazioni: its tabs in order, each a child route of /impostazioni, and what every tab shares:
// whether the operator may change settings, one action at a time, its result or what went wrong.
import { computed, ref } from 'vue'
import { useAction } from '../../composables/useAction'
import { useSessionStore } from '../../stores/session'

/** The tabs in the order shown; each is the route `settings-<name>` at /impostazioni/<path>. */
export const SETTINGS_TABS = [
  { name: 'ente', path: 'ente' },
  { name: 'desk', path: 'sportello' },
  { name: 'types', path: 'tipi-di-dovuto' },
  { name: 'operators', path: 'operatori' },
  { name: 'roles', path: 'ruoli' },
  { name: 'registry', path: 'anagrafica' },
  { name: 'printing', path: 'stampa' },
  { name: 'mail', path: 'posta' },
  { name: 'pos', path: 'pos' },
  { name: 'backend', path: 'backend' },
  { name: 'privacy', path: 'privacy' }
] as const

export type SettingsTab = (typeof SETTINGS_TABS)[number]['name']

export const settingsRouteName = (tab: SettingsTab) => `settings-${tab}`

/** What a tab's component needs: the permission, the last success message and the last error. */
export function useSettingsTab() {
  const session = useSessionStore()
  const canManage = computed(() => session.can('settings.manage'))
  const message = ref<string | null>(null)
  const { error, run } = useAction()
  /** Runs the work; the text it returns, when any, is shown as done. */
  async function attempt(work: () => Promise<string | void>): Promise<void> {
    message.value = null
    const done = await run(work)
    if (done) message.value = done
  }
  return { canManage, message, error, attempt }
}
