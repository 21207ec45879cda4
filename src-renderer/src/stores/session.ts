import { roleRefusal, type Message, type Permission, type Session } from '@contract/index'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useClient } from '../api/inject'

export const useSessionStore = defineStore('session', () => {
  const session = ref<Session | null>(null)
  const loaded = ref(false)
  const signedIn = computed(() => session.value?.operator != null)
  const can = (permission: Permission) => session.value?.operator?.permissions.includes(permission) ?? false
  /** Why the signed-in role may not do it (the contract's sentence), or null: for a button disabled before the click. */
  const refusal = (permission: Permission): Message | null => (can(permission) ? null : roleRefusal(permission, session.value?.operator?.role ?? ''))
  const client = useClient()

  async function load(): Promise<void> {
    session.value = await client.api['auth.session']()
    loaded.value = true
  }
  async function login(username: string, password: string): Promise<void> {
    session.value = await client.api['auth.login']({ username, password })
  }
  async function logout(): Promise<void> {
    session.value = await client.api['auth.logout']()
  }
  return { session, loaded, signedIn, can, refusal, load, login, logout }
})
