import type Database from 'better-sqlite3'
import type { AppInfo, AppStatus } from '../../contract/app'
import type { ServiceHandlers } from '../../contract/methods'
import { createDueSearch } from '../dues/search'
import type { EnteSettings, SettingsStore } from '../settings/settings'

export interface ServiceContext {
  sqlite: Database.Database
  settings: SettingsStore
  version: string
  dataDir: string
  operator: { username: string; displayName: string }
}

const NO_ENTE: EnteSettings = {
  name: 'Ente non configurato',
  fiscalCode: '',
  segregationCode: '00',
  cbill: '',
  sector: '',
  info: '',
  officeName: '',
  iupdPrefix: ''
}

/** The backend as a plain map of handlers keyed by method name, blind to its transport. */
export function createServices(ctx: ServiceContext): ServiceHandlers {
  const search = createDueSearch(ctx.sqlite)
  const countDues = ctx.sqlite.prepare('SELECT count(*) FROM positions').pluck()
  const countPending = ctx.sqlite.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck()
  const lastSync = ctx.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'lastSyncAt'").pluck()

  const status = (): AppStatus => ({
    sync: {
      state: 'local',
      pendingChanges: countPending.get() as number,
      lastSyncAt: (lastSync.get() as string | undefined) ?? null,
      backend: ctx.settings.get<boolean>('demo') ? 'Dati dimostrativi locali' : 'Nessun backend configurato'
    },
    pos: { state: 'virtual', terminal: 'Terminale virtuale' },
    cachedDues: countDues.get() as number
  })

  return {
    'app.info': (): AppInfo => {
      const ente = ctx.settings.get<EnteSettings>('ente') ?? NO_ENTE
      return {
        appName: 'Sportello Dovuti',
        version: ctx.version,
        ente: { name: ente.name, fiscalCode: ente.fiscalCode },
        operator: ctx.operator,
        demo: ctx.settings.get<boolean>('demo') ?? false,
        dataDir: ctx.dataDir
      }
    },
    'app.status': status,
    'dues.search': (input) => search(input)
  }
}
