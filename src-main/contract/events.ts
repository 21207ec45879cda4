// Pushes from main to the renderer (progress, statuses). Same names over IPC and SSE.
import type { AppStatus } from './app'

export interface ServiceEvents {
  'app.status': AppStatus
}
export type EventName = keyof ServiceEvents
export const EVENT_NAMES: readonly EventName[] = ['app.status']

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name)
}
