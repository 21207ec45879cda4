import { safeStorage } from 'electron'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretStore } from '../core/secrets/secrets'

/**
 * Secrets encrypted with the operating system's secure storage (DPAPI on Windows, the keychain
 * on macOS, libsecret on Linux) and kept, encrypted, in a file of the data folder.
 */
export function createSafeStorageSecretStore(dataDir: string): SecretStore {
  const file = join(dataDir, 'segreti.json')
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {})
  return {
    persistent: safeStorage.isEncryptionAvailable(),
    async get(name) {
      const stored = read()[name]
      return stored ? safeStorage.decryptString(Buffer.from(stored, 'base64')) : null
    },
    async set(name, value) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('Archivio sicuro del sistema non disponibile: la password non può essere salvata.')
      const all = read()
      if (value === null) delete all[name]
      else all[name] = safeStorage.encryptString(value).toString('base64')
      writeFileSync(file, JSON.stringify(all), { mode: 0o600 })
    }
  }
}
