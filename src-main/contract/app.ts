import type { Message } from './messages'
import { z } from 'zod'
import { inputMessage } from './messages/input'

/**
 * What this desk is: not yet configured (the first-run screen), the embedded demo, or connected
 * to a real ente's pagoPA. Decided once per data folder and never mixed.
 */
export type DeskMode = 'setup' | 'demo' | 'live'

export interface AppInfo {
  appName: string
  version: string
  ente: { name: string; fiscalCode: string }
  operator: { username: string; displayName: string }
  mode: DeskMode
  /** True in the embedded demo (simulator, demo data, virtual terminal). */
  demo: boolean
  /** This workstation's desk number and name; null until chosen (a live desk has no default). */
  desk: { number: number; name: string } | null
  dataDir: string
  /** What happened to the cache at start (rebuilt after damage), for the operator; null normally. */
  cacheNotice: Message | null
}

/** "Informazioni": what support asks for. */
export interface AboutInfo {
  version: string
  versions: { node: string; electron: string | null; chrome: string | null; sqlite: string }
  dataDir: string
  cacheBytes: number
  cachedDues: number
  backups: { file: string; takenAt: string; bytes: number }[]
  logFile: string
  backend: Message
  terminal: Message
  mode: DeskMode
  desk: { number: number; name: string } | null
  audit: { ok: boolean; entries: number; problem: string | null }
}

export type SyncState = 'local' | 'online' | 'offline' | 'syncing'
/** 'none': no terminal set up (a live desk until Impostazioni › POS names one). */
export type PosState = 'virtual' | 'ready' | 'busy' | 'offline' | 'none'

export interface SyncProgressInfo {
  phase: 'full' | 'payments' | 'rescan' | 'push'
  done: number
  total: number
  positions: number
  message: Message
}

export interface SyncRunResult {
  ok: boolean
  message: Message
  positions: number
  created: number
  updated: number
  pushed: number
  conflicts: number
  pending: number
}

export interface AppStatus {
  sync: {
    state: SyncState
    pendingChanges: number
    /** Local changes the backend refused (paid meanwhile, ...): they need the operator's eye. */
    conflicts: number
    lastSyncAt: string | null
    lastError: Message | null
    backend: Message
    progress: SyncProgressInfo | null
  }
  pos: { state: PosState; terminal: Message }
  /** Number of dues in the local cache. */
  cachedDues: number
  /** Another desk of the ente uses this desk's number: shown on every screen, creation blocked. */
  deskCollision: DeskCollisionInfo | null
  /** Why this desk cannot create dues now (no desk number, a number in use elsewhere), or null. */
  createRefusal: Message | null
}

export interface DeskCollisionInfo {
  deskNumber: number
  /** The position on GPD that carries one of this desk's IUVs without being this desk's. */
  iuv: string
  iupd: string
  detectedAt: string
  message: Message
}

/** Impostazioni › Sportello. */
export interface DeskInfo {
  number: number | null
  name: string
  /** Notice numbers were already issued with the current number: changing it asks for confirmation. */
  numbersIssued: boolean
  collision: DeskCollisionInfo | null
  maxNumber: number
}
/** Desk numbers 800-999 are left to demo data (see core/pagopa/iuv-allocator.ts). */
export const MAX_DESK_NUMBER = 799
export const DeskNumber = z.number().int().min(0, `il numero di sportello va da 0 a ${MAX_DESK_NUMBER}`).max(MAX_DESK_NUMBER, `il numero di sportello va da 0 a ${MAX_DESK_NUMBER}`)
export const DeskSaveInput = z.object({
  number: DeskNumber,
  name: z.string().trim().min(1, inputMessage('deskName')).max(60),
  /** The operator confirmed changing a number that already issued notice numbers. */
  confirm: z.boolean().default(false),
  reason: z.string().trim().max(300).optional()
})
export type DeskSaveInput = z.output<typeof DeskSaveInput>
