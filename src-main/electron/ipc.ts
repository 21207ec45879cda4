import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../contract/bridge'
import type { CoreApp } from '../core/app'
import { isTrustedRendererUrl } from './window'

/** Serves the contract over IPC to our own renderer only, and forwards pushes to the window. */
export function serveContractOverIpc(app: CoreApp, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url ?? ''
    if (!isTrustedRendererUrl(frameUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Richiesta da una pagina non autorizzata.' } }
    }
    return app.dispatch(method, input)
  })
  const unsubscribe = app.events.subscribe((name, payload) => {
    const window = getWindow()
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload)
  })
  return () => {
    unsubscribe()
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL)
  }
}
