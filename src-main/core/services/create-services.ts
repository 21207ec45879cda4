import type Database from 'better-sqlite3'
import type { AboutInfo, AppInfo, AppStatus, SyncRunResult } from '../../contract/app'
import { AppError } from '../../contract/errors'
import type { ServiceHandlers } from '../../contract/methods'
import type { Sessions } from '../auth/session'
import { createDebtorRegistry } from '../debtors/registry'
import { createDueCommands } from '../dues/commands'
import { createDueDetail } from '../dues/detail'
import { csvHeader, csvRows } from '../dues/export-csv'
import { createDueSearch } from '../dues/search'
import { createDueTypes } from '../settings/due-types'
import type { EnteSettings, SettingsStore } from '../settings/settings'
import type { EnteInfo, MailSettingsInfo } from '../../contract/desk'
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isValidNumericFiscalCode } from '../pagopa/fiscal-code'
import type { NoticeSettings } from '../notices/notice-data'
import { createMailService, type SmtpSettings } from '../mail/mailer'
import type { SecretStore } from '../mail/secrets'
import { createNoticeService } from '../notices/notice-service'
import type { PrintSystem } from '../printing/printer'
import { createPdfPrinter } from '../printing/pdf-printer'
import { createAuditLog, verifyAuditChain } from '../audit/audit-log'
import { BACKUPS_FOLDER, listBackups } from '../db/backups'
import { LOG_FOLDER } from '../logging/log-file'
import { DATABASE_FILE } from '../paths'
import type { CitizenData, RetentionSettings } from '../privacy/citizen-data'
import type { EventBus } from '../events'
import type { PosDesk } from '../pos/pos-desk'
import type { BackendSettingsService } from '../sync/backend-settings'
import { createDeskService, currentDesk } from '../settings/desk'
import { deskModeOf, enteChangeRefusal, readIdentity } from '../settings/cache-identity'
import { SETUP_METHODS_AFTER_START } from './setup-services'

export interface ServiceContext {
  sqlite: Database.Database
  settings: SettingsStore
  sessions: Sessions
  version: string
  dataDir: string
  /** Said once at start when the cache had to be rebuilt (see db/cache-health). */
  cacheNotice: string | null
  status: () => AppStatus
  runSync: (full: boolean) => Promise<SyncRunResult>
  /** After a local change: send it soon, and tell the UI what waits. */
  changed: () => void
  printSystem: () => Promise<PrintSystem>
  secrets: SecretStore
  events: EventBus
  pos: PosDesk
  /** Impostazioni › Backend (see sync/backend-settings). */
  backendSettings: BackendSettingsService
  /** The same instance the sync asks which positions to keep. */
  citizenData: CitizenData
}

const NO_ENTE: EnteSettings = { name: 'Ente non configurato', fiscalCode: '', segregationCode: '00', cbill: '', sector: '', info: '', officeName: '', iupdPrefix: '' }
const EXPORT_LIMIT = 200_000

/** The backend as a plain map of handlers keyed by method name, blind to its transport. */
export function createServices(ctx: ServiceContext): ServiceHandlers {
  const { sessions } = ctx
  const search = createDueSearch(ctx.sqlite)
  const mailRefusal = () => (ctx.settings.get<SmtpSettings>('smtp') ? null : 'Server di posta non configurato: chi gestisce le impostazioni lo imposta in Impostazioni › E-mail.')
  const detail = createDueDetail(ctx.sqlite, { posRefusal: () => ctx.pos.refusal(), mailRefusal })
  const registry = createDebtorRegistry(ctx.sqlite)
  const dueTypes = createDueTypes(ctx.sqlite)
  const commands = createDueCommands({ sqlite: ctx.sqlite, settings: ctx.settings, dataDir: ctx.dataDir, operator: () => sessions.operatorName() })
  const notices = createNoticeService({ sqlite: ctx.sqlite, settings: ctx.settings, dataDir: ctx.dataDir, printSystem: ctx.printSystem, operator: () => sessions.operatorName() })
  const pdfPrinter = createPdfPrinter({ dataDir: ctx.dataDir, settings: ctx.settings, printSystem: ctx.printSystem })
  const audit = createAuditLog(ctx.sqlite)
  const desk = createDeskService({ sqlite: ctx.sqlite, settings: ctx.settings, audit, operator: () => sessions.operatorName() })
  const mail = createMailService({ sqlite: ctx.sqlite, settings: ctx.settings, secrets: ctx.secrets, operator: () => sessions.operatorName() })
  const mailInfo = async (): Promise<MailSettingsInfo> => ({
    settings: ctx.settings.get<SmtpSettings>('smtp') ?? null,
    hasPassword: (await ctx.secrets.get('smtp.password')) !== null,
    passwordStorage: ctx.secrets.persistent
  })
  const logoPath = join(ctx.dataDir, 'logo-ente.png')
  const enteInfo = (): EnteInfo => {
    const notice = ctx.settings.get<NoticeSettings>('notice') ?? {}
    return {
      ente: ctx.settings.get<EnteSettings>('ente') ?? null,
      notice: { website: notice.website, postalAuthorization: notice.postalAuthorization, postalHolder: notice.postalHolder },
      hasLogo: notice.logoPath !== undefined && existsSync(notice.logoPath)
    }
  }
  const signedIn = () => void sessions.operatorName()
  const dueOf = (iupd: string) => detail(iupd, sessions.who())
  const afterChange = <T>(value: T): T => {
    ctx.changed()
    return value
  }

  return {
    'app.info': (): AppInfo => {
      const ente = ctx.settings.get<EnteSettings>('ente') ?? NO_ENTE
      const operator = sessions.session().operator
      return {
        appName: 'Sportello Dovuti',
        version: ctx.version,
        ente: { name: ente.name, fiscalCode: ente.fiscalCode },
        operator: { username: operator?.username ?? '', displayName: operator?.displayName ?? '' },
        mode: deskModeOf(ctx.settings),
        demo: deskModeOf(ctx.settings) === 'demo',
        desk: currentDesk(ctx.settings),
        dataDir: ctx.dataDir,
        cacheNotice: ctx.cacheNotice
      }
    },
    'app.status': () => ctx.status(),
    'app.about': (): AboutInfo => {
      signedIn()
      const file = join(ctx.dataDir, DATABASE_FILE)
      const size = (f: string) => (existsSync(f) ? statSync(f).size : 0)
      const status = ctx.status()
      const audit = verifyAuditChain(ctx.sqlite)
      return {
        version: ctx.version,
        versions: {
          node: process.versions.node,
          electron: process.versions.electron ?? null,
          chrome: process.versions.chrome ?? null,
          sqlite: ctx.sqlite.prepare('SELECT sqlite_version()').pluck().get() as string
        },
        dataDir: ctx.dataDir,
        cacheBytes: size(file) + size(`${file}-wal`),
        cachedDues: status.cachedDues,
        backups: listBackups(join(ctx.dataDir, BACKUPS_FOLDER)),
        logFile: join(ctx.dataDir, LOG_FOLDER, 'sportello.log'),
        backend: status.sync.backend,
        terminal: status.pos.terminal,
        mode: deskModeOf(ctx.settings),
        desk: currentDesk(ctx.settings),
        audit: { ok: audit.ok, entries: audit.entries, problem: audit.problem ? `voce ${audit.problem.id}: ${audit.problem.message}` : null }
      }
    },
    'sync.run': (input) => {
      signedIn()
      return ctx.runSync(input.full)
    },

    'auth.session': () => sessions.session(),
    'auth.login': (input) => sessions.login(input.username, input.password),
    'auth.logout': () => sessions.logout(),
    'operators.list': () => {
      sessions.require('settings.manage')
      return sessions.list()
    },
    'operators.save': (input) => {
      sessions.require('settings.manage')
      return sessions.save(input)
    },
    'roles.get': () => {
      signedIn()
      return sessions.roles()
    },
    'roles.save': (input) => {
      sessions.require('settings.manage')
      return sessions.saveRoles(input.roles)
    },

    'dues.search': (input) => {
      signedIn()
      return search(input)
    },
    'dues.exportCsv': (input) => {
      sessions.require('dues.export')
      let content = csvHeader()
      let rows = 0
      const wanted = input.iupds ? new Set(input.iupds) : null
      for (const chunk of search.all({ ...input, page: 1, pageSize: 200 })) {
        const selected = wanted ? chunk.filter((r) => wanted.has(r.iupd)) : chunk
        content += csvRows(selected)
        rows += selected.length
        if (rows > EXPORT_LIMIT) throw new AppError('INVALID_INPUT', `Troppi dovuti da esportare (oltre ${EXPORT_LIMIT.toLocaleString('it-IT')}): restringere la ricerca.`)
      }
      const stamp = new Date().toLocaleString('sv-SE', { timeZone: 'Europe/Rome' }).replace(/[: ]/g, '-').slice(0, 16)
      return { filename: `dovuti-${stamp}.csv`, content, rows }
    },
    'dues.get': (input) => {
      signedIn()
      return dueOf(input.iupd)
    },
    'dues.prepare': (input) => {
      sessions.require('dues.create')
      return commands.prepare(input.installments)
    },
    'dues.create': (input) => {
      sessions.require('dues.create')
      return afterChange({ iupd: commands.create(input).iupd })
    },
    'dues.update': (input) => {
      sessions.require('dues.edit')
      commands.update(input)
      return afterChange(dueOf(input.iupd))
    },
    'dues.delete': (input) => {
      sessions.require('dues.delete')
      return afterChange(commands.remove(input))
    },
    'dues.invalidate': (input) => {
      sessions.require('dues.delete')
      commands.invalidate(input)
      return afterChange(dueOf(input.iupd))
    },
    'dues.registerPayment': (input) => {
      sessions.require('dues.registerPayment')
      const { iupd } = commands.registerPayment(input)
      return afterChange(dueOf(iupd))
    },

    'debtors.search': (input) => {
      signedIn()
      return registry.search(input.text, input.limit)
    },
    'debtors.import': (input) => {
      sessions.require('settings.manage')
      return registry.importCsv(input.csv)
    },
    'dueTypes.list': () => {
      signedIn()
      return dueTypes.list()
    },
    'dueTypes.save': (input) => {
      sessions.require('settings.manage')
      return dueTypes.save(input)
    },
    'dueTypes.import': (input) => {
      sessions.require('settings.manage')
      return dueTypes.importJson(input.json)
    },
    'dueTypes.export': () => {
      signedIn()
      return { json: dueTypes.exportJson() }
    },

    'notices.pdf': async (input) => {
      signedIn()
      const { filename, pdf } = await notices.pdf(input.iupd, input.layout)
      return { filename, base64: Buffer.from(pdf).toString('base64') }
    },
    'notices.print': (input) => {
      sessions.require('notices.print')
      return notices.print(input.iupd, input.printer, input.layout)
    },
    'notices.printMany': (input) => {
      sessions.require('notices.print')
      return notices.printMany(input.iupds, input.printer, (done, total) => ctx.events.emit('print.progress', { done, total }))
    },
    'notices.email': async (input) => {
      sessions.require('notices.email')
      return { to: (await mail.send(input.iupd, input.to, input.layout)).to }
    },
    'printers.list': () => {
      signedIn()
      return notices.printers()
    },
    'printers.choose': (input) => {
      sessions.require('settings.manage')
      notices.choosePrinter(input.name)
      return notices.printers()
    },
    // A recorded POS payment reports itself as a change (see app.ts); a refused one changes nothing.
    'pos.pay': (input) => {
      sessions.require('pos.pay')
      return ctx.pos.pay(input.nav)
    },
    'pos.resolve': (input) => {
      sessions.require('pos.pay')
      return ctx.pos.resolve(input.id, input.approved, input.note)
    },
    'pos.settings': () => {
      signedIn()
      return ctx.pos.settingsInfo()
    },
    'pos.test': (input) => {
      sessions.require('settings.manage')
      return ctx.pos.test(input)
    },
    'pos.saveSettings': async (input) => {
      sessions.require('settings.manage')
      await ctx.pos.configure(input)
      audit.append({ operator: sessions.operatorName(), action: 'settings', entity: 'settings', entityKey: 'pos', after: input, reason: 'Terminale POS configurato' })
      ctx.changed()
      return ctx.pos.settingsInfo()
    },
    'pos.journal': () => {
      sessions.require('till.use')
      return ctx.pos.journal()
    },
    'pos.receipt': async (input) => {
      signedIn()
      const { filename, pdf } = await ctx.pos.receipt(input.id)
      return { filename, base64: Buffer.from(pdf).toString('base64') }
    },
    'pos.printReceipt': async (input) => {
      sessions.require('notices.print')
      const printer = pdfPrinter.chosen()
      const { pdf } = await ctx.pos.receipt(input.id)
      return { printer, ...(await pdfPrinter.print(pdf, printer, 'ricevuta-pos')) }
    },
    'pos.closeDay': () => {
      sessions.require('till.use')
      return ctx.pos.closeDay()
    },
    'pos.report': async (input) => {
      sessions.require('till.use')
      const { filename, bytes } = await ctx.pos.report(input.closureId, input.format)
      return { filename, base64: Buffer.from(bytes).toString('base64') }
    },
    'privacy.settings': () => {
      signedIn()
      return { closedDays: ctx.citizenData.retentionDays() }
    },
    'privacy.saveSettings': (input) => {
      sessions.require('settings.manage')
      ctx.settings.set('retention', { closedDays: input.closedDays } satisfies RetentionSettings)
      audit.append({ operator: sessions.operatorName(), action: 'settings', entity: 'settings', entityKey: 'retention', after: input, reason: 'Periodo di conservazione dei dovuti chiusi' })
      return { closedDays: ctx.citizenData.retentionDays() }
    },
    'privacy.export': (input) => {
      sessions.require('settings.manage')
      const data = ctx.citizenData.export(input.fiscalCode, sessions.operatorName())
      return { filename: `dati-${String(data.fiscalCode)}.json`, json: JSON.stringify(data, null, 2) }
    },
    'privacy.erase': (input) => {
      sessions.require('settings.manage')
      const result = ctx.citizenData.erase(input.fiscalCode, sessions.operatorName())
      ctx.changed()
      return result
    },
    'mail.settings': () => {
      signedIn()
      return mailInfo()
    },
    'mail.saveSettings': async (input) => {
      sessions.require('settings.manage')
      ctx.settings.set('smtp', input.settings)
      if (input.password !== undefined) await ctx.secrets.set('smtp.password', input.password)
      return mailInfo()
    },
    'ente.get': () => {
      signedIn()
      return enteInfo()
    },
    'ente.save': (input) => {
      sessions.require('settings.manage')
      if (!isValidNumericFiscalCode(input.ente.fiscalCode)) throw new AppError('INVALID_INPUT', `Codice fiscale dell'ente non valido: ${input.ente.fiscalCode}.`)
      const otherEnte = enteChangeRefusal(readIdentity(ctx.sqlite, ctx.settings), input.ente.fiscalCode)
      if (otherEnte) throw new AppError('CONFLICT', otherEnte)
      const previous = ctx.settings.get<NoticeSettings>('notice') ?? {}
      let logo = previous.logoPath
      if (input.logoPngBase64 === null) {
        rmSync(logoPath, { force: true })
        logo = undefined
      } else if (input.logoPngBase64) {
        const bytes = Buffer.from(input.logoPngBase64, 'base64')
        // Only a PNG: the notice embeds it as such.
        if (bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new AppError('INVALID_INPUT', 'Il logo deve essere un’immagine PNG.')
        writeFileSync(logoPath, bytes)
        logo = logoPath
      }
      ctx.settings.set('ente', { ...input.ente, cbill: input.ente.cbill.toUpperCase() })
      ctx.settings.set('notice', { ...input.notice, ...(logo ? { logoPath: logo } : {}) } satisfies NoticeSettings)
      return enteInfo()
    },
    'backend.settings': () => {
      signedIn()
      return ctx.backendSettings.info()
    },
    'backend.save': async (input) => {
      sessions.require('settings.manage')
      const info = await ctx.backendSettings.save(input)
      audit.append({ operator: sessions.operatorName(), action: 'settings', entity: 'settings', entityKey: 'backend', after: { mode: info.mode, baseUrl: info.baseUrl }, reason: 'Backend pagoPA' })
      return info
    },
    'backend.test': (input) => {
      sessions.require('settings.manage')
      return ctx.backendSettings.test(input)
    },
    'mail.verify': async () => {
      sessions.require('settings.manage')
      await mail.verify()
      return { ok: true as const }
    },
    'desk.get': () => {
      signedIn()
      return desk.info()
    },
    'desk.save': (input) => {
      sessions.require('settings.manage')
      const saved = desk.save(input)
      ctx.changed()
      return saved
    },
    ...SETUP_METHODS_AFTER_START
  }
}
