// Which world a cache belongs to, decided once and kept: the embedded demo (simulator, demo data,
// virtual terminal) or a real ente's pagoPA (its GPD, its terminal). A demo part must never act on
// a live ente, so a cache never moves between the two, nor from one ente or backend to another:
// that is a new data folder.
import type Database from 'better-sqlite3'
import type { DeskMode } from '../../contract/app'
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

export class CacheModeError extends Error {
  constructor(message: string) {
    super(message)
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

const NEW_FOLDER_DEMO = 'Per provare con dati dimostrativi usare una nuova cartella dati (sportello serve --demo --data NUOVA_CARTELLA, oppure la variabile SPORTELLO_DATA_DIR per l’app).'
const NEW_FOLDER_LIVE = 'Per collegare uno sportello reale usare una nuova cartella dati (sportello config --data NUOVA_CARTELLA …, oppure la variabile SPORTELLO_DATA_DIR per l’app): la configurazione iniziale la prepara.'

/** Why this cache cannot start as asked, or null. */
export function identityRefusal(identity: CacheIdentity, requested: RequestedBackend): string | null {
  if (identity.mode === 'demo' && requested.mode === 'live') {
    return `Questa cartella dati è di uno sportello dimostrativo: i suoi dati sono di prova e non possono essere inviati al pagoPA di un ente (${originOf(requested.baseUrl)}). ${NEW_FOLDER_LIVE}`
  }
  if (identity.mode === 'live' && requested.mode === 'demo') {
    return `Questa cartella dati è collegata al pagoPA dell’ente ${identity.enteFiscalCode} (${identity.backendOrigin}): il simulatore e i dati dimostrativi non si avviano su di essa. ${NEW_FOLDER_DEMO}`
  }
  if (identity.mode === 'live' && requested.mode === 'live' && originOf(requested.baseUrl) !== identity.backendOrigin) {
    return `Questa cartella dati è stata riempita dal backend ${identity.backendOrigin}: non può sincronizzarsi con ${originOf(requested.baseUrl)}, i dovuti dei due si mescolerebbero. Per un altro backend usare una nuova cartella dati.`
  }
  return null
}

/** Why the ente of a live cache cannot become another one, or null. */
export function enteChangeRefusal(identity: CacheIdentity | null, fiscalCode: string): string | null {
  if (identity?.mode !== 'live' || identity.enteFiscalCode === fiscalCode) return null
  return `Questa cartella dati contiene i dovuti dell’ente ${identity.enteFiscalCode}: non può passare a un altro ente (${fiscalCode}). Per un altro ente usare una nuova cartella dati.`
}

/** The identity a start binds an unbound cache to. */
export function identityFor(requested: RequestedBackend, ente: EnteSettings | undefined): CacheIdentity {
  const boundAt = new Date().toISOString()
  if (requested.mode === 'demo') return { mode: 'demo', boundAt }
  if (!ente) throw new CacheModeError("Ente non configurato: impostare i dati dell'ente (sportello config --ente FILE.json) prima di collegare il backend pagoPA.")
  return { mode: 'live', enteFiscalCode: ente.fiscalCode, backendOrigin: originOf(requested.baseUrl), boundAt }
}
