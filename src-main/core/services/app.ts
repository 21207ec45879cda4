// app.*, sync.*: what the desk is and how it is doing.
import type { AppInfo } from '../../contract/app'
import type { ServiceHandlers } from '../../contract/methods'
import { deskModeOf } from '../settings/cache-identity'
import { currentDesk } from '../settings/desk'
import type { EnteSettings } from '../settings/settings'
import { aboutInfo } from '../support/about'
import type { ServiceContext } from './context'

export function appServices(ctx: ServiceContext) {
  return {
    'app.info': (): AppInfo => {
      const ente = ctx.settings.get<EnteSettings>('ente')
      const operator = ctx.sessions.session().operator
      const mode = deskModeOf(ctx.settings)
      return {
        appName: 'Sportello Dovuti',
        version: ctx.version,
        ente: { name: ente?.name ?? 'Ente non configurato', fiscalCode: ente?.fiscalCode ?? '' },
        operator: { username: operator?.username ?? '', displayName: operator?.displayName ?? '' },
        mode,
        demo: mode === 'demo',
        desk: currentDesk(ctx.settings),
        dataDir: ctx.dataDir,
        cacheNotice: ctx.cacheNotice
      }
    },
    'app.status': () => ctx.status(),
    'app.about': () => aboutInfo({ sqlite: ctx.sqlite, settings: ctx.settings, dataDir: ctx.dataDir, version: ctx.version, status: ctx.status() }),
    'sync.run': (input) => ctx.runSync(input.full)
  } satisfies Partial<ServiceHandlers>
}
