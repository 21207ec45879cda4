// Impostazioni › Backend: which GPD the desk uses (saved for the next start: the sync engine is
// built on one backend for the whole run), its subscription keys in the secret store, and a
// connection test that lists today's positions.
import { AppError } from '../../contract/errors'
import type { BackendSettingsInfo } from '../../contract/backend'
import { message, type Message } from '../../contract/messages'
import { createGpdClient } from '../gpd/client'
import { GpdError } from '../gpd/errors'
import type { SpecValidator } from '../gpd/spec-validator'
import type { SecretStore } from '../secrets/secrets'
import type { EnteSettings, SettingsStore } from '../settings/settings'
import type { BackendSettings } from './backend-connection'
import { identityRefusal, readIdentity } from '../settings/cache-identity'
import type Database from 'better-sqlite3'
import { errorMessage } from './link'

/**
 * Lists today's positions: proves address, key and ente fiscal code together, changes nothing.
 * Used by Impostazioni › Backend and by the first-run screen.
 */
export async function testBackendConnection(input: { baseUrl: string; subscriptionKey: string | null; enteFiscalCode: string; validator: SpecValidator }): Promise<{ ok: boolean; message: Message }> {
  const client = createGpdClient({ baseUrl: input.baseUrl, organizationFiscalCode: input.enteFiscalCode, validator: input.validator, timeoutMs: 10_000, ...(input.subscriptionKey ? { subscriptionKey: input.subscriptionKey } : {}) })
  const today = new Date().toISOString().slice(0, 10)
  const list = () => client.listPositions({ dueDateFrom: today, dueDateTo: today, page: 0, limit: 1 })
  try {
    // A kept-alive connection the server has just closed fails once for no fault of the backend:
    // a dropped connection is tried a second time before the test says the backend is unreachable.
    const page = await list().catch((error: unknown) => {
      if (error instanceof GpdError && error.kind === 'network') return list()
      throw error
    })
    return { ok: true, message: message('settings.backend.reachable', { host: new URL(input.baseUrl).host, ente: input.enteFiscalCode, count: page.page_info.items_found }) }
  } catch (error) {
    if (error instanceof GpdError && (error.status === 401 || error.status === 403)) return { ok: false, message: message('settings.backend.keyRefused') }
    return { ok: false, message: errorMessage(error) }
  }
}

export interface BackendSettingsContext {
  sqlite: Database.Database
  settings: SettingsStore
  secrets: SecretStore
  validator: SpecValidator
  /** What this run uses (settings at start, or a command-line override). */
  active: { label: Message; settings: BackendSettings }
}

const same = (a: BackendSettings, b: BackendSettings) => JSON.stringify(a) === JSON.stringify(b)

export type BackendSettingsService = ReturnType<typeof createBackendSettings>

/** A GPD backend as the settings keep it: the address without a trailing slash, the timeout only when chosen. */
export function gpdBackend(input: { baseUrl: string; timeoutMs?: number | undefined }): Extract<BackendSettings, { mode: 'gpd' }> {
  return { mode: 'gpd', baseUrl: input.baseUrl.replace(/\/+$/, ''), ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}) }
}

export function createBackendSettings(ctx: BackendSettingsContext) {
  const saved = () => ctx.settings.get<BackendSettings>('backend') ?? { mode: 'embedded' as const }
  async function info(): Promise<BackendSettingsInfo> {
    const s = saved()
    return {
      mode: s.mode,
      baseUrl: s.mode === 'gpd' ? s.baseUrl : null,
      timeoutMs: s.mode === 'gpd' ? (s.timeoutMs ?? null) : null,
      hasKey: (await ctx.secrets.get('gpd.subscriptionKey')) !== null,
      hasReceiptsKey: (await ctx.secrets.get('gpd.receiptsSubscriptionKey')) !== null,
      keyStorage: ctx.secrets.persistent,
      active: ctx.active.label,
      restartNeeded: !same(s, ctx.active.settings)
    }
  }
  return {
    info,
    async save(input: { mode: 'embedded' } | { mode: 'gpd'; baseUrl: string; timeoutMs?: number | undefined; subscriptionKey?: string | null | undefined; receiptsSubscriptionKey?: string | null | undefined }): Promise<BackendSettingsInfo> {
      // The cache stays in its world: a demo cache never gets a real backend, a live one never the
      // simulator or another ente's backend.
      const identity = readIdentity(ctx.sqlite, ctx.settings)
      const why = identity ? identityRefusal(identity, input.mode === 'gpd' ? { mode: 'live', baseUrl: input.baseUrl } : { mode: 'demo' }) : null
      if (why) throw new AppError('CONFLICT', why)
      if (input.mode === 'gpd') {
        if (!ctx.settings.get<EnteSettings>('ente')) throw new AppError('INVALID_INPUT', 'settings.backend.enteRequired')
        if (input.subscriptionKey !== undefined) await ctx.secrets.set('gpd.subscriptionKey', input.subscriptionKey)
        if (input.receiptsSubscriptionKey !== undefined) await ctx.secrets.set('gpd.receiptsSubscriptionKey', input.receiptsSubscriptionKey)
        ctx.settings.set('backend', gpdBackend(input))
      } else {
        ctx.settings.set('backend', { mode: 'embedded' } satisfies BackendSettings)
      }
      return info()
    },
    async test(input: { baseUrl: string; subscriptionKey?: string | undefined }): Promise<{ ok: boolean; message: Message }> {
      const ente = ctx.settings.get<EnteSettings>('ente')
      if (!ente) return { ok: false, message: message('settings.backend.enteMissing') }
      const key = input.subscriptionKey || (await ctx.secrets.get('gpd.subscriptionKey'))
      return testBackendConnection({ baseUrl: input.baseUrl, subscriptionKey: key, enteFiscalCode: ente.fiscalCode, validator: ctx.validator })
    }
  }
}
