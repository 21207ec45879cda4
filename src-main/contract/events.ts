// Pushes from main to the renderer (progress, statuses). Same names over IPC and SSE.
import type { AppStatus, SyncProgressInfo } from './app'
import type { PrintProgress } from './desk'
import type { PosProgress } from './pos'

export interface ServiceEvents {
  'app.status': AppStatus
  'sync.progress': SyncProgressInfo
  'print.progress': PrintProgress
  'pos.progress': PosProgress
}
export type EventName = keyof ServiceEvents
export const EVENT_NAMES: readonly EventName[] = ['app.status', 'sync.progress', 'print.progress', 'pos.progress']

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name)
}
