// Exposes the service contract, and nothing else, to the sandboxed renderer: no raw ipcRenderer,
// no Node. Method and event names are checked here before anything reaches main.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, isMethodName, type PreloadBridge } from '../src-main/contract/bridge'
import { isEventName } from '../src-main/contract/events'

const bridge: PreloadBridge = {
  invoke(method, input) {
    if (!isMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `Operazione sconosciuta: ${String(method)}` } })
    }
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input)
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Evento sconosciuto: ${event}`)
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload)
    }
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped)
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped)
  }
}

contextBridge.exposeInMainWorld('sportello', bridge)
