// Which GPD the desk talks to: a real one (settings), or, with no configuration, the simulator
// started in-process on the data folder: the embedded default, with the demo Comune's positions.
import { join } from 'node:path'
import { DEMO_ENTE } from '../demo/ente'
import { createGpdClient, type GpdClient } from '../gpd/client'
import type { SpecValidator } from '../gpd/spec-validator'
import { launchSimulator, type LaunchedSimulator } from '../simulator/run'
import type { EnteSettings, SettingsStore } from '../settings/settings'
import type { SecretStore } from '../mail/secrets'

export type BackendSettings = { mode: 'embedded' } | { mode: 'gpd'; baseUrl: string; timeoutMs?: number }

export const EMBEDDED_DEMO_POSITIONS = 3_000

export interface BackendConnection {
  client: GpdClient
  /** What the header shows. */
  label: string
  embedded: boolean
  close(): Promise<void>
}

export interface ConnectOptions {
  settings: SettingsStore
  dataDir: string
  specsFolder: string
  validator: SpecValidator
  /** Overrides the settings for this run (CLI --backend, serve --demo). */
  override?: BackendSettings
  /** The subscription keys: the system's secure storage in the desktop app, the environment elsewhere. */
  secrets: SecretStore
}

const optional = <K extends string>(key: K, value: string | null) => (value ? ({ [key]: value } as Record<K, string>) : {})

export async function connectBackend(options: ConnectOptions): Promise<BackendConnection> {
  const backend = options.override ?? options.settings.get<BackendSettings>('backend') ?? { mode: 'embedded' }
  if (backend.mode === 'gpd') {
    const ente = options.settings.get<EnteSettings>('ente')
    if (!ente) throw new Error("Ente non configurato: impostare i dati dell'ente prima di collegare il backend pagoPA.")
    const client = createGpdClient({
      baseUrl: backend.baseUrl,
      organizationFiscalCode: ente.fiscalCode,
      // Keys come from the secret store, never from the cache, which is a plain file.
      ...optional('subscriptionKey', await options.secrets.get('gpd.subscriptionKey')),
      ...optional('receiptsSubscriptionKey', await options.secrets.get('gpd.receiptsSubscriptionKey')),
      timeoutMs: backend.timeoutMs ?? 15_000,
      validator: options.validator
    })
    return { client, label: new URL(backend.baseUrl).host, embedded: false, close: async () => undefined }
  }
  const simulator: LaunchedSimulator = await launchSimulator({
    dataDir: join(options.dataDir, 'simulator'),
    specsFolder: options.specsFolder,
    ente: DEMO_ENTE,
    seed: EMBEDDED_DEMO_POSITIONS,
    validator: options.validator
  })
  const client = createGpdClient({ baseUrl: simulator.url, organizationFiscalCode: DEMO_ENTE.fiscalCode, timeoutMs: 15_000, validator: options.validator })
  return { client, label: 'Simulatore GPD integrato (dati dimostrativi)', embedded: true, close: () => simulator.close() }
}
