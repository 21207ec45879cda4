// Which GPD the desk talks to: the ente's (a live cache), or the simulator started in-process on
// the data folder with the demo Comune's positions (a demo cache, and only a demo cache).
import { AppError } from '../../contract/errors'
import { createGpdClient, type GpdClient } from '../gpd/client'
import type { SpecValidator } from '../gpd/spec-validator'
import type { EnteSettings, SettingsStore } from '../settings/settings'
import type { SecretStore } from '../secrets/secrets'
import { message, type Message } from '../../contract/messages'

export type BackendSettings = { mode: 'embedded' } | { mode: 'gpd'; baseUrl: string; timeoutMs?: number }

export interface BackendConnection {
  client: GpdClient
  /** What the header shows. */
  label: Message
  embedded: boolean
  close(): Promise<void>
}

/** The demo's backend, started by the composition root: the sync never knows it is a simulator. */
export interface EmbeddedBackend {
  url: string
  organizationFiscalCode: string
  close(): Promise<void>
}

export interface ConnectOptions {
  settings: SettingsStore
  validator: SpecValidator
  /** Starts the embedded simulator: asked only for a demo cache. */
  startEmbedded: () => Promise<EmbeddedBackend>
  /** The cache's world (see settings/cache-identity): only a demo cache starts the simulator. */
  mode: 'demo' | 'live'
  /** A live cache's backend: the settings, or the command line's for this run. */
  backend?: { baseUrl: string; timeoutMs?: number | undefined }
  /** The subscription keys: the system's secure storage in the desktop app, the environment elsewhere. */
  secrets: SecretStore
}

const optional = <K extends string>(key: K, value: string | null) => (value ? ({ [key]: value } as Record<K, string>) : {})

export async function connectBackend(options: ConnectOptions): Promise<BackendConnection> {
  if (options.mode === 'live') {
    const backend = options.backend
    if (!backend) throw new AppError('UNAVAILABLE', 'sync.backendNotConfigured')
    const ente = options.settings.get<EnteSettings>('ente')
    if (!ente) throw new AppError('UNAVAILABLE', 'sync.enteNotConfigured')
    const client = createGpdClient({
      baseUrl: backend.baseUrl,
      organizationFiscalCode: ente.fiscalCode,
      // Keys come from the secret store, never from the cache, which is a plain file.
      ...optional('subscriptionKey', await options.secrets.get('gpd.subscriptionKey')),
      ...optional('receiptsSubscriptionKey', await options.secrets.get('gpd.receiptsSubscriptionKey')),
      timeoutMs: backend.timeoutMs ?? 15_000,
      validator: options.validator
    })
    return { client, label: message('sync.backendName.gpd', { host: new URL(backend.baseUrl).host }), embedded: false, close: async () => undefined }
  }
  const simulator = await options.startEmbedded()
  const client = createGpdClient({ baseUrl: simulator.url, organizationFiscalCode: simulator.organizationFiscalCode, timeoutMs: 15_000, validator: options.validator })
  return { client, label: message('sync.backendName.simulator'), embedded: true, close: () => simulator.close() }
}
