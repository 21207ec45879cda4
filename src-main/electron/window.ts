import { BrowserWindow, session, shell } from 'electron'
import { pathToFileURL } from 'node:url'
import { contentSecurityPolicy } from '../core/host/content-security'
import { preloadScript, rendererIndex } from './paths'
import { isTrustedUrl, newWindowDecision, permissionGranted, SECURE_WEB_PREFERENCES } from './security-policy'

/** The URL the renderer is loaded from: the only origin allowed to call the services. */
export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(rendererIndex()).href
}

export function isTrustedRendererUrl(url: string): boolean {
  return isTrustedUrl(url, rendererUrl())
}

export function hardenSession(): void {
  // The desk uses no camera, microphone, geolocation, notifications or other permissions.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionGranted(permission)))
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionGranted(permission))
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
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadScript() }
  })
  window.once('ready-to-show', () => window.show())

  // Nothing but the app itself is ever shown in the window; external links open in the browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedRendererUrl(url)) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (newWindowDecision(url).openExternally) void shell.openExternal(url)
    return { action: 'deny' }
  })

  void window.loadURL(rendererUrl())
  return window
}
