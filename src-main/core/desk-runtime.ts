// The desk at work, once its world is known: the backend (the ente's GPD, or the embedded
// simulator for a demo cache), the background sync, the terminal, and the services on top.
import type { AppStatus, SyncRunResult } from '../contract/app'
import { message, type Message } from '../contract/messages'
import type { ServiceHandlers } from '../contract/methods'
import { backupCache, backupDue } from './db/backups'
import type { OpenedDatabase } from './db/open'
import { createCitizenData, type CitizenData } from './privacy/citizen-data'
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
import { createPosDesk, type PosDesk } from './pos/pos-desk'
import { createReceiptBook, receiptReservationFile } from './receipts/numbering'
import { saveIdentity, type CacheIdentity } from './settings/cache-identity'
import { currentDesk, deskCollision, deskRefusal, recordDeskCollision } from './settings/desk'
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
  cacheNotice: Message | null
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

/** The desk's backend: the ente's GPD for a live cache, the embedded simulator for a demo one. */
function connectDeskBackend(shared: DeskShared, identity: CacheIdentity): Promise<BackendConnection> {
  const { options } = shared
  return connectBackend({
    settings: shared.settings,
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
}

/** What the status bar shows, pushed whenever it changes. */
function createStatusBoard(shared: DeskShared) {
  const { sqlite } = shared.database
  const countDues = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM positions')
  const countConflicts = sqlite.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE state IN ('conflict', 'failed')")
  const lastSync = sqlite.prepare<[], { value: string }>("SELECT value FROM sync_state WHERE key = 'lastSyncAt'")
  const board = {
    running: false,
    progress: null as AppStatus['sync']['progress'],
    engine: null as SyncEngine | null,
    backend: null as BackendConnection | null,
    pos: null as PosDesk | null,
    status(): AppStatus {
      const state = board.engine!.state
      return {
        sync: {
          state: board.running ? 'syncing' : state.online ? 'online' : 'offline',
          pendingChanges: state.pending,
          conflicts: countConflicts.get()!.n,
          lastSyncAt: lastSync.get()?.value ?? null,
          lastError: state.lastError,
          backend: board.backend!.label,
          progress: board.running ? board.progress : null
        },
        pos: board.pos!.state(),
        cachedDues: countDues.get()!.n,
        deskCollision: deskCollision(shared.settings),
        createRefusal: deskRefusal(shared.settings)
      }
    },
    emit: () => shared.events.emit('app.status', board.status())
  }
  return board
}

function createDeskEngine(shared: DeskShared, backend: BackendConnection, citizenData: CitizenData, board: ReturnType<typeof createStatusBoard>): SyncEngine {
  const { settings } = shared
  const syncSettings = settings.get<{ pastDays?: number; futureDays?: number }>('sync') ?? {}
  return createSyncEngine({
    sqlite: shared.database.sqlite,
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
      board.emit()
    },
    onProgress: (p) => {
      board.progress = p
      shared.events.emit('sync.progress', p)
    },
    onStateChange: () => board.emit()
  })
}

/** In the background, once the desk is up: the daily copy, open POS payments, the sync, the retention purge. */
function startBackgroundWork(shared: DeskShared, scheduler: ReturnType<typeof createSyncScheduler>, pos: PosDesk, citizenData: CitizenData): Promise<unknown> {
  const { log } = shared
  const { sqlite } = shared.database
  // A daily local copy, taken online while the desk works: what a damaged cache is rebuilt from.
  if (backupDue(shared.backupsDir)) void backupCache(sqlite, shared.backupsDir).catch((error: unknown) => log('Copia di sicurezza della cache non riuscita', error))
  // A payment left open by a crash or a power cut is settled with the terminal first.
  void pos.recoverPending().then(
    (outcomes) => outcomes.length && log(`POS: ${outcomes.length} pagamenti rimasti aperti verificati con il terminale`),
    (error) => log('POS: verifica dei pagamenti rimasti aperti non riuscita', error)
  )
  scheduler.start()
  const firstSync = scheduler.run()
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
  return firstSync
}

export async function startDeskRuntime(shared: DeskShared, identity: CacheIdentity): Promise<DeskRuntime> {
  const { database, settings, events, options, log } = shared
  const sqlite = database.sqlite
  saveIdentity(settings, identity)
  if (identity.mode === 'demo') ensureDemoSetup(sqlite)
  const backend = await connectDeskBackend(shared, identity)
  const citizenData = createCitizenData(sqlite, settings)
  const board = createStatusBoard(shared)
  const engine = createDeskEngine(shared, backend, citizenData, board)
  const scheduler = createSyncScheduler({
    engine,
    needsFullSync: () => !sqlite.prepare("SELECT 1 FROM sync_state WHERE key = 'sync.lastFullAt'").get(),
    intervalMs: options.syncIntervalMs ?? (settings.get<{ intervalMinutes?: number }>('sync')?.intervalMinutes ?? 2) * 60_000,
    onRunning: (r) => {
      board.running = r
      if (r) board.progress = null
      board.emit()
    },
    onDone: (_summary, error) => {
      if (error) log('Sincronizzazione non riuscita', error)
    }
  })
  // The embedded demo signs its demo operator in, so a newcomer lands on Cerca dovuti at once.
  const sessions = createSessions(sqlite, settings, identity.mode === 'demo' ? { demoOperator: DEMO_OPERATOR.username } : {})
  /** After a local change to dues: send it now if the backend is there (the outbox keeps it otherwise), and tell the UI. */
  const changed = () => {
    board.emit()
    if (options.backgroundSync) void engine.pushOutbox().then(board.emit, () => board.emit())
  }
  // A POS payment recorded, on the desk's request or while recovering after a crash, is a change like any other.
  // Its receipt is numbered beside the cache, like the desk's IUVs (see receipts/numbering).
  const receipts = createReceiptBook({ sqlite, settings, reservationFile: receiptReservationFile(options.dataDir) })
  const pos = createPosDesk({ mode: identity.mode, sqlite, settings, events, receipts, operator: () => sessions.operatorName(), onRecorded: changed, onStateChange: board.emit })
  Object.assign(board, { engine, backend, pos })
  const handlers = createServices({
    sqlite, settings, sessions, events, pos, citizenData,
    version: options.version,
    dataDir: options.dataDir,
    cacheNotice: shared.cacheNotice,
    status: board.status,
    secrets: shared.secrets,
    printSystem: shared.printSystem,
    backendSettings: createBackendSettings({ sqlite, settings, secrets: shared.secrets, validator: shared.validator, active: { label: backend.label, settings: identity.mode === 'demo' ? { mode: 'embedded' } : { mode: 'gpd', ...liveBackend(shared)! } } }),
    runSync: async (full) => syncResult(await scheduler.run(full), engine)
  })
  const firstSync = options.backgroundSync ? startBackgroundWork(shared, scheduler, pos, citizenData) : Promise.resolve()
  board.emit()
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
  if (!summary) return { ok: false, message: state.lastError ?? message('sync.failed'), positions: 0, created: 0, updated: 0, pushed: 0, conflicts: 0, pending: state.pending }
  return {
    ok: true,
    message: summary.pending > 0 ? message('sync.completedPending', { count: summary.pending }) : message('sync.completed'),
    positions: summary.positions,
    created: summary.created,
    updated: summary.updated,
    pushed: summary.pushed,
    conflicts: summary.conflicts,
    pending: summary.pending
  }
}
