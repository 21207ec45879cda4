import { BrowserWindow, session, shell } from 'electron'
import { pathToFileURL } from 'node:url'
import { contentSecurityPolicy } from '../core/host/content-security'
import { preloadScript, rendererIndex } from './paths'

/** The URL the renderer is loaded from: the only origin allowed to call the services. */
export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(rendererIndex()).href
}

export function isTrustedRendererUrl(url: string): boolean {
  const expected = new URL(rendererUrl())
  try {
    const actual = new URL(url)
    if (expected.protocol === 'file:') return actual.protocol === 'file:' && actual.pathname === expected.pathname
    return actual.origin === expected.origin
  } catch {
    return false
  }
}

export function hardenSession(): void {
  // The desk uses no camera, microphone, geolocation, notifications or other permissions.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  const policy = contentSecurityPolicy({ dev: process.env.ELECTRON_RENDERER_URL !== undefined })
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } })
  })
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Sportello Dovuti',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadScript(),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      // Chromium's PDF viewer, for the notice preview (blob: URLs the app itself created).
      plugins: true,
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => window.show())

  // Nothing but the app itself is ever shown in the window; external links open in the browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedRendererUrl(url)) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })

  void window.loadURL(rendererUrl())
  return window
}
