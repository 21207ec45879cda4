// The composition root shared by the desktop app, the browser host and the CLI: opens the cache,
// decides which world it belongs to (the embedded demo or a live ente, see
// settings/cache-identity.ts) and starts the desk in it. A data folder that belongs to neither yet
// serves only the first-run screen ("Configurazione iniziale") until the operator chooses. It
// never touches Electron.
import { join } from 'node:path'
import { AppError } from '../contract/errors'
import type { ServiceHandlers } from '../contract/methods'
import { BACKUPS_FOLDER } from './db/backups'
import { openCheckedCache, type CacheCheck, type DeferredCheck } from './db/cache-health'
import { createLogFile, LOG_FOLDER, redact } from './logging/log-file'
import type { OpenedDatabase } from './db/open'
import { createEventBus, type EventBus } from './events'
import { createSpecValidator } from './gpd/spec-validator'
import { DATABASE_FILE, secureDataDir } from './paths'
import { createDispatch, type Dispatch } from './rpc/dispatch'
import { createSettingsStore, type EnteSettings, type SettingsStore } from './settings/settings'
import type { BackendSettings } from './sync/backend-connection'
import { createEnvSecretStore, type SecretStore } from './secrets/secrets'
import type { PrintSystem } from './printing/printer'
import { createPlatformPrintSystem } from './printing/platform'
import { CacheModeError, identityFor, identityRefusal, readIdentity, type CacheIdentity, type RequestedBackend } from './settings/cache-identity'
import { startDeskRuntime, type DeskRuntime } from './desk-runtime'
import { createSetupServices } from './services/setup-services'
import type { SyncEngine } from './sync/engine'
import type { BackendConnection } from './sync/backend-connection'
import type { DeskMode } from '../contract/app'
import { italian, message, type Message } from '../contract/messages'

export interface AppOptions {
  dataDir: string
  /** The package's resources folder: migrations/, specs/. */
  resourcesDir: string
  version: string
  /** The embedded demo: a new data folder becomes a demo desk; a live one refuses to start. */
  demo?: boolean
  /** Another backend for this run only (the CLI's --backend); it must be the cache's own. */
  backend?: BackendSettings
  /** Where secrets live: the system's secure storage in the desktop app, the environment elsewhere. */
  secrets?: SecretStore
  /** The print spooler; the platform's own by default. */
  printSystem?: () => Promise<PrintSystem>
  /** Sync in the background (the desktop app, the browser host); off for one-shot commands. */
  backgroundSync?: boolean
  syncIntervalMs?: number
  /** The first wait before a failed sync call is tried again (doubling each time); tests shorten it. */
  syncRetryBaseMs?: number
  /**
   * Resolves when the first screen is up (the desktop window shown, the browser's first page
   * served): the work that can wait (the first sync, the cache check owed after an unclean stop,
   * the daily copy, the retention purge, the rest of the services) starts then. At once if unset.
   */
  firstScreen?: Promise<unknown>
  log?: (message: string, error?: unknown) => void
}

export interface CoreApp {
  readonly database: OpenedDatabase
  /** Every method of the contract: the first-run screen's until the desk starts, then the desk's. */
  readonly handlers: ServiceHandlers
  readonly dispatch: Dispatch
  readonly events: EventBus
  readonly dataDir: string
  /** 'setup' until the first-run screen (or a command) chooses demo or live. */
  readonly mode: DeskMode
  /** The running desk's sync engine and backend; they throw while the desk is not configured. */
  readonly engine: SyncEngine
  readonly backend: BackendConnection
  /** Resolves when the first sync after start is over (at once when background sync is off). */
  readonly firstSync: Promise<unknown>
  /** The app's log (data folder, rotated, redacted). */
  log(message: string, error?: unknown): void
  /** What the cache check owed after an unclean stop found, once it is over; null at once when none is owed. */
  readonly cacheChecked: Promise<CacheCheck | null>
  close(): Promise<void>
}

/** What the start asks of the cache: the command line's --demo or --backend, else the saved backend. */
function requestedBackend(options: AppOptions, saved: BackendSettings | undefined): RequestedBackend | null {
  const chosen = options.demo ? ({ mode: 'embedded' } as const) : (options.backend ?? saved)
  if (!chosen) return null
  return chosen.mode === 'embedded' ? { mode: 'demo' } : { mode: 'live', baseUrl: chosen.baseUrl }
}

/**
 * The cache's world, checked before anything starts: no simulator on a live cache, no demo data
 * sent to an ente, no cache moved to another backend. null: not chosen yet (first-run screen).
 */
function checkedIdentity(database: OpenedDatabase, settings: SettingsStore, options: AppOptions): CacheIdentity | null {
  const identity = readIdentity(database.sqlite, settings)
  const requested = requestedBackend(options, settings.get<BackendSettings>('backend'))
  const refusal = identity && requested ? identityRefusal(identity, requested) : null
  if (refusal) throw new CacheModeError(refusal)
  return identity ?? (requested ? identityFor(requested, settings.get<EnteSettings>('ente')) : null)
}

function appLog(options: AppOptions): (message: string, error?: unknown) => void {
  const logFile = createLogFile({ dir: join(options.dataDir, LOG_FOLDER) })
  if (options.log) return options.log
  return (message, error) => {
    logFile.write(error === undefined ? 'INFO' : 'ERRORE', message, error)
    console.error(redact(`${message}${error === undefined ? '' : ` ${String(error)}`}`))
  }
}

export async function startCoreApp(options: AppOptions): Promise<CoreApp> {
  secureDataDir(options.dataDir)
  const log = appLog(options)
  const backupsDir = join(options.dataDir, BACKUPS_FOLDER)
  // Before serving: the schema, and after an unclean stop the small tables that hold what must
  // not be lost; the whole file is checked later, off the path to the first search.
  const { database, recovery, deferredCheck } = openCheckedCache(join(options.dataDir, DATABASE_FILE), { migrationsFolder: join(options.resourcesDir, 'migrations'), backupsDir, log, deferFullCheck: true })
  const settings = createSettingsStore(database.sqlite)

  let identity: CacheIdentity | null
  try {
    identity = checkedIdentity(database, settings, options)
  } catch (error) {
    database.close()
    throw error
  }

  let cacheNotice: Message | null = recovery ? recovery.message : null
  const firstScreen = options.firstScreen ?? Promise.resolve()
  let closing = false
  let checking: DeferredCheck | null = null
  const check = deferredCheck ? firstScreen.then(() => (closing ? null : (checking = deferredCheck()))) : Promise.resolve(null)
  // The check's verdict, for the operator (app.info's cache notice) and the log: damage leaves a
  // flag, and the next start rebuilds the cache from the newest sound copy before serving.
  const checked = check
    .then((started) => started?.result ?? null)
    .then((found) => {
      if (found?.state === 'damaged') {
        cacheNotice = message('settings.cache.damagedFound')
        log(italian(cacheNotice), found.problems.join('; '))
      } else if (found?.state === 'unchecked' && !closing) log('Verifica della cache non eseguita: sarà ripetuta al prossimo avvio', found.reason)
      return found
    })
  const shared = {
    database,
    settings,
    log,
    events: createEventBus(),
    validator: createSpecValidator(join(options.resourcesDir, 'specs', 'gpd')),
    secrets: options.secrets ?? createEnvSecretStore(),
    printSystem: options.printSystem ?? (() => createPlatformPrintSystem()),
    options,
    cacheNotice: () => cacheNotice,
    firstScreen,
    cacheSound: checked.then((found) => found === null || found.state === 'sound'),
    backupsDir
  }
  // One dispatcher for the whole run; the handlers behind it change once, when the desk starts.
  const handlers = {} as ServiceHandlers
  let desk: DeskRuntime | null = null
  const dispatch = createDispatch(handlers, {
    onInternalError: (method, error) => log(`Errore interno in ${method}`, error),
    // Before the desk starts only the first-run screen's methods answer, and they are public.
    authorize: (access) => desk?.sessions.authorize(access),
    onWrite: () => desk?.changed()
  })
  const startDesk = async (chosen: CacheIdentity): Promise<DeskRuntime> => {
    desk = await startDeskRuntime(shared, chosen)
    Object.assign(handlers, desk.handlers)
    return desk
  }
  if (identity) await startDesk(identity)
  else
    Object.assign(
      handlers,
      createSetupServices({
        ...shared,
        get cacheNotice() {
          return cacheNotice
        },
        version: options.version,
        dataDir: options.dataDir,
        startDesk
      })
    )

  const running = () => {
    if (!desk) throw new AppError('UNAVAILABLE', 'settings.setup.notStarted')
    return desk
  }
  return {
    database,
    handlers,
    dispatch,
    events: shared.events,
    dataDir: options.dataDir,
    get mode() {
      return desk?.identity.mode ?? 'setup'
    },
    get engine() {
      return running().engine
    },
    get backend() {
      return running().backend
    },
    get firstSync() {
      return desk?.firstSync ?? Promise.resolve()
    },
    log,
    cacheChecked: checked,
    close: async () => {
      closing = true
      await checking?.cancel()
      await desk?.close()
      database.close()
    }
  }
}
