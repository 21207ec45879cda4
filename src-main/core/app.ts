// The composition root shared by the desktop app, the browser host and the CLI: opens the cache,
// fills the embedded demo when asked, and wires the services. It never touches Electron.
import { join } from 'node:path'
import type { ServiceHandlers } from '../contract/methods'
import { openDatabase, type OpenedDatabase } from './db/open'
import { DEMO_OPERATOR, seedDemo } from './demo/seed'
import { createEventBus, type EventBus } from './events'
import { DATABASE_FILE } from './paths'
import { createDispatch, type Dispatch } from './rpc/dispatch'
import { createServices } from './services/create-services'
import { createSettingsStore } from './settings/settings'

export const DEMO_FIRST_RUN_DUES = 3_000

export interface AppOptions {
  dataDir: string
  migrationsFolder: string
  version: string
  /** Fill an empty cache with demo data (the embedded default). */
  demo?: boolean
  log?: (message: string, error?: unknown) => void
}

export interface CoreApp {
  readonly database: OpenedDatabase
  readonly handlers: ServiceHandlers
  readonly dispatch: Dispatch
  readonly events: EventBus
  readonly dataDir: string
  close(): void
}

export function createCoreApp(options: AppOptions): CoreApp {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''))
  const database = openDatabase(join(options.dataDir, DATABASE_FILE), { migrationsFolder: options.migrationsFolder })
  const settings = createSettingsStore(database.sqlite)
  if (options.demo && !settings.get('ente')) {
    seedDemo(database.sqlite, { dues: DEMO_FIRST_RUN_DUES })
  }
  const handlers = createServices({
    sqlite: database.sqlite,
    settings,
    version: options.version,
    dataDir: options.dataDir,
    operator: { username: DEMO_OPERATOR.username, displayName: DEMO_OPERATOR.displayName }
  })
  const events = createEventBus()
  const dispatch = createDispatch(handlers, {
    onInternalError: (method, error) => log(`Errore interno in ${method}`, error)
  })
  return {
    database,
    handlers,
    dispatch,
    events,
    dataDir: options.dataDir,
    close: () => database.close()
  }
}
