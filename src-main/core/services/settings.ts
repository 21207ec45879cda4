// Impostazioni: due types, the ente, this desk's number, the mail server, the pagoPA backend.
import type { MailSettingsInfo } from '../../contract/desk'
import type { ServiceHandlers } from '../../contract/methods'
import { createAuditLog } from '../audit/audit-log'
import type { SmtpSettings } from '../mail/mailer'
import { createMailService } from '../mail/mailer'
import { createDeskService } from '../settings/desk'
import { createDueTypes } from '../settings/due-types'
import { createEnteSettings } from '../settings/ente'
import type { ServiceContext } from './context'

export function settingsServices(ctx: ServiceContext) {
  const { sessions } = ctx
  const audit = createAuditLog(ctx.sqlite)
  const dueTypes = createDueTypes(ctx.sqlite)
  const ente = createEnteSettings(ctx)
  const desk = createDeskService({ sqlite: ctx.sqlite, settings: ctx.settings, audit, operator: () => sessions.operatorName() })
  const mail = createMailService({ sqlite: ctx.sqlite, settings: ctx.settings, secrets: ctx.secrets, operator: () => sessions.operatorName() })
  const mailInfo = async (): Promise<MailSettingsInfo> => ({
    settings: ctx.settings.get<SmtpSettings>('smtp') ?? null,
    hasPassword: (await ctx.secrets.get('smtp.password')) !== null,
    passwordStorage: ctx.secrets.persistent
  })
  return {
    'dueTypes.list': () => dueTypes.list(),
    'dueTypes.save': (input) => dueTypes.save(input),
    'dueTypes.import': (input) => dueTypes.importJson(input.json),
    'dueTypes.export': () => ({ json: dueTypes.exportJson() }),
    'ente.get': () => ente.info(),
    'ente.save': (input) => ente.save(input),
    'desk.get': () => desk.info(),
    // The status carries whether dues can be created: the dispatcher pushes it after this write.
    'desk.save': (input) => desk.save(input),
    'mail.settings': () => mailInfo(),
    'mail.saveSettings': async (input) => {
      ctx.settings.set('smtp', input.settings)
      if (input.password !== undefined) await ctx.secrets.set('smtp.password', input.password)
      return mailInfo()
    },
    'mail.verify': async () => {
      await mail.verify()
      return { ok: true as const }
    },
    'backend.settings': () => ctx.backendSettings.info(),
    'backend.save': async (input) => {
      const info = await ctx.backendSettings.save(input)
      audit.append({ operator: sessions.operatorName(), action: 'settings', entity: 'settings', entityKey: 'backend', after: { mode: info.mode, baseUrl: info.baseUrl }, reason: 'Backend pagoPA' })
      return info
    },
    'backend.test': (input) => ctx.backendSettings.test(input)
  } satisfies Partial<ServiceHandlers>
}
