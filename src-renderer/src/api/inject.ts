import { inject, type InjectionKey } from 'vue'
import type { Client } from './client'

export const CLIENT_KEY: InjectionKey<Client> = Symbol('sportello.client')

export function useClient(): Client {
  const client = inject(CLIENT_KEY)
  if (!client) throw new Error('Client dei servizi non fornito')
  return client
}
