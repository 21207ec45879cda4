// Electron's security checklist as decisions that need no Electron: the window's web preferences,
// which URLs the window may show, which frames may call the services, what a link may open, and
// which permissions are granted (none). window.ts and ipc.ts apply them; tests check them here.

/** The renderer's web preferences, preload aside (its path is the adapter's business). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  // Chromium's PDF viewer, for the notice preview (blob: URLs the app itself created).
  plugins: true,
  spellcheck: false
} as const

/** The desk uses no camera, microphone, geolocation, notifications, clipboard reads or any other permission. */
export function permissionGranted(_permission: string): boolean {
  return false
}

/** Only the app's own page: the file it was loaded from, or the dev server's origin. */
export function isTrustedUrl(url: string, rendererUrl: string): boolean {
  try {
    const expected = new URL(rendererUrl)
    const actual = new URL(url)
    if (expected.protocol === 'file:') return actual.protocol === 'file:' && actual.pathname === expected.pathname
    return actual.origin === expected.origin
  } catch {
    return false
  }
}

/** A new window is never opened; an https link goes to the system browser, anything else nowhere. */
export function newWindowDecision(url: string): { openExternally: boolean } {
  try {
    return { openExternally: new URL(url).protocol === 'https:' }
  } catch {
    return { openExternally: false }
  }
}
