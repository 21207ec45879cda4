// The composition root shared by the desktop app, the browser host and the CLI: opens the cache,
// connects the backend (the embedded simulator when none is configured), starts the background
// sync and wires the services. It never touches Electron.
import { join } from 'node:path'
import type { AppStatus } from '../contract/app'
import type { ServiceHandlers } from '../contract/methods'
import { backupCache, backupDue, BACKUPS_FOLDER } from './db/backups'
import { openCheckedCache } from './db/cache-health'
import { createCitizenData } from './privacy/citizen-data'
import { createBackendSettings } from './sync/backend-settings'
import { createLogFile, LOG_FOLDER, redact } from './logging/log-file'
import type { OpenedDatabase } from './db/open'
import { createSessions } from './auth/session'
import { DEMO_OPERATOR, ensureDemoSetup } from './demo/seed'
import { createEventBus, type EventBus } from './events'
import { createSpecValidator } from './gpd/spec-validator'
import { DATABASE_FILE, secureDataDir } from './paths'
import { createDispatch, type Dispatch } from './rpc/dispatch'
import { createServices } from './services/create-services'
import { createSettingsStore } from './settings/settings'
import { connectBackend, type BackendConnection, type BackendSettings } from './sync/backend-connection'
import { createSyncEngine, type SyncEngine } from './sync/engine'
import { createSyncScheduler } from './sync/scheduler'
import { createEnvSecretStore, type SecretStore } from './mail/secrets'
import type { PrintSystem } from './printing/printer'
import { createPlatformPrintSystem } from './printing/platform'
import { createPosDesk } from './pos/pos-desk'

export interface AppOptions {
  dataDir: string
  /** The package's resources folder: migrations/, specs/. */
  resourcesDir: string
  version: string
  /** Use the embedded demo backend whatever the settings say. */
  demo?: boolean
  /** Another backend for this run only. */
  backend?: BackendSettings
  /** Where secrets live: the system's secure storage in the desktop app, the environment elsewhere. */
  secrets?: SecretStore
  /** The print spooler; the platform's own by default. */
  printSystem?: () => Promise<PrintSystem>
  /** Sync in the background (the desktop app, the browser host); off for one-shot commands. */
  backgroundSync?: boolean
  syncIntervalMs?: number
  log?: (message: string, error?: unknown) => void
}

export interface CoreApp {
  readonly database: OpenedDatabase
  readonly handlers: ServiceHandlers
  readonly dispatch: Dispatch
  readonly events: EventBus
  readonly engine: SyncEngine
  readonly backend: BackendConnection
  readonly dataDir: string
  /** Resolves when the first sync after start is over (at once when background sync is off). */
  readonly firstSync: Promise<unknown>
  /** The app's log (data folder, rotated, redacted). */
  log(message: string, error?: unknown): void
  close(): Promise<void>
}

export async function startCoreApp(options: AppOptions): Promise<CoreApp> {
  secureDataDir(options.dataDir)
  const logFile = createLogFile({ dir: join(options.dataDir, LOG_FOLDER) })
  const log =
    options.log ??
    ((message: string, error?: unknown) => {
      logFile.write(error === undefined ? 'INFO' : 'ERRORE', message, error)
      console.error(redact(`${message}${error === undefined ? '' : ` ${String(error)}`}`))
    })
  const backupsDir = join(options.dataDir, BACKUPS_FOLDER)
  const { database, recovery } = openCheckedCache(join(options.dataDir, DATABASE_FILE), { migrationsFolder: join(options.resourcesDir, 'migrations'), backupsDir, log })
  const settings = createSettingsStore(database.sqlite)
  const override = options.demo ? ({ mode: 'embedded' } as const) : options.backend
  const configured = override ?? settings.get<BackendSettings>('backend') ?? { mode: 'embedded' }
  if (configured.mode === 'embedded') ensureDemoSetup(database.sqlite)

  const validator = createSpecValidator(join(options.resourcesDir, 'specs', 'gpd'))
  const secrets = options.secrets ?? createEnvSecretStore()
  const backend = await connectBackend({ settings, secrets, dataDir: options.dataDir, specsFolder: join(options.resourcesDir, 'specs', 'gpd'), validator, ...(override ? { override } : {}) })
  const events = createEventBus()

  let running = false
  let progress: AppStatus['sync']['progress'] = null
  // The desk's sync settings: how far back and ahead a full sync looks, how often it runs.
  const syncSettings = settings.get<{ pastDays?: number; futureDays?: number; intervalMinutes?: number }>('sync') ?? {}
  const citizenData = createCitizenData(database.sqlite, settings)
  const engine = createSyncEngine({
    sqlite: database.sqlite,
    admits: (position) => citizenData.keeps(position),
    client: backend.client,
    horizon: { pastDays: syncSettings.pastDays ?? 730, futureDays: syncSettings.futureDays ?? 730 },
    onProgress: (p) => {
      progress = p
      events.emit('sync.progress', p)
    },
    onStateChange: () => emitStatus()
  })
  const countDues = database.sqlite.prepare('SELECT count(*) FROM positions').pluck()
  const countConflicts = database.sqlite.prepare("SELECT count(*) FROM outbox WHERE state IN ('conflict', 'failed')").pluck()
  const lastSync = database.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'lastSyncAt'").pluck()
  const syncStatus = (): AppStatus['sync'] => {
    const state = engine.state
    return {
      state: running ? 'syncing' : state.online ? 'online' : 'offline',
      pendingChanges: state.pending,
      conflicts: countConflicts.get() as number,
      lastSyncAt: (lastSync.get() as string | undefined) ?? null,
      lastError: state.lastError,
      backend: backend.label,
      progress: running ? progress : null
    }
  }
  const status = (): AppStatus => ({ sync: syncStatus(), pos: pos.state(), cachedDues: countDues.get() as number })
  const emitStatus = () => events.emit('app.status', status())

  const scheduler = createSyncScheduler({
    engine,
    needsFullSync: () => !database.sqlite.prepare("SELECT 1 FROM sync_state WHERE key = 'sync.lastFullAt'").get(),
    intervalMs: options.syncIntervalMs ?? (syncSettings.intervalMinutes ?? 2) * 60_000,
    onRunning: (r) => {
      running = r
      if (r) progress = null
      emitStatus()
    },
    onDone: (_summary, error) => {
      if (error) log('Sincronizzazione non riuscita', error)
    }
  })

  // The embedded demo signs its demo operator in, so a newcomer lands on Cerca dovuti at once.
  const sessions = createSessions(database.sqlite, settings, configured.mode === 'embedded' ? { demoOperator: DEMO_OPERATOR.username } : {})
  /** After a local change to dues: send it now if the backend is there (the outbox keeps it otherwise), and tell the UI. */
  const changed = () => {
    emitStatus()
    if (options.backgroundSync) void engine.pushOutbox().then(emitStatus, () => emitStatus())
  }
  // A POS payment recorded, on the desk's request or while recovering after a crash, is a change like any other.
  const pos = createPosDesk({ sqlite: database.sqlite, settings, events, operator: () => sessions.operatorName(), onRecorded: changed, onStateChange: () => emitStatus() })
  const handlers = createServices({
    sqlite: database.sqlite,
    settings,
    sessions,
    version: options.version,
    dataDir: options.dataDir,
    cacheNotice: recovery?.message ?? null,
    status,
    events,
    secrets,
    printSystem: options.printSystem ?? (() => createPlatformPrintSystem()),
    pos,
    changed,
    citizenData,
    backendSettings: createBackendSettings({ settings, secrets, validator, active: { label: backend.label, settings: configured } }),
    runSync: async (full) => {
      const summary = await scheduler.run(full)
      const state = engine.state
      if (!summary) return { ok: false, message: state.lastError ?? 'Sincronizzazione non riuscita.', positions: 0, created: 0, updated: 0, pushed: 0, conflicts: 0, pending: state.pending }
      return {
        ok: true,
        message: summary.pending > 0 ? `Sincronizzazione completata; ${summary.pending} modifiche ancora in attesa di invio.` : 'Sincronizzazione completata.',
        positions: summary.positions,
        created: summary.created,
        updated: summary.updated,
        pushed: summary.pushed,
        conflicts: summary.conflicts,
        pending: summary.pending
      }
    }
  })
  const dispatch = createDispatch(handlers, { onInternalError: (method, error) => log(`Errore interno in ${method}`, error) })

  let firstSync: Promise<unknown> = Promise.resolve()
  if (options.backgroundSync) {
    // A daily local copy, taken online while the desk works: what a damaged cache is rebuilt from.
    if (backupDue(backupsDir)) void backupCache(database.sqlite, backupsDir).catch((error: unknown) => log('Copia di sicurezza della cache non riuscita', error))
    // A payment left open by a crash or a power cut is settled with the terminal first.
    void pos.recoverPending().then(
      (outcomes) => outcomes.length && log(`POS: ${outcomes.length} pagamenti rimasti aperti verificati con il terminale`),
      (error) => log('POS: verifica dei pagamenti rimasti aperti non riuscita', error)
    )
    scheduler.start()
    firstSync = scheduler.run()
    // Closed dues past retention leave the cache once per start, after the first sync: the scan
    // of a large cache stays off the path to the first search.
    void firstSync.finally(() => {
      try {
        const purged = citizenData.purgeClosed()
        if (purged) log(`${purged} dovuti chiusi oltre il periodo di conservazione rimossi dalla cache`)
      } catch (error) {
        log('Pulizia dei dovuti chiusi non riuscita', error)
      }
    })
  }

  return {
    database,
    handlers,
    dispatch,
    events,
    engine,
    backend,
    dataDir: options.dataDir,
    firstSync,
    log,
    close: async () => {
      await scheduler.stop()
      await pos.close()
      await backend.close()
      database.close()
    }
  }
}
