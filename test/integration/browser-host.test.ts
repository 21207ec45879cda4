import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCoreApp, type CoreApp } from '../../src-main/core/app'
import { startBrowserHost, type BrowserHost } from '../../src-main/core/host/browser-host'
import { ROOT, tempDir } from '../helpers/paths'
import { message } from '../../src-main/contract/messages'

const data = tempDir()
let app: CoreApp
let host: BrowserHost

beforeAll(async () => {
  app = await startCoreApp({ dataDir: data.dir, resourcesDir: join(ROOT, 'resources'), version: 'test', demo: true, backgroundSync: true })
  await app.firstSync
  host = await startBrowserHost({ dispatch: app.dispatch, events: app.events, staticDir: join(ROOT, 'out', 'renderer') })
})
afterAll(async () => {
  await host.close()
  await app.close()
  data.cleanup()
})

/** Raw HTTP, so Host and Origin headers can be set as an attacker would. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}
const rpc = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
    body: JSON.stringify(input)
  })

describe('browser host', () => {
  it('listens on loopback only, with a random port and a long token', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(host.port).toBeGreaterThan(1024)
    expect(host.token.length).toBeGreaterThanOrEqual(32)
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`)
  })

  it('serves the same contract as IPC', async () => {
    const res = await rpc('dues.search', { text: 'rossi', pageSize: 5 })
    expect(res.status).toBe(200)
    const body = JSON.parse(res.body)
    expect(body.ok).toBe(true)
    expect(body.value.total).toBeGreaterThan(0)
    expect(body.value.rows).toHaveLength(5)
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('refuses calls without the token, or with another one', async () => {
    for (const headers of [{ Authorization: '' }, { Authorization: 'Bearer nope' }, { Authorization: `Bearer ${host.token}x` }]) {
      const res = await rpc('app.info', {}, headers)
      expect(res.status).toBe(401)
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    }
  })

  it('refuses foreign Host and Origin headers (DNS rebinding, other web pages)', async () => {
    expect((await rpc('app.info', {}, { Host: 'evil.example:80' })).status).toBe(403)
    expect((await rpc('app.info', {}, { Origin: 'http://evil.example' })).status).toBe(403)
    expect((await rpc('app.info', {}, { Origin: host.origin })).status).toBe(200)
  })

  it('answers unknown methods and bad input with plain Italian errors', async () => {
    expect(JSON.parse((await rpc('db.dropEverything', {})).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    expect(JSON.parse((await rpc('dues.search', { pageSize: -1 })).body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const notJson = await send('/rpc/app.info', { method: 'POST', headers: { Authorization: `Bearer ${host.token}` }, body: '{nope' })
    expect(notJson.status).toBe(400)
    expect(JSON.parse(notJson.body).error.message).toMatch(/JSON/)
  })

  it('serves the built UI with a Content-Security-Policy, and nothing outside it', async () => {
    const index = await send('/')
    expect(index.status).toBe(200)
    expect(index.body).toContain('<div id="app">')
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'")
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/assets/../../../package.json']) {
      expect((await send(path)).status).toBe(404)
    }
  })

  it('pushes events over server-sent events to token holders only', async () => {
    expect((await send('/events')).status).toBe(401)
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/events?token=${host.token}` }, (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString()
          if (text.includes('event: app.status')) {
            resolve(text)
            req.destroy()
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    // Wait for the subscription to register before emitting.
    await new Promise((r) => setTimeout(r, 100))
    app.events.emit('app.status', { sync: { state: 'online', pendingChanges: 2, conflicts: 0, lastSyncAt: null, lastError: null, backend: message('sync.backendName.none'), progress: null }, pos: { state: 'ready', terminal: message('pos.terminalName.none') }, cachedDues: 1, deskCollision: null, createRefusal: null })
    const text = await received
    expect(text).toContain('"pendingChanges":2')
  })
})
