// A pushed service event for as long as the component lives: the subscription ends on unmount,
// so revisiting a page never piles up listeners.
import type { EventName, ServiceEvents } from '@contract/index'
import { onBeforeUnmount } from 'vue'
import { useClient } from '../api/inject'

export function useServiceEvent<E extends EventName>(event: E, listener: (payload: ServiceEvents[E]) => void): void {
  const unsubscribe = useClient().on(event, listener)
  onBeforeUnmount(unsubscribe)
}
