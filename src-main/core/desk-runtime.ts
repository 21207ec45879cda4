// The desk at work, once its world is known: the backend (the ente's GPD, or the embedded
// simulator for a demo cache), the background sync, the terminal, and the services on top.
//
// What the first screen needs comes first: the services it calls (status, sign-in, search) are
// built at once; the rest of the services, with the PDF, mail, printer and terminal libraries
// behind them, are loaded when the first screen is up (or when first called). The work that can
// wait (the first sync, the daily copy, the retention purge) starts once the first screen is up,
// and none of it holds the event loop for long: the copy goes a few pages at a time, the purge a
// slice of dues at a time.
import type Database from 'better-sqlite3'
import type { AppStatus, SyncRunResult } from '../contract/app'
import { message, type Message } from '../contract/messages'
import { METHOD_NAMES, type ServiceHandlers } from '../contract/methods'
import { backupCache, backupDue } from './db/backups'
import type { OpenedDatabase } from './db/open'
import { createCitizenData, type CitizenData } from './privacy/citizen-data'
import { createBackendSettings } from './sync/backend-settings'
import { createSessions, type Sessions } from './auth/session'
import { DEMO_OPERATOR, ensureDemoSetup } from './demo/seed'
import type { EventBus } from './events'
import type { SpecValidator } from './gpd/spec-validator'
import { dueSearchServices } from './services/due-search'
import { appServices } from './services/app'
import { authServices } from './services/auth'
import type { ServiceContext } from './services/context'
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
  /** What the operator is told about the cache (rebuilt at start, damage found since): read when asked. */
  cacheNotice: () => Message | null
  /** Resolves when the first screen is up: the work that can wait starts then. */
  firstScreen: Promise<unknown>
  /** Whether a copy may be taken: false when the check owed after an unclean stop found damage, or could not run. */
  cacheSound: Promise<boolean>
  backupsDir: string
  options: { dataDir: string; resourcesDir: string; version: string; backend?: BackendSettings | undefined; backgroundSync?: boolean | undefined; syncIntervalMs?: number | undefined; syncRetryBaseMs?: number | undefined }
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
      // The simulator (its server, its store, its seed) is a demo's only: loaded when a demo starts.
      const { launchSimulator } = await import('./simulator/run')
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
  const totalChanges = sqlite.prepare<[], number>('SELECT total_changes()').pluck()
  // Counting a million dues takes tens of milliseconds, and the status is pushed at every step of
  // a sync: counted again only after rows changed, and during a sync at most every quarter of a
  // second (its last push, when it ends, counts again).
  let counted = { changes: -1, n: 0, at: 0 }
  const cachedDues = (syncing: boolean): number => {
    const changes = totalChanges.get()!
    if (changes !== counted.changes && (!syncing || Date.now() - counted.at >= 250)) counted = { changes, n: countDues.get()!.n, at: Date.now() }
    return counted.n
  }
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
        cachedDues: cachedDues(board.running),
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
    ...(shared.options.syncRetryBaseMs ? { retryBaseMs: shared.options.syncRetryBaseMs } : {}),
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

/**
 * The desk's services. Those the first screen calls (status, sign-in, the search) are built at
 * once from light modules; the rest are loaded with create-services (which also checks that every
 * method has one handler) when first called or when the background work asks for them.
 */
function deskServices(ctx: ServiceContext): { handlers: ServiceHandlers; loadAll: () => Promise<ServiceHandlers> } {
  let all: Promise<ServiceHandlers> | null = null
  const loadAll = () => (all ??= import('./services/create-services').then((m) => m.createServices(ctx)))
  const first: Partial<ServiceHandlers> = {
    ...appServices(ctx),
    ...authServices(ctx),
    ...dueSearchServices(ctx)
  }
  type Handler = (input: unknown) => unknown
  const handlers: Record<string, Handler> = {}
  for (const method of METHOD_NAMES) {
    handlers[method] = (first[method] as Handler | undefined) ?? (async (input) => ((await loadAll())[method] as Handler)(input))
  }
  return { handlers: handlers as unknown as ServiceHandlers, loadAll }
}

/** Dues' ids per slice of the purge: a few milliseconds of reading, the event loop free in between. */
const PURGE_SLICE = 2_000

/** The retention purge a slice of ids at a time, each slice its own short transaction. */
async function purgeInSlices(sqlite: Database.Database, citizenData: CitizenData, stopped: () => boolean): Promise<number> {
  const now = new Date()
  const last = sqlite.prepare<[], number | null>('SELECT max(id) FROM positions').pluck().get() ?? 0
  let purged = 0
  for (let from = 0; from <= last && !stopped(); from += PURGE_SLICE) {
    purged += citizenData.purgeClosed(now, { from, to: from + PURGE_SLICE })
    await new Promise((resolve) => setImmediate(resolve))
  }
  return purged
}

interface BackgroundWork {
  firstSync: Promise<unknown>
  stop(): Promise<void>
}

/**
 * Once the first screen is up: the rest of the services, open POS payments, the sync, the daily
 * copy and the retention purge. stop() ends what is still running (the app is closing).
 */
function startBackgroundWork(shared: DeskShared, scheduler: ReturnType<typeof createSyncScheduler>, pos: PosDesk, citizenData: CitizenData, loadServices: () => Promise<unknown>): BackgroundWork {
  const { log } = shared
  const { sqlite } = shared.database
  const stopping = new AbortController()
  // Loaded now, not when the operator first opens a due.
  void loadServices().catch((error: unknown) => log('Caricamento dei servizi non riuscito', error))
  // A daily local copy, taken online while the desk works: what a damaged cache is rebuilt from.
  // Never from a cache the check after an unclean stop found damaged (or could not check).
  const backup = shared.cacheSound
    .then((sound) => (sound && !stopping.signal.aborted && backupDue(shared.backupsDir) ? backupCache(sqlite, shared.backupsDir, { signal: stopping.signal }) : null))
    .catch((error: unknown) => {
      if (!stopping.signal.aborted) log('Copia di sicurezza della cache non riuscita', error)
    })
  // A payment left open by a crash or a power cut is settled with the terminal first.
  void pos.recoverPending().then(
    (outcomes) => outcomes.length && log(`POS: ${outcomes.length} pagamenti rimasti aperti verificati con il terminale`),
    (error) => log('POS: verifica dei pagamenti rimasti aperti non riuscita', error)
  )
  scheduler.start()
  const firstSync = scheduler.run()
  // Closed dues past retention leave the cache once per start, after the first sync.
  const purge = firstSync
    .catch(() => undefined)
    .then(() => purgeInSlices(sqlite, citizenData, () => stopping.signal.aborted))
    .then(
      (purged) => purged && log(`${purged} dovuti chiusi oltre il periodo di conservazione rimossi dalla cache`),
      (error: unknown) => log('Pulizia dei dovuti chiusi non riuscita', error)
    )
    // Then fresh statistics for SQLite's planner, which the search leaves the filters' plans to
    // (dues/search-plan.ts). Sampled (analysis_limit): a fraction of a second on a million dues.
    // PRAGMA optimize refreshes them when the tables have grown, but never makes the first ones.
    .then(() => {
      if (stopping.signal.aborted) return
      sqlite.pragma('analysis_limit = 1000')
      const analyzed = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get() && sqlite.prepare("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'positions'").get()
      if (analyzed) sqlite.pragma('optimize')
      else sqlite.exec('ANALYZE')
    })
    .catch((error: unknown) => log('Statistiche della cache non aggiornate', error))
  return {
    firstSync,
    stop: async () => {
      stopping.abort()
      await Promise.all([backup, purge])
    }
  }
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
  const { handlers, loadAll } = deskServices({
    sqlite, settings, sessions, events, pos, citizenData,
    version: options.version,
    dataDir: options.dataDir,
    get cacheNotice() {
      return shared.cacheNotice()
    },
    status: board.status,
    secrets: shared.secrets,
    printSystem: shared.printSystem,
    backendSettings: createBackendSettings({ sqlite, settings, secrets: shared.secrets, validator: shared.validator, active: { label: backend.label, settings: identity.mode === 'demo' ? { mode: 'embedded' } : { mode: 'gpd', ...liveBackend(shared)! } } }),
    runSync: async (full) => syncResult(await scheduler.run(full), engine)
  })
  let background: BackgroundWork | null = null
  let closing = false
  const firstSync = options.backgroundSync
    ? shared.firstScreen.then(() => {
        if (closing) return
        background = startBackgroundWork(shared, scheduler, pos, citizenData, loadAll)
        return background.firstSync
      })
    : Promise.resolve()
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
      closing = true
      await background?.stop()
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
