// Which world a cache belongs to, decided once and kept: the embedded demo (simulator, demo data,
// virtual terminal) or a real ente's pagoPA (its GPD, its terminal). A demo part must never act on
// a live ente, so a cache never moves between the two, nor from one ente or backend to another:
// that is a new data folder.
import type Database from 'better-sqlite3'
import type { DeskMode } from '../../contract/app'
import { AppError } from '../../contract/errors'
import { message, type Message } from '../../contract/messages'
import type { EnteSettings, SettingsStore } from './settings'

export type CacheIdentity =
  | { mode: 'demo'; boundAt: string }
  | {
      mode: 'live'
      /** The ente whose dues fill the cache. */
      enteFiscalCode: string
      /** Scheme, host and port of the GPD that fills it (the path may change with API versions). */
      backendOrigin: string
      boundAt: string
    }

/** What a start asks for: the embedded demo, or a backend at an address. */
export type RequestedBackend = { mode: 'demo' } | { mode: 'live'; baseUrl: string }

const KEY = 'cache.identity'

/** A cache asked to start in a world it does not belong to: the operator must use another data folder. */
export class CacheModeError extends AppError {
  constructor(said: Message) {
    super('CONFLICT', said)
    this.name = 'CacheModeError'
  }
}

export const originOf = (baseUrl: string): string => new URL(baseUrl).origin

/**
 * The cache's identity; caches written before identities existed are recognised by what they
 * did: a saved backend address (live), or a sync with the embedded default (demo).
 */
export function readIdentity(sqlite: Database.Database, settings: SettingsStore): CacheIdentity | null {
  const saved = settings.get<CacheIdentity>(KEY)
  if (saved) return saved
  const backend = settings.get<{ mode: 'embedded' } | { mode: 'gpd'; baseUrl: string }>('backend')
  const ente = settings.get<EnteSettings>('ente')
  const boundAt = new Date().toISOString()
  if (backend?.mode === 'gpd' && ente) return { mode: 'live', enteFiscalCode: ente.fiscalCode, backendOrigin: originOf(backend.baseUrl), boundAt }
  if (backend?.mode === 'embedded') return { mode: 'demo', boundAt }
  const synced = sqlite.prepare("SELECT 1 FROM sync_state WHERE key = 'sync.lastFullAt'").get()
  if (synced) return { mode: 'demo', boundAt }
  return null
}

export function saveIdentity(settings: SettingsStore, identity: CacheIdentity): void {
  settings.set(KEY, identity)
}

/** The mode of the cache behind these settings: 'setup' until one is chosen. */
export function deskModeOf(settings: SettingsStore): DeskMode {
  return settings.get<CacheIdentity>(KEY)?.mode ?? 'setup'
}

/** Why this cache cannot start as asked, or null. Each refusal says to use a new data folder. */
export function identityRefusal(identity: CacheIdentity, requested: RequestedBackend): Message | null {
  if (identity.mode === 'demo' && requested.mode === 'live') {
    return message('settings.identity.demoToLive', { origin: originOf(requested.baseUrl) })
  }
  if (identity.mode === 'live' && requested.mode === 'demo') {
    return message('settings.identity.liveToDemo', { ente: identity.enteFiscalCode, origin: identity.backendOrigin })
  }
  if (identity.mode === 'live' && requested.mode === 'live' && originOf(requested.baseUrl) !== identity.backendOrigin) {
    return message('settings.identity.otherBackend', { origin: identity.backendOrigin, requested: originOf(requested.baseUrl) })
  }
  return null
}

/** Why the ente of a live cache cannot become another one, or null. */
export function enteChangeRefusal(identity: CacheIdentity | null, fiscalCode: string): Message | null {
  if (identity?.mode !== 'live' || identity.enteFiscalCode === fiscalCode) return null
  return message('settings.identity.otherEnte', { ente: identity.enteFiscalCode, requested: fiscalCode })
}

/** The identity a start binds an unbound cache to. */
export function identityFor(requested: RequestedBackend, ente: EnteSettings | undefined): CacheIdentity {
  const boundAt = new Date().toISOString()
  if (requested.mode === 'demo') return { mode: 'demo', boundAt }
  if (!ente) throw new CacheModeError(message('settings.identity.enteMissing'))
  return { mode: 'live', enteFiscalCode: ente.fiscalCode, backendOrigin: originOf(requested.baseUrl), boundAt }
}
