// The "browser host": the same service contract as the Electron IPC, over HTTP on loopback, so the
// same Vue UI runs in a plain browser (end-to-end tests, demos where Electron cannot run).
// Only 127.0.0.1 is bound; every call needs the per-launch token; Host and Origin are checked so
// that another web page (or a DNS-rebinding trick) cannot drive the desk.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import type { RpcResult } from '../../contract/errors'
import type { EventBus } from '../events'
import type { Dispatch } from '../rpc/dispatch'
import { CONTENT_SECURITY_POLICY } from './content-security'
import { serveStatic } from './static-files'

export interface BrowserHostOptions {
  dispatch: Dispatch
  events: EventBus
  /** The built renderer (out/renderer); null serves the contract only. */
  staticDir: string | null
  /** 0 or undefined: a random free port. */
  port?: number
  token?: string
}

export interface BrowserHost {
  readonly url: string
  readonly origin: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

const MAX_BODY = 1024 * 1024
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY'
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(text))
  })
  res.end(text)
}

function refuse(res: ServerResponse, status: number, code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'INVALID_INPUT' | 'NOT_FOUND', message: string): void {
  const body: RpcResult<never> = { ok: false, error: { code, message } }
  sendJson(res, status, body)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Error('too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

interface HostContext {
  options: BrowserHostOptions
  tokenBytes: Buffer
  staticRoot: string | null
  /** Empty until the server listens: the port is part of every allowed Host. */
  allowedHosts: Set<string>
  sseClients: Set<ServerResponse>
}

function tokenMatches(ctx: HostContext, candidate: string | null | undefined): boolean {
  if (!candidate) return false
  const bytes = Buffer.from(candidate)
  return bytes.length === ctx.tokenBytes.length && timingSafeEqual(bytes, ctx.tokenBytes)
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization
  return header?.startsWith('Bearer ') ? header.slice(7) : null
}

async function handle(ctx: HostContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!ctx.allowedHosts.has(req.headers.host ?? '')) {
    refuse(res, 403, 'FORBIDDEN', 'Host non ammesso.')
    return
  }
  const origin = req.headers.origin
  if (origin !== undefined && !ctx.allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
    refuse(res, 403, 'FORBIDDEN', 'Origine non ammessa.')
    return
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')

  if (url.pathname.startsWith('/rpc/')) return handleRpc(ctx, req, res, url)
  if (url.pathname === '/events') return handleEvents(ctx, req, res, url)

  if ((req.method === 'GET' || req.method === 'HEAD') && ctx.staticRoot) {
    const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': CONTENT_SECURITY_POLICY }
    if (serveStatic(ctx.staticRoot, url.pathname, res, headers)) return
  }
  refuse(res, 404, 'NOT_FOUND', 'Risorsa non trovata.')
}

async function handleRpc(ctx: HostContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method !== 'POST') {
    refuse(res, 405, 'INVALID_INPUT', 'Usare POST.')
    return
  }
  if (!tokenMatches(ctx, bearer(req))) {
    refuse(res, 401, 'UNAUTHORIZED', 'Accesso non autorizzato: manca il token di questa sessione.')
    return
  }
  let input: unknown
  try {
    const body = await readBody(req)
    input = body.trim() === '' ? undefined : JSON.parse(body)
  } catch {
    refuse(res, 400, 'INVALID_INPUT', 'Richiesta non valida: il corpo non è JSON.')
    return
  }
  const method = decodeURIComponent(url.pathname.slice('/rpc/'.length))
  sendJson(res, 200, await ctx.options.dispatch(method, input))
}

function handleEvents(ctx: HostContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  // EventSource cannot send headers: the token travels in the query string.
  if (!tokenMatches(ctx, url.searchParams.get('token'))) {
    refuse(res, 401, 'UNAUTHORIZED', 'Accesso non autorizzato: manca il token di questa sessione.')
    return
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive'
  })
  res.write(': connesso\n\n')
  ctx.sseClients.add(res)
  req.on('close', () => ctx.sseClients.delete(res))
}

/** Forwards the event bus to the SSE clients, with a ping so that idle streams stay open; returns the stop. */
function broadcastEvents(events: EventBus, sseClients: Set<ServerResponse>): () => void {
  const unsubscribe = events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const client of sseClients) client.write(frame)
  })
  const keepAlive = setInterval(() => {
    for (const client of sseClients) client.write(': ping\n\n')
  }, 25_000)
  keepAlive.unref()
  return () => {
    unsubscribe()
    clearInterval(keepAlive)
  }
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const ctx: HostContext = {
    options,
    tokenBytes: Buffer.from(token),
    staticRoot: options.staticDir ? resolve(options.staticDir) : null,
    allowedHosts: new Set(),
    sseClients: new Set<ServerResponse>()
  }

  const server = createServer((req, res) => {
    void handle(ctx, req, res).catch(() => {
      if (!res.headersSent) refuse(res, 400, 'INVALID_INPUT', 'Richiesta non valida.')
      else res.destroy()
    })
  })
  const stopEvents = broadcastEvents(options.events, ctx.sseClients)

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen())
  })
  const port = (server.address() as AddressInfo).port
  ctx.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        stopEvents()
        for (const client of ctx.sseClients) client.end()
        server.close(() => resolveClose())
        server.closeAllConnections()
      })
  }
}
