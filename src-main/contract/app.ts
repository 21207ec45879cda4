export interface AppInfo {
  appName: string
  version: string
  ente: { name: string; fiscalCode: string }
  operator: { username: string; displayName: string }
  /** True when the cache was filled with demo data and no real backend is configured. */
  demo: boolean
  dataDir: string
  /** What happened to the cache at start (rebuilt after damage), for the operator; null normally. */
  cacheNotice: string | null
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
  backend: string
  terminal: string
  audit: { ok: boolean; entries: number; problem: string | null }
}

export type SyncState = 'local' | 'online' | 'offline' | 'syncing'
export type PosState = 'virtual' | 'ready' | 'busy' | 'offline'

export interface SyncProgressInfo {
  phase: 'full' | 'payments' | 'rescan' | 'push'
  done: number
  total: number
  positions: number
  message: string
}

export interface SyncRunResult {
  ok: boolean
  message: string
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
    lastError: string | null
    backend: string
    progress: SyncProgressInfo | null
  }
  pos: { state: PosState; terminal: string }
  /** Number of dues in the local cache. */
  cachedDues: number
}
