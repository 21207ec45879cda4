export interface AppInfo {
  appName: string
  version: string
  ente: { name: string; fiscalCode: string }
  operator: { username: string; displayName: string }
  /** True when the cache was filled with demo data and no real backend is configured. */
  demo: boolean
  dataDir: string
}

export type SyncState = 'local' | 'online' | 'offline' | 'syncing'
export type PosState = 'virtual' | 'not-configured' | 'ready' | 'busy' | 'offline'

export interface AppStatus {
  sync: { state: SyncState; pendingChanges: number; lastSyncAt: string | null; backend: string }
  pos: { state: PosState; terminal: string }
  /** Number of dues in the local cache. */
  cachedDues: number
}
