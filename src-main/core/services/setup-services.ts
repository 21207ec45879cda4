// The services of a data folder that belongs to no world yet: the first-run screen's. Either the
// embedded demo, or a live desk whose required settings (ente, desk number, a backend that
// answers, a terminal that answers if one is chosen, the first administrator) come in one call,
// are all tested first, and only then saved: nothing is created, synced or charged before.
import type { AppInfo, AppStatus } from '../../contract/app'
import { AppError } from '../../contract/errors'
import { message, type Message } from '../../contract/messages'
import { METHOD_NAMES, type MethodParsedInput, type ServiceHandlers } from '../../contract/methods'
import type { Session } from '../../contract/desk'
import type Database from 'better-sqlite3'
import type { Sessions } from '../auth/session'
import type { SpecValidator } from '../gpd/spec-validator'
import type { PrintSystem } from '../printing/printer'
import type { SecretStore } from '../secrets/secrets'
import type { SettingsStore } from '../settings/settings'
import { createAuditLog } from '../audit/audit-log'
import { hashPassword } from '../auth/passwords'
import { isValidNumericFiscalCode } from '../pagopa/fiscal-code'
import { testTerminal } from '../pos/pos-desk'
import { identityFor, type CacheIdentity } from '../settings/cache-identity'
import { gpdBackend, testBackendConnection } from '../sync/backend-settings'
import { createEnteSettings } from '../settings/ente'
import { createDeskService } from '../settings/desk'
import { saveOperatorRow } from '../db/queries/operators'
import { queryDb } from '../db/queries/query-db'

export interface SetupContext {
  database: { sqlite: Database.Database }
  settings: SettingsStore
  secrets: SecretStore
  validator: SpecValidator
  printSystem: () => Promise<PrintSystem>
  cacheNotice: Message | null
  version: string
  dataDir: string
  /** Starts the desk in the chosen world (the composition root's); its sessions sign the operator in. */
  startDesk: (identity: CacheIdentity) => Promise<{ sessions: Sessions }>
}

/** The methods of a configured desk refuse here, with what to do. */
function refuseAll(): ServiceHandlers {
  const refused = {} as Record<string, () => never>
  for (const name of METHOD_NAMES) {
    refused[name] = () => {
      throw new AppError('UNAVAILABLE', 'settings.setup.notConfigured')
    }
  }
  return refused as unknown as ServiceHandlers
}

/** And the first-run methods refuse once the desk runs. */
export const SETUP_METHODS_AFTER_START = {
  'setup.demo': () => refuse(),
  'setup.live': () => refuse(),
  'setup.testBackend': () => refuse(),
  'setup.testPos': () => refuse(),
  'setup.printers': () => refuse()
} satisfies Partial<ServiceHandlers>
function refuse(): never {
  throw new AppError('CONFLICT', 'settings.setup.alreadyConfigured')
}

export function createSetupServices(ctx: SetupContext): ServiceHandlers {
  const { settings } = ctx
  const sqlite = ctx.database.sqlite
  let starting = false
  /** One choice at a time: a second click while the desk starts is refused, not run twice. */
  async function choose<T>(work: () => Promise<T>): Promise<T> {
    if (starting) throw new AppError('CONFLICT', 'settings.setup.inProgress')
    starting = true
    try {
      return await work()
    } finally {
      starting = false
    }
  }

  async function live(input: MethodParsedInput<'setup.live'>): Promise<Session> {
    if (!isValidNumericFiscalCode(input.ente.fiscalCode)) throw new AppError('INVALID_INPUT', 'settings.setup.invalidFiscalCode', { code: input.ente.fiscalCode })
    const tested = await testBackendConnection({ baseUrl: input.backend.baseUrl, subscriptionKey: input.backend.subscriptionKey ?? null, enteFiscalCode: input.ente.fiscalCode, validator: ctx.validator })
    if (!tested.ok) throw new AppError('UNAVAILABLE', 'settings.setup.backendFailed', { reason: tested.message })
    let pos = input.pos.mode === 'none' ? null : input.pos
    if (pos) {
      const probe = await testTerminal(pos)
      if (!probe.ok) throw new AppError('UNAVAILABLE', 'settings.setup.posFailed', { reason: probe.message })
      pos = { ...pos, scope: probe.scope ?? undefined } as typeof pos
    }
    const passwordHash = await hashPassword(input.admin.password)
    if (input.backend.subscriptionKey) await ctx.secrets.set('gpd.subscriptionKey', input.backend.subscriptionKey)
    if (input.backend.receiptsSubscriptionKey) await ctx.secrets.set('gpd.receiptsSubscriptionKey', input.backend.receiptsSubscriptionKey)
    const backend = gpdBackend(input.backend)
    const username = input.admin.username.toLowerCase()
    const audit = createAuditLog(sqlite)
    // Each setting through the module that holds its rules (the ente's, the desk number's).
    const ente = sqlite.transaction(() => {
      const saved = createEnteSettings({ sqlite, settings, dataDir: ctx.dataDir }).save({ ente: input.ente, notice: {} }).ente!
      createDeskService({ sqlite, settings, audit, operator: () => input.admin.displayName }).save({ ...input.desk, confirm: false })
      settings.set('backend', backend)
      if (pos) settings.set('pos', pos)
      if (input.printer) settings.set('printer', { name: input.printer })
      saveOperatorRow(queryDb(sqlite), { username, displayName: input.admin.displayName, role: 'amministratore', passwordHash, active: true })
      audit.append({ operator: input.admin.displayName, action: 'settings', entity: 'settings', entityKey: 'setup', after: { ente: saved.fiscalCode, desk: input.desk, backend: backend.baseUrl, pos: pos?.mode ?? 'none', printer: input.printer }, reason: 'Configurazione iniziale: sportello collegato al pagoPA dell’ente' })
      return saved
    })()
    const desk = await ctx.startDesk(identityFor({ mode: 'live', baseUrl: backend.baseUrl }, ente))
    return desk.sessions.login(username, input.admin.password)
  }

  return {
    ...refuseAll(),
    'app.info': (): AppInfo => ({
      appName: 'Sportello Dovuti',
      version: ctx.version,
      ente: { name: 'Configurazione iniziale', fiscalCode: '' },
      operator: { username: '', displayName: '' },
      mode: 'setup',
      demo: false,
      desk: null,
      dataDir: ctx.dataDir,
      cacheNotice: ctx.cacheNotice
    }),
    'app.status': (): AppStatus => ({
      sync: { state: 'local', pendingChanges: 0, conflicts: 0, lastSyncAt: null, lastError: null, backend: message('sync.backendName.none'), progress: null },
      pos: { state: 'none', terminal: message('pos.terminalName.none') },
      cachedDues: 0,
      deskCollision: null,
      createRefusal: null
    }),
    'auth.session': (): Session => ({ operator: null, demo: false }),
    'setup.demo': () => choose(async () => (await ctx.startDesk(identityFor({ mode: 'demo' }, undefined))).sessions.session()),
    'setup.live': (input) => choose(() => live(input)),
    'setup.testBackend': (input) => testBackendConnection({ baseUrl: input.baseUrl, subscriptionKey: input.subscriptionKey ?? null, enteFiscalCode: input.enteFiscalCode, validator: ctx.validator }),
    'setup.testPos': (input) => (input.mode === 'virtual' ? { ok: false, message: message('settings.setup.virtualTerminal'), scope: null } : testTerminal(input)),
    'setup.printers': async () => ({ printers: await (await ctx.printSystem()).list(), chosen: null })
  }
}
