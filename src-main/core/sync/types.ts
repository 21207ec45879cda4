// The sync's vocabulary: phases, progress, what a run did, and what the engine is built from.
import type Database from 'better-sqlite3'
import type { Message } from '../../contract/messages'
import type { GpdClient } from '../gpd/client'
import type { CacheAdmission } from './mapper'

export type SyncPhase = 'full' | 'payments' | 'rescan' | 'push'

export interface SyncProgress {
  phase: SyncPhase
  done: number
  total: number
  positions: number
  message: Message
}

export interface SyncSummary {
  phase: SyncPhase | 'sync'
  positions: number
  created: number
  updated: number
  deletedElsewhere: number
  pushed: number
  conflicts: number
  failed: number
  pending: number
  durationMs: number
}

export interface SyncEngineOptions {
  sqlite: Database.Database
  client: GpdClient
  /** Days before and after today covered by a full sync. */
  horizon?: { pastDays: number; futureDays: number }
  concurrency?: number
  /** List pages in flight at once during a walk (default PAGES_IN_FLIGHT). */
  pagesInFlight?: number
  /** First retry delay of the outbox; doubles up to a minute. */
  retryBaseMs?: number
  now?: () => number
  onProgress?: (progress: SyncProgress) => void
  onStateChange?: (state: { online: boolean; lastError: Message | null }) => void
  /** Which positions the cache keeps (privacy: erased citizens, retention of closed dues). */
  admits?: CacheAdmission
  /** The IUV range of this desk's number, when it has one (see settings/desk.ts). */
  deskRange?: () => { segregationCode: string; deskNumber: number } | null
  /** A position on GPD carries an IUV of this desk's range that this cache never issued. */
  onForeignIuv?: (found: { iuv: string; iupd: string }) => void
}
