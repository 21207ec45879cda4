// Electron entry: lifecycle and wiring only. Everything the desk does lives in ./core, which
// runs without Electron; the adapters in ./electron stay thin.
import { app, BrowserWindow, dialog } from 'electron'
import { createCoreApp, type CoreApp } from './core/app'
import { serveContractOverIpc } from './electron/ipc'
import { migrationsFolder } from './electron/paths'
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

  void app.whenReady().then(() => {
    hardenSession()
    try {
      core = createCoreApp({
        dataDir: process.env.SPORTELLO_DATA_DIR ?? app.getPath('userData'),
        migrationsFolder: migrationsFolder(),
        version: app.getVersion(),
        demo: true
      })
    } catch (error) {
      dialog.showErrorBox('Sportello Dovuti', `Impossibile aprire la cache locale.\n\n${String(error)}`)
      app.exit(1)
      return
    }
    serveContractOverIpc(core, () => mainWindow)
    mainWindow = createMainWindow()
    mainWindow.on('closed', () => (mainWindow = null))
  })

  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => core?.close())
}
