// The GPD simulator over HTTP: the routes of PagoPA's debt positions service (v1, the v3 read and
// list, the internal pay call gpd-payments makes) and of the receipts service, at the same base paths,
// with the subscription key, request validation against the OpenAPI documents, and fault knobs.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GPD_BASES } from '../gpd/types'
import type { SpecValidator } from '../gpd/spec-validator'
import { createSimulatedBackend, type Reply, type SimulatedBackend } from './backend'
import { createFaultPicker, NO_FAULTS, type FaultKind, type FaultSettings } from './faults'
import type { SimulatorStore } from './store'

export interface SimulatorOptions {
  store: SimulatorStore
  validator: SpecValidator
  organizationFiscalCode: string
  port?: number
  /** When set, every GPD call must carry it in Ocp-Apim-Subscription-Key. */
  subscriptionKey?: string
  faults?: Partial<FaultSettings>
  faultSeed?: number
  now?: () => number
}

export interface RunningSimulator {
  readonly url: string
  readonly port: number
  readonly stats: SimulatorStats
  setFaults(faults: Partial<FaultSettings>): void
  close(): Promise<void>
}

export interface SimulatorStats {
  requests: number
  faults: Record<string, number>
  /** Requests per route, as "spec METHOD path template" (e.g. "gpd-v3 GET /organizations/{organizationfiscalcode}/debtpositions"). */
  byRoute: Record<string, number>
  /** TCP connections accepted: with keep-alive, far fewer than requests. */
  connections: number
}

interface Route {
  method: string
  pattern: RegExp
  /** The spec and path template, for request validation. */
  spec?: { name: Parameters<SpecValidator['request']>[0]; path: string }
  /** Its query string is checked against the spec (the lists: pages, windows, filters). */
  checksQuery?: boolean
  /** Reads do not change state: a fault "after" them is the same as "before". */
  mutates: boolean
  handle(match: string[], query: URLSearchParams, body: unknown): Reply
}

const json = (status: number, body: unknown): Reply => ({ status, body })

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > 5 * 1024 * 1024) {
        reject(new Error('too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, reply: Reply): void {
  const isText = typeof reply.body === 'string' && reply.contentType === 'application/xml'
  const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body)
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType ?? 'application/json',
    'Content-Length': String(Buffer.byteLength(payload)),
    ...reply.headers
  })
  res.end(payload)
}

function buildRoutes(backend: SimulatedBackend): Route[] {
  const ec = '([^/]+)'
  const seg = '([^/]+)'
  const v1 = GPD_BASES.v1.replace(/\//g, '\\/')
  const v3 = GPD_BASES.v3.replace(/\//g, '\\/')
  const internal = GPD_BASES.internalV1.replace(/\//g, '\\/')
  const receipts = GPD_BASES.receipts.replace(/\//g, '\\/')
  const P = {
    positions: '/organizations/{organizationfiscalcode}/debtpositions',
    position: '/organizations/{organizationfiscalcode}/debtpositions/{iupd}',
    publish: '/organizations/{organizationfiscalcode}/debtpositions/{iupd}/publish',
    invalidate: '/organizations/{organizationfiscalcode}/debtpositions/{iupd}/invalidate',
    paid: '/organizations/{organizationfiscalcode}/paymentoptions/paids/{nav}',
    pay: '/organizations/{organizationfiscalcode}/paymentoptions/{nav}/pay'
  }
  const bool = (q: URLSearchParams, k: string) => q.get(k) === 'true'
  return [
    { method: 'GET', pattern: new RegExp(`^${v1}/info$`), mutates: false, handle: () => json(200, { name: 'gpd-simulator', version: '1.1.37', environment: 'simulator' }) },
    { method: 'GET', pattern: new RegExp(`^${v1}/organizations/${ec}/debtpositions$`), spec: { name: 'gpd-v1', path: P.positions }, checksQuery: true, mutates: false, handle: ([e], q) => backend.list(e!, q) },
    { method: 'POST', pattern: new RegExp(`^${v1}/organizations/${ec}/debtpositions$`), spec: { name: 'gpd-v1', path: P.positions }, mutates: true, handle: ([e], q, b) => backend.create(e!, b as never, bool(q, 'toPublish')) },
    { method: 'GET', pattern: new RegExp(`^${v1}/organizations/${ec}/debtpositions/${seg}$`), spec: { name: 'gpd-v1', path: P.position }, mutates: false, handle: ([e, i]) => backend.getV1(e!, i!) },
    { method: 'PUT', pattern: new RegExp(`^${v1}/organizations/${ec}/debtpositions/${seg}$`), spec: { name: 'gpd-v1', path: P.position }, mutates: true, handle: ([e, i], q, b) => backend.update(e!, i!, b as never, bool(q, 'toPublish')) },
    { method: 'DELETE', pattern: new RegExp(`^${v1}/organizations/${ec}/debtpositions/${seg}$`), mutates: true, handle: ([e, i]) => backend.remove(e!, i!) },
    { method: 'POST', pattern: new RegExp(`^${v1}/organizations/${ec}/debtpositions/${seg}/publish$`), mutates: true, handle: ([e, i]) => backend.publish(e!, i!) },
    { method: 'POST', pattern: new RegExp(`^${v1}/organizations/${ec}/debtpositions/${seg}/invalidate$`), mutates: true, handle: ([e, i]) => backend.invalidate(e!, i!) },
    { method: 'POST', pattern: new RegExp(`^${v1}/organizations/${ec}/paymentoptions/paids/${seg}$`), spec: { name: 'gpd-v1', path: P.paid }, mutates: true, handle: ([e, n], _q, b) => backend.markPaid(e!, n!, (b ?? {}) as never) },
    { method: 'GET', pattern: new RegExp(`^${v3}/organizations/${ec}/debtpositions$`), spec: { name: 'gpd-v3', path: P.positions }, checksQuery: true, mutates: false, handle: ([e], q) => backend.listV3(e!, q) },
    { method: 'GET', pattern: new RegExp(`^${v3}/organizations/${ec}/debtpositions/${seg}$`), spec: { name: 'gpd-v3', path: P.position }, mutates: false, handle: ([e, i]) => backend.getV3(e!, i!) },
    { method: 'POST', pattern: new RegExp(`^${internal}/organizations/${ec}/paymentoptions/${seg}/pay$`), spec: { name: 'gpd-internal-v1', path: P.pay }, mutates: true, handle: ([e, n], _q, b) => backend.pay(e!, n!, b as never) },
    { method: 'GET', pattern: new RegExp(`^${receipts}/payments/${ec}/receipts$`), mutates: false, handle: ([e], q) => backend.receipts(e!, q) },
    { method: 'GET', pattern: new RegExp(`^${receipts}/payments/${ec}/receipts/${seg}$`), mutates: false, handle: ([e, i]) => backend.receipt(e!, i!) }
  ]
}

function findRoute(routes: Route[], method: string | undefined, path: string): { route: Route; match: string[] } | null {
  for (const r of routes) {
    const m = r.method === method ? r.pattern.exec(path) : null
    if (m) return { route: r, match: m.slice(1).map((x) => decodeURIComponent(x)) }
  }
  return null
}

interface ServerContext {
  options: SimulatorOptions
  routes: Route[]
  /** Replaced while running (POST /simulator/faults, setFaults): read it afresh on every request. */
  faults: FaultSettings
  pickFault: () => FaultKind | null
  stats: RunningSimulator['stats']
}

async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const text = await readBody(req)

  if (url.pathname === '/simulator/faults' && req.method === 'POST') {
    ctx.faults = { ...ctx.faults, ...(JSON.parse(text || '{}') as Partial<FaultSettings>) }
    return send(res, json(200, ctx.faults))
  }

  const path = decodeURI(url.pathname)
  const found = findRoute(ctx.routes, req.method, path)
  if (!found) return send(res, json(404, { title: 'Not Found', status: 404, detail: `No route for ${req.method} ${path}` }))
  ctx.stats.requests += 1
  const routeKey = found.route.spec ? `${found.route.spec.name} ${found.route.method} ${found.route.spec.path}` : `${found.route.method} ${found.route.pattern.source}`
  ctx.stats.byRoute[routeKey] = (ctx.stats.byRoute[routeKey] ?? 0) + 1

  if (ctx.options.subscriptionKey && req.headers['ocp-apim-subscription-key'] !== ctx.options.subscriptionKey) {
    return send(res, json(401, { statusCode: 401, message: 'Access denied due to invalid subscription key.' }))
  }
  return serveRoute(ctx, req, res, found.route, found.match, url.searchParams, text)
}

/** The JSON body of a request, checked against the spec when the route has one; a Reply when it is refused. */
function parseRequestBody(ctx: ServerContext, route: Route, text: string): { body: unknown } | Reply {
  let body: unknown
  if (text !== '') {
    try {
      body = JSON.parse(text)
    } catch {
      return json(400, { title: 'Bad Request', status: 400, detail: 'Malformed JSON' })
    }
  }
  if (route.spec) {
    const problems = ctx.options.validator.request(route.spec.name, route.method, route.spec.path, body)
    if (problems.length) return json(400, { title: 'Bad Request', status: 400, detail: problems.join('; ') })
  }
  return { body }
}

async function serveRoute(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, route: Route, match: string[], query: URLSearchParams, text: string): Promise<void> {
  if (ctx.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, ctx.faults.latencyMs))
  const fault: FaultKind | null = ctx.pickFault()
  if (fault) ctx.stats.faults[fault] = (ctx.stats.faults[fault] ?? 0) + 1
  if (fault === 'error-before') return send(res, json(500, { title: 'Internal Server Error', status: 500, detail: 'Simulated failure' }))
  if (fault === 'drop-before') return void req.socket.destroy()
  if (fault === 'rate-limit') return send(res, { status: 429, body: { statusCode: 429, message: 'Rate limit is exceeded.' }, headers: { 'Retry-After': '1' } })

  if (route.spec && route.checksQuery) {
    const problems = ctx.options.validator.query(route.spec.name, route.method, route.spec.path, query)
    if (problems.length) return send(res, json(400, { title: 'Bad Request', status: 400, detail: problems.join('; ') }))
  }
  const parsed = parseRequestBody(ctx, route, text)
  if ('status' in parsed) return send(res, parsed)
  const reply = route.handle(match, query, parsed.body)

  if (fault === 'error-after') return send(res, json(503, { title: 'Service Unavailable', status: 503, detail: 'Simulated failure after processing' }))
  if (fault === 'drop-after') return void req.socket.destroy()
  if (fault === 'hang-after') {
    await new Promise((r) => setTimeout(r, ctx.faults.hangMs))
    return void req.socket.destroy()
  }
  send(res, reply)
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const backend = createSimulatedBackend(options.store, { organizationFiscalCode: options.organizationFiscalCode, now: options.now })
  const ctx: ServerContext = {
    options,
    routes: buildRoutes(backend),
    faults: { ...NO_FAULTS, ...options.faults },
    pickFault: createFaultPicker(() => ctx.faults, options.faultSeed ?? 1),
    stats: { requests: 0, faults: {}, byRoute: {}, connections: 0 }
  }
  const sockets = new Set<import('node:net').Socket>()

  const server = createServer((req, res) => {
    void handle(ctx, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, json(500, { title: 'Internal Server Error', status: 500, detail: String(error) }))
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    ctx.stats.connections += 1
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: ctx.stats,
    setFaults(next) {
      ctx.faults = { ...ctx.faults, ...next }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
