// Secrets (the SMTP password, GPD keys) never go into the cache, which is a plain file. The
// desktop app keeps them in the system's secure storage (src-main/electron/secrets.ts); the
// command line and the browser host read them from the environment.
export interface SecretStore {
  get(name: string): Promise<string | null>
  set(name: string, value: string | null): Promise<void>
  /** Whether set() keeps secrets across restarts on this host. */
  readonly persistent: boolean
}

const ENV_NAMES: Record<string, string> = {
  'smtp.password': 'SPORTELLO_SMTP_PASSWORD',
  'gpd.subscriptionKey': 'SPORTELLO_GPD_SUBSCRIPTION_KEY',
  'gpd.receiptsSubscriptionKey': 'SPORTELLO_GPD_RECEIPTS_SUBSCRIPTION_KEY'
}

/** Secrets from environment variables; set() holds them for this process only. */
export function createEnvSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  const memory = new Map<string, string | null>()
  return {
    persistent: false,
    async get(name) {
      if (memory.has(name)) return memory.get(name) ?? null
      const variable = ENV_NAMES[name]
      return (variable && env[variable]) || null
    },
    async set(name, value) {
      memory.set(name, value)
    }
  }
}
