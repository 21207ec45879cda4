import type Database from 'better-sqlite3'
import type { AppInfo, AppStatus, SyncRunResult } from '../../contract/app'
import type { ServiceHandlers } from '../../contract/methods'
import { createDueSearch } from '../dues/search'
import type { EnteSettings, SettingsStore } from '../settings/settings'

export interface ServiceContext {
  sqlite: Database.Database
  settings: SettingsStore
  version: string
  dataDir: string
  operator: { username: string; displayName: string }
  status: () => AppStatus
  runSync: (full: boolean) => Promise<SyncRunResult>
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
    'app.status': () => ctx.status(),
    'dues.search': (input) => search(input),
    'sync.run': (input) => ctx.runSync(input.full)
  }
}
