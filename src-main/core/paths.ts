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
