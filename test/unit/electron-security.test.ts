// Electron's security checklist (electronjs.org/docs/latest/tutorial/security), item by item, on
// what can run here without Electron's binary: the decisions in src-main/electron/security-policy
// (pure), the built preload run in a sandbox-like VM with a stand-in for `electron`, and the built
// main bundle for the handlers it must install. No test loads the real `electron` module.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { IPC_INVOKE_CHANNEL } from '../../src-main/contract/bridge'
import { isTrustedUrl, newWindowDecision, permissionGranted, SECURE_WEB_PREFERENCES } from '../../src-main/electron/security-policy'
import { findElectronImports } from '../helpers/import-graph'
import { ROOT } from '../helpers/paths'

const OUT = join(ROOT, 'out')

describe('the window and its session', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security, no webview', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false
    })
  })

  it('grants no permission at all', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'serial', 'hid', 'usb', 'unknown']) {
      expect(permissionGranted(p), p).toBe(false)
    }
  })

  it('shows and serves only its own page', () => {
    const packaged = 'file:///C:/Program%20Files/Sportello%20Dovuti/resources/app.asar/out/renderer/index.html'
    expect(isTrustedUrl(`${packaged}#/dovuti/X`, packaged)).toBe(true)
    expect(isTrustedUrl('file:///C:/Users/mario/Downloads/evil.html', packaged)).toBe(false)
    expect(isTrustedUrl('https://example.org/', packaged)).toBe(false)
    expect(isTrustedUrl('javascript:alert(1)', packaged)).toBe(false)
    expect(isTrustedUrl('not a url', packaged)).toBe(false)
    const dev = 'http://localhost:5173/'
    expect(isTrustedUrl('http://localhost:5173/#/impostazioni', dev)).toBe(true)
    expect(isTrustedUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedUrl('http://127.0.0.1:5173/', dev)).toBe(false)
  })

  it('never opens a new window; only https links leave, to the system browser', () => {
    expect(newWindowDecision('https://www.pagopa.gov.it/')).toEqual({ openExternally: true })
    for (const url of ['http://example.org', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'ms-settings:', 'nonsense']) {
      expect(newWindowDecision(url), url).toEqual({ openExternally: false })
    }
  })

  it('the policy module itself needs no Electron', () => {
    expect(findElectronImports([join(ROOT, 'src-main', 'electron', 'security-policy.ts')], ROOT)).toEqual([])
  })

  it('the built main process installs every handler and the single-instance lock', () => {
    const main = readFileSync(join(OUT, 'main', 'index.js'), 'utf8')
    for (const needle of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setWindowOpenHandler', '"will-navigate"', '"will-attach-webview"', 'requestSingleInstanceLock', 'senderFrame', 'contextIsolation: true', 'sandbox: true']) {
      expect(main, needle).toContain(needle)
    }
    // No remote content, no shell strings.
    expect(main).not.toMatch(/loadURL\(\s*["']https?:/)
    expect(main).not.toMatch(/child_process\w*\.exec(Sync)?\b/)
    expect(main).not.toMatch(/shell:\s*true/)
  })

  it('the built page carries a Content-Security-Policy that allows only itself', () => {
    const html = readFileSync(join(OUT, 'renderer', 'index.html'), 'utf8')
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'")
    expect(csp).toBeDefined()
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
  })
})

describe('the built preload, in a sandbox with a stand-in for electron', () => {
  function loadPreload() {
    const exposed: Record<string, unknown> = {}
    const invoked: unknown[][] = []
    const fake = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve({ ok: true, value: null })), on: () => undefined, removeListener: () => undefined }
    }
    const code = readFileSync(join(OUT, 'preload', 'index.js'), 'utf8')
    const module = { exports: {} }
    // What a sandboxed preload gets: a limited require, no process.versions.node tricks.
    runInNewContext(code, {
      require: (name: string) => {
        if (name === 'electron') return fake
        throw new Error(`il preload non può caricare ${name}`)
      },
      module,
      exports: module.exports
    })
    return { exposed, invoked }
  }

  it('exposes the contract alone: invoke and on, never ipcRenderer', async () => {
    const { exposed, invoked } = loadPreload()
    expect(Object.keys(exposed)).toEqual(['sportello'])
    const bridge = exposed.sportello as Record<string, unknown>
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on'])
    expect(JSON.stringify(Object.keys(bridge))).not.toContain('ipcRenderer')

    const invoke = bridge.invoke as (method: string, input: unknown) => Promise<unknown>
    expect(await invoke('dues.search', { text: 'rossi' })).toEqual({ ok: true, value: null })
    expect(invoked).toEqual([[IPC_INVOKE_CHANNEL, 'dues.search', { text: 'rossi' }]])
    // A name outside the contract never reaches main.
    expect(await invoke('fs.readFile', '/etc/passwd')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    expect(invoked).toHaveLength(1)
    expect(() => (bridge.on as (e: string, l: () => void) => void)('ipc.raw', () => undefined)).toThrow('Evento sconosciuto')
  })
})
