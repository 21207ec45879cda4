import { chmodSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export const PRODUCT_NAME = 'Sportello Dovuti'
export const DATABASE_FILE = 'sportello.db'

/**
 * Where the desk keeps its data when nobody says otherwise: the same folder Electron calls
 * userData for this product, so the CLI and the desktop app share one cache.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.SPORTELLO_DATA_DIR) return env.SPORTELLO_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME)
}

/**
 * The data folder holds citizens' personal data: created readable by the operating-system user
 * alone, and narrowed to that if an older version left it open. (On Windows the per-user
 * profile folder already does this.)
 */
export function secureDataDir(dir: string, platform = process.platform): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (platform !== 'win32') chmodSync(dir, 0o700)
}
