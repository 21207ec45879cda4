// Starts a simulator with its store: shared by `sportello simulate backend` and by the desk's
// embedded default (no backend configured).
import { join } from 'node:path'
import { createSpecValidator, type SpecValidator } from '../gpd/spec-validator'
import type { EnteSettings } from '../settings/settings'
import type { FaultSettings } from './faults'
import { seedSimulator } from './seed'
import { startSimulator, type RunningSimulator } from './server'
import { openSimulatorStore, type SimulatorStore } from './store'

export interface SimulatorLaunch {
  /** Folder of simulator.db; null keeps everything in memory. */
  dataDir: string | null
  specsFolder: string
  ente: EnteSettings
  port?: number
  /** Demo positions to create when the store is empty. */
  seed?: number
  faults?: Partial<FaultSettings>
  subscriptionKey?: string
  validator?: SpecValidator
  today?: Date
}

export interface LaunchedSimulator extends RunningSimulator {
  store: SimulatorStore
  seeded: number
}

export async function launchSimulator(options: SimulatorLaunch): Promise<LaunchedSimulator> {
  const store = openSimulatorStore(options.dataDir ? join(options.dataDir, 'simulator.db') : ':memory:')
  let seeded = 0
  if (options.seed && store.count() === 0) seeded = seedSimulator(store, { count: options.seed, ente: options.ente, today: options.today })
  const running = await startSimulator({
    store,
    validator: options.validator ?? createSpecValidator(options.specsFolder),
    organizationFiscalCode: options.ente.fiscalCode,
    port: options.port,
    faults: options.faults,
    subscriptionKey: options.subscriptionKey
  })
  return {
    get url() {
      return running.url
    },
    get port() {
      return running.port
    },
    get stats() {
      return running.stats
    },
    setFaults: running.setFaults,
    store,
    seeded,
    close: async () => {
      await running.close()
      store.close()
    }
  }
}
