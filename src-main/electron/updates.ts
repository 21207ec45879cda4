// Updates from the ente's server (electron-builder's "publish" setting): downloaded in the
// background, installed when the app quits at the end of the shift. Never a restart while a
// citizen is at the desk, never in the middle of a POS payment.
import { app } from 'electron'
import { autoUpdater } from 'electron-updater'

const CHECK_EVERY_MS = 4 * 60 * 60 * 1000

export function scheduleUpdates(log: (message: string, error?: unknown) => void): void {
  // In development, or a build without an update server, there is nothing to check.
  if (!app.isPackaged || process.env.SPORTELLO_UPDATES_DISABLED === '1') return
  autoUpdater.autoDownload = true
  autoUpdater.autoInstallOnAppQuit = true
  autoUpdater.allowDowngrade = false
  autoUpdater.on('update-downloaded', (info) => log(`Aggiornamento ${info.version} scaricato: sarà installato alla chiusura dell'applicazione`))
  autoUpdater.on('error', (error) => log('Controllo degli aggiornamenti non riuscito', error))
  const check = () => void autoUpdater.checkForUpdates().catch((error: unknown) => log('Controllo degli aggiornamenti non riuscito', error))
  check()
  setInterval(check, CHECK_EVERY_MS).unref()
}
