// What the desk's services are built from: the cache, the settings, who is signed in, and the
// parts of the running desk (terminal, sync, backend). Transport-blind: the same for IPC and HTTP.
import type Database from 'better-sqlite3'
import type { Message } from '../../contract/messages'
import type { AppStatus, SyncRunResult } from '../../contract/app'
import type { Sessions } from '../auth/session'
import type { EventBus } from '../events'
import type { SecretStore } from '../secrets/secrets'
import type { PosDesk } from '../pos/pos-desk'
import type { PrintSystem } from '../printing/printer'
import type { CitizenData } from '../privacy/citizen-data'
import type { SettingsStore } from '../settings/settings'
import type { BackendSettingsService } from '../sync/backend-settings'

export interface ServiceContext {
  sqlite: Database.Database
  settings: SettingsStore
  sessions: Sessions
  version: string
  dataDir: string
  /** Said once at start when the cache had to be rebuilt (see db/cache-health). */
  cacheNotice: Message | null
  status: () => AppStatus
  runSync: (full: boolean) => Promise<SyncRunResult>
  printSystem: () => Promise<PrintSystem>
  secrets: SecretStore
  events: EventBus
  pos: PosDesk
  /** Impostazioni › Backend (see sync/backend-settings). */
  backendSettings: BackendSettingsService
  /** The same instance the sync asks which positions to keep. */
  citizenData: CitizenData
}
