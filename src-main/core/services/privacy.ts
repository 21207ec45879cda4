// privacy.*: citizens' data in the cache (GDPR): retention, export, erasure.
import type { ServiceHandlers } from '../../contract/methods'
import { createAuditLog } from '../audit/audit-log'
import type { RetentionSettings } from '../privacy/citizen-data'
import type { ServiceContext } from './context'

export function privacyServices(ctx: ServiceContext) {
  const { citizenData, sessions } = ctx
  const audit = createAuditLog(ctx.sqlite)
  return {
    'privacy.settings': () => ({ closedDays: citizenData.retentionDays() }),
    'privacy.saveSettings': (input) => {
      ctx.settings.set('retention', { closedDays: input.closedDays } satisfies RetentionSettings)
      audit.append({ operator: sessions.operatorName(), action: 'settings', entity: 'settings', entityKey: 'retention', after: input, reason: 'Periodo di conservazione dei dovuti chiusi' })
      return { closedDays: citizenData.retentionDays() }
    },
    'privacy.export': (input) => {
      const data = citizenData.export(input.fiscalCode, sessions.operatorName())
      return { filename: `dati-${String(data.fiscalCode)}.json`, json: JSON.stringify(data, null, 2) }
    },
    'privacy.erase': (input) => citizenData.erase(input.fiscalCode, sessions.operatorName())
  } satisfies Partial<ServiceHandlers>
}
