// The desk at work, once its world is known: the backend (the ente's GPD, or the embedded
// simulator for a demo cache), the background sync, the terminal, and the services on top.
import type { AppStatus, SyncRunResult } from '../contract/app'
import type { ServiceHandlers } from '../contract/methods'
import { backupCache, backupDue } from './db/backups'
import type { OpenedDatabase } from './db/open'
import { createCitizenData } from './privacy/citizen-data'
import { createBackendSettings } from './sync/backend-settings'
import { createSessions, type Sessions } from './auth/session'
import { DEMO_OPERATOR, ensureDemoSetup } from './demo/seed'
import type { EventBus } from './events'
import type { SpecValidator } from './gpd/spec-validator'
import { createServices } from './services/create-services'
import type { EnteSettings, SettingsStore } from './settings/settings'
import { connectBackend, type BackendConnection, type BackendSettings } from './sync/backend-connection'
import { createSyncEngine, type SyncEngine } from './sync/engine'
import { createSyncScheduler } from './sync/scheduler'
import type { SecretStore } from './secrets/secrets'
import type { PrintSystem } from './printing/printer'
import { createPosDesk } from './pos/pos-desk'
import { saveIdentity, type CacheIdentity } from './settings/cache-identity'
import { currentDesk, deskCollision, recordDeskCollision } from './settings/desk'
import { join } from 'node:path'
import { DEMO_ENTE } from './demo/ente'
import { launchSimulator } from './simulator/run'

/** How many positions the embedded demo backend holds on its first start. */
export const EMBEDDED_DEMO_POSITIONS = 3_000

export interface DeskShared {
  database: OpenedDatabase
  settings: SettingsStore
  events: EventBus
  validator: SpecValidator
  secrets: SecretStore
  printSystem: () => Promise<PrintSystem>
  log: (message: string, error?: unknown) => void
  cacheNotice: string | null
  backupsDir: string
  options: { dataDir: string; resourcesDir: string; version: string; backend?: BackendSettings | undefined; backgroundSync?: boolean | undefined; syncIntervalMs?: number | undefined }
}

export interface DeskRuntime {
  identity: CacheIdentity
  handlers: ServiceHandlers
  sessions: Sessions
  /** After a change to dues: status pushed, outbox sent (the dispatcher calls it after every write). */
  changed: () => void
  engine: SyncEngine
  backend: BackendConnection
  firstSync: Promise<unknown>
  close(): Promise<void>
}

/** The live backend's address: this run's --backend, or the saved one. */
function liveBackend(shared: DeskShared): { baseUrl: string; timeoutMs?: number } | undefined {
  const chosen = shared.options.backend ?? shared.settings.get<BackendSettings>('backend')
  return chosen?.mode === 'gpd' ? chosen : undefined
}

export async function startDeskRuntime(shared: DeskShared, identity: CacheIdentity): Promise<DeskRuntime> {
  const { database, settings, events, options, log } = shared
  const sqlite = database.sqlite
  saveIdentity(settings, identity)
  if (identity.mode === 'demo') ensureDemoSetup(sqlite)
  const backend = await connectBackend({
    settings,
    secrets: shared.secrets,
    validator: shared.validator,
    // The demo's GPD: the simulator on the data folder, with the demo Comune's positions.
    startEmbedded: async () => {
      const simulator = await launchSimulator({ dataDir: join(options.dataDir, 'simulator'), specsFolder: join(options.resourcesDir, 'specs', 'gpd'), ente: DEMO_ENTE, seed: EMBEDDED_DEMO_POSITIONS, validator: shared.validator })
      return { url: simulator.url, organizationFiscalCode: DEMO_ENTE.fiscalCode, close: () => simulator.close() }
    },
    mode: identity.mode,
    ...(identity.mode === 'live' ? { backend: liveBackend(shared) } : {})
  })

  let running = false
  let progress: AppStatus['sync']['progress'] = null
  // The desk's sync settings: how far back and ahead a full sync looks, how often it runs.
  const syncSettings = settings.get<{ pastDays?: number; futureDays?: number; intervalMinutes?: number }>('sync') ?? {}
  const citizenData = createCitizenData(sqlite, settings)
  const engine = createSyncEngine({
    sqlite,
    admits: (position) => citizenData.keeps(position),
    client: backend.client,
    horizon: { pastDays: syncSettings.pastDays ?? 730, futureDays: syncSettings.futureDays ?? 730 },
    deskRange: () => {
      const ente = settings.get<EnteSettings>('ente')
      const desk = currentDesk(settings)
      return ente && desk ? { segregationCode: ente.segregationCode, deskNumber: desk.number } : null
    },
    onForeignIuv: (found) => {
      recordDeskCollision(settings, found)
      emitStatus()
    },
    onProgress: (p) => {
      progress = p
      events.emit('sync.progress', p)
    },
    onStateChange: () => emitStatus()
  })
  const countDues = sqlite.prepare('SELECT count(*) FROM positions').pluck()
  const countConflicts = sqlite.prepare("SELECT count(*) FROM outbox WHERE state IN ('conflict', 'failed')").pluck()
  const lastSync = sqlite.prepare("SELECT value FROM sync_state WHERE key = 'lastSyncAt'").pluck()
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
  const status = (): AppStatus => ({ sync: syncStatus(), pos: pos.state(), cachedDues: countDues.get() as number, deskCollision: deskCollision(settings) })
  const emitStatus = () => events.emit('app.status', status())

  const scheduler = createSyncScheduler({
    engine,
    needsFullSync: () => !sqlite.prepare("SELECT 1 FROM sync_state WHERE key = 'sync.lastFullAt'").get(),
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
  const sessions = createSessions(sqlite, settings, identity.mode === 'demo' ? { demoOperator: DEMO_OPERATOR.username } : {})
  /** After a local change to dues: send it now if the backend is there (the outbox keeps it otherwise), and tell the UI. */
  const changed = () => {
    emitStatus()
    if (options.backgroundSync) void engine.pushOutbox().then(emitStatus, () => emitStatus())
  }
  // A POS payment recorded, on the desk's request or while recovering after a crash, is a change like any other.
  const pos = createPosDesk({ mode: identity.mode, sqlite, settings, events, operator: () => sessions.operatorName(), onRecorded: changed, onStateChange: () => emitStatus() })
  const handlers = createServices({
    sqlite,
    settings,
    sessions,
    version: options.version,
    dataDir: options.dataDir,
    cacheNotice: shared.cacheNotice,
    status,
    events,
    secrets: shared.secrets,
    printSystem: shared.printSystem,
    pos,
    citizenData,
    backendSettings: createBackendSettings({ sqlite, settings, secrets: shared.secrets, validator: shared.validator, active: { label: backend.label, settings: identity.mode === 'demo' ? { mode: 'embedded' } : { mode: 'gpd', ...liveBackend(shared)! } } }),
    runSync: async (full) => syncResult(await scheduler.run(full), engine)
  })

  let firstSync: Promise<unknown> = Promise.resolve()
  if (options.backgroundSync) {
    // A daily local copy, taken online while the desk works: what a damaged cache is rebuilt from.
    if (backupDue(shared.backupsDir)) void backupCache(sqlite, shared.backupsDir).catch((error: unknown) => log('Copia di sicurezza della cache non riuscita', error))
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
  emitStatus()

  return {
    identity,
    handlers,
    sessions,
    changed,
    engine,
    backend,
    firstSync,
    close: async () => {
      await scheduler.stop()
      await pos.close()
      await backend.close()
    }
  }
}

function syncResult(summary: Awaited<ReturnType<ReturnType<typeof createSyncScheduler>['run']>>, engine: SyncEngine): SyncRunResult {
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
