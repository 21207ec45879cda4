// Electron entry: lifecycle and wiring only. Everything the desk does lives in ./core, which
// runs without Electron; the adapters in ./electron stay thin.
import { app, BrowserWindow, dialog } from 'electron'
import { startCoreApp, type CoreApp } from './core/app'
import { serveContractOverIpc } from './electron/ipc'
import { resourcesDir } from './electron/paths'
import { createSafeStorageSecretStore } from './electron/secrets'
import { scheduleUpdates } from './electron/updates'
import { createMainWindow, hardenSession } from './electron/window'

let mainWindow: BrowserWindow | null = null
let core: CoreApp | null = null

if (!app.requestSingleInstanceLock()) {
  // Two instances would write the same cache and drive the same POS: keep the first one.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })

  void app.whenReady().then(async () => {
    hardenSession()
    // The work that can wait (sync, cache check, daily copy, purge) starts once the window shows.
    let firstScreenUp = () => {}
    const firstScreen = new Promise<void>((resolve) => (firstScreenUp = resolve))
    let started: CoreApp
    try {
      const dataDir = process.env.SPORTELLO_DATA_DIR ?? app.getPath('userData')
      started = await startCoreApp({
        dataDir,
        secrets: createSafeStorageSecretStore(dataDir),
        resourcesDir: resourcesDir(),
        version: app.getVersion(),
        backgroundSync: true,
        firstScreen
      })
    } catch (error) {
      dialog.showErrorBox('Sportello Dovuti', `Impossibile aprire la cache locale.\n\n${String(error)}`)
      app.exit(1)
      return
    }
    core = started
    scheduleUpdates(started.log)
    serveContractOverIpc(started, () => mainWindow)
    mainWindow = createMainWindow()
    mainWindow.once('ready-to-show', firstScreenUp)
    mainWindow.on('closed', () => (mainWindow = null))
  })

  app.on('window-all-closed', () => app.quit())
  let closing = false
  app.on('will-quit', (event) => {
    // Let a sync in progress finish its transaction and the embedded simulator stop cleanly.
    if (!core || closing) return
    event.preventDefault()
    closing = true
    void core.close().finally(() => app.quit())
  })
}
