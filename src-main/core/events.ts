import type { EventName, ServiceEvents } from '../contract/events'

export type EventListener = <E extends EventName>(name: E, payload: ServiceEvents[E]) => void

/** Pushes from the services to whichever transports are listening (IPC window, SSE clients). */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: ServiceEvents[E]): void
  subscribe(listener: EventListener): () => void
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>()
  return {
    emit(name, payload) {
      for (const listener of listeners) {
        try {
          listener(name, payload)
        } catch {
          // A transport that fails (a closed window, a dropped socket) must not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}
