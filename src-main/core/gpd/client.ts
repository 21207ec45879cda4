// The GPD client: PagoPA's debt positions API (v1 for writes; v3 for the lists the sync pages
// through, which carry each option's debtor) and the receipts API. Every call has a timeout,
// carries the subscription key, has its query and body checked against the OpenAPI documents
// before it leaves, and its answer checked before anything reads it. Connections are kept alive
// between calls (see AGENTS below), so pages in flight reuse a few sockets.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import { message } from '../../contract/messages'
import { GpdError } from './errors'
import type { SpecName, SpecValidator } from './spec-validator'
import {
  GPD_BASES,
  GPD_PATHS,
  type PaymentPositionBaseResponse,
  type PaymentPositionModel,
  type PaymentPositionResponseV3,
  type PaymentPositionsInfo,
  type PaymentPositionsInfoV3,
  type PaymentsModelResponse,
  type ReceiptsPage
} from './types'

export interface GpdClientOptions {
  /** Host part of PagoPA's API, e.g. https://api.platform.pagopa.it (the base paths are the spec's). */
  baseUrl: string
  organizationFiscalCode: string
  subscriptionKey?: string
  /** Receipts use a separate product key in the pagoPA back office. */
  receiptsSubscriptionKey?: string
  timeoutMs?: number
  validator: SpecValidator
  /** Sees every request before it leaves (tests use it to check requests against the spec). */
  onRequest?: (request: RecordedRequest) => void
}

export interface RecordedRequest {
  spec: SpecName
  method: string
  path: string
  url: string
  body: unknown
}

export interface ListFilter {
  page?: number
  limit?: number
  dueDateFrom?: string
  dueDateTo?: string
  paymentDateFrom?: string
  paymentDateTo?: string
  paymentDateTimeFrom?: string
  paymentDateTimeTo?: string
  status?: PaymentPositionBaseResponse['status']
  orderby?: 'INSERTED_DATE' | 'IUPD' | 'STATUS' | 'COMPANY_NAME'
  ordering?: 'ASC' | 'DESC'
}

/** The v3 list filters on v3 statuses (UNPAYABLE for INVALID and EXPIRED, PAID for PAID and REPORTED). */
export type ListFilterV3 = Omit<ListFilter, 'status'> & { status?: PaymentPositionResponseV3['status'] }

function listQuery(filter: ListFilter | ListFilterV3) {
  return {
    page: filter.page ?? 0,
    limit: Math.min(filter.limit ?? GPD_LIST_MAX_LIMIT, GPD_LIST_MAX_LIMIT),
    due_date_from: filter.dueDateFrom,
    due_date_to: filter.dueDateTo,
    payment_date_from: filter.paymentDateFrom,
    payment_date_to: filter.paymentDateTo,
    payment_date_time_from: filter.paymentDateTimeFrom,
    payment_date_time_to: filter.paymentDateTimeTo,
    status: filter.status,
    orderby: filter.orderby,
    ordering: filter.ordering
  }
}

export const GPD_LIST_MAX_LIMIT = 50
export const GPD_LIST_MAX_DAYS = 30

const BASE_OF: Record<SpecName, string> = {
  'gpd-v1': GPD_BASES.v1,
  'gpd-v3': GPD_BASES.v3,
  'gpd-internal-v1': GPD_BASES.internalV1,
  receipts: GPD_BASES.receipts
}

interface CallSpec {
  spec: SpecName
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  params?: Record<string, string>
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  /** Statuses that count as success. */
  ok: number[]
  operation: string
}

function fill(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`Parametro mancante: ${name}`)
    return encodeURIComponent(value)
  })
}

function problemText(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const p = body as { detail?: unknown; title?: unknown; message?: unknown }
    const text = [p.title, p.detail ?? p.message].filter((x) => typeof x === 'string').join(': ')
    return text || undefined
  }
  return typeof body === 'string' && body.length < 500 ? body : undefined
}

/** What every call needs, fixed when the client is created. */
interface ClientContext {
  options: GpdClientOptions
  timeoutMs: number
  ec: string
  origin: string
}

/** An HTTP answer: its status, a header by name (lower case), and its body as text. */
interface Answer {
  status: number
  header(name: string): string | null
  text: string
}

// Connections kept alive between calls, so pages in flight reuse a few sockets. node:http rather
// than fetch: on a list page fetch spent twice the processor time of the request itself (2.6 ms
// against 1.3, JSON included), a share the sync's walk through thousands of pages felt.
const AGENTS = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) }

/** Marks a request given up on for taking longer than the client allows. */
class Timeout extends Error {}
/** Marks a request that met a kept-alive socket already closed by the server (see closedUnderUs). */
class StaleSocket extends Error {}

/**
 * A kept-alive socket the server closed just as the request went out (its idle timeout): the
 * request never reached it, and an idempotent one is sent again on a new socket at once, as
 * fetch did, rather than reported as a network failure.
 */
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE'])
const closedUnderUs = (error: unknown, reused: boolean, method: string) =>
  reused && IDEMPOTENT.has(method) && ['ECONNRESET', 'EPIPE'].includes((error as NodeJS.ErrnoException).code ?? '')

async function request(url: URL, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<Answer> {
  try {
    return await requestOnce(url, method, headers, body, timeoutMs)
  } catch (error) {
    if (!(error instanceof StaleSocket)) throw error
    return requestOnce(url, method, headers, body, timeoutMs)
  }
}

function requestOnce(url: URL, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<Answer> {
  const transport = url.protocol === 'https:' ? https : http
  return new Promise<Answer>((resolve, reject) => {
    const req = transport.request(url, { method, headers, agent: AGENTS[url.protocol === 'https:' ? 'https:' : 'http:'] }, (res) => {
      res.setEncoding('utf8')
      let text = ''
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        clearTimeout(timer)
        resolve({ status: res.statusCode ?? 0, header: (name) => headerValue(res.headers[name]), text })
      })
      res.on('error', fail)
    })
    // The whole exchange, the body included, as AbortSignal.timeout did for fetch.
    const timer = setTimeout(() => req.destroy(new Timeout()), timeoutMs)
    let answered = false
    function fail(error: Error) {
      clearTimeout(timer)
      reject(!answered && closedUnderUs(error, req.reusedSocket, method) ? new StaleSocket() : error)
    }
    req.on('response', () => (answered = true))
    req.on('error', fail)
    req.end(body)
  })
}

const headerValue = (value: string | string[] | undefined): string | null => (value === undefined ? null : Array.isArray(value) ? value.join(', ') : value)

/** Sends the request; network failures and timeouts become GpdErrors, any HTTP answer is returned. */
async function send(ctx: ClientContext, c: CallSpec, url: URL): Promise<Answer> {
  const { options, timeoutMs } = ctx
  const key = c.spec === 'receipts' ? (options.receiptsSubscriptionKey ?? options.subscriptionKey) : options.subscriptionKey
  const body = c.body !== undefined ? JSON.stringify(c.body) : undefined
  try {
    return await request(
      url,
      c.method,
      {
        Accept: 'application/json',
        'X-Request-Id': randomUUID(),
        ...(key ? { 'Ocp-Apim-Subscription-Key': key } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {})
      },
      body,
      timeoutMs
    )
  } catch (error) {
    if (error instanceof Timeout) {
      throw new GpdError('timeout', message('sync.gpd.timeout', { seconds: Math.round(timeoutMs / 1000) }), { operation: c.operation })
    }
    throw new GpdError('network', message('sync.gpd.network'), { operation: c.operation })
  }
}

function parseBody(c: CallSpec, response: Answer): unknown {
  const { text } = response
  if (text === '' || !(response.header('content-type') ?? '').includes('json')) return text
  try {
    return JSON.parse(text)
  } catch {
    throw new GpdError('invalid-response', message('sync.gpd.unreadable', { operation: c.operation }), { status: response.status, operation: c.operation })
  }
}

/** Throws the GpdError an answer stands for: throttling, server failure, refusal, or a body the spec does not allow. */
function checkAnswer(ctx: ClientContext, c: CallSpec, response: Answer, body: unknown): void {
  if (response.status === 429) {
    const seconds = Number(response.header('retry-after'))
    throw new GpdError('rate-limited', message('sync.gpd.rateLimited'), {
      status: 429,
      retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 5_000,
      operation: c.operation
    })
  }
  if (response.status >= 500) {
    throw new GpdError('server', message('sync.gpd.server', { status: response.status }), { status: response.status, problem: problemText(body), operation: c.operation })
  }
  if (!c.ok.includes(response.status)) {
    throw new GpdError('rejected', problemText(body) ? message('sync.gpd.rejectedProblem', { status: response.status, problem: problemText(body)! }) : message('sync.gpd.rejected', { status: response.status }), {
      status: response.status,
      problem: problemText(body),
      operation: c.operation
    })
  }
  const problems = ctx.options.validator.response(c.spec, c.method, c.path, response.status, body)
  if (problems.length) {
    throw new GpdError('invalid-response', message('sync.gpd.nonConforming', { operation: c.operation, problems: problems.join('; ') }), {
      status: response.status,
      operation: c.operation
    })
  }
}

async function callGpd<T>(ctx: ClientContext, c: CallSpec): Promise<{ status: number; body: T }> {
  const { options } = ctx
  if (c.body !== undefined) {
    const problems = options.validator.request(c.spec, c.method, c.path, c.body)
    // A request the spec forbids is our bug: refuse to send it rather than let GPD guess.
    if (problems.length) throw new GpdError('rejected', message('sync.gpd.requestNonConforming', { operation: c.operation, problems: problems.join('; ') }), { operation: c.operation })
  }
  const url = new URL(ctx.origin + BASE_OF[c.spec] + fill(c.path, { organizationfiscalcode: ctx.ec, ...c.params }))
  for (const [k, v] of Object.entries(c.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v))
  if (c.query) {
    const problems = options.validator.query(c.spec, c.method, c.path, url.searchParams)
    if (problems.length) throw new GpdError('rejected', message('sync.gpd.requestNonConforming', { operation: c.operation, problems: problems.join('; ') }), { operation: c.operation })
  }
  options.onRequest?.({ spec: c.spec, method: c.method, path: c.path, url: url.toString(), body: c.body })

  const response = await send(ctx, c, url)
  const body = parseBody(c, response)
  checkAnswer(ctx, c, response, body)
  return { status: response.status, body: body as T }
}

export type GpdClient = ReturnType<typeof createGpdClient>

export function createGpdClient(options: GpdClientOptions) {
  const ec = options.organizationFiscalCode
  const ctx: ClientContext = { options, timeoutMs: options.timeoutMs ?? 15_000, ec, origin: options.baseUrl.replace(/\/+$/, '') }
  const call = <T>(c: CallSpec) => callGpd<T>(ctx, c)

  return {
    organizationFiscalCode: ec,

    async createPosition(position: PaymentPositionModel, toPublish: boolean): Promise<PaymentPositionModel> {
      const r = await call<PaymentPositionModel>({ spec: 'gpd-v1', method: 'POST', path: GPD_PATHS.positions, query: { toPublish }, body: position, ok: [201], operation: 'creazione posizione' })
      return r.body
    },
    async getPosition(iupd: string): Promise<PaymentPositionBaseResponse> {
      return (await call<PaymentPositionBaseResponse>({ spec: 'gpd-v1', method: 'GET', path: GPD_PATHS.position, params: { iupd }, ok: [200], operation: 'lettura posizione' })).body
    },
    /** v3 view of a position: the only one that carries the debtor of positions created elsewhere. */
    async getPositionV3(iupd: string): Promise<PaymentPositionResponseV3> {
      return (await call<PaymentPositionResponseV3>({ spec: 'gpd-v3', method: 'GET', path: GPD_PATHS.position, params: { iupd }, ok: [200], operation: 'lettura debitore' })).body
    },
    async updatePosition(iupd: string, position: PaymentPositionModel, toPublish: boolean): Promise<PaymentPositionModel> {
      const r = await call<PaymentPositionModel>({ spec: 'gpd-v1', method: 'PUT', path: GPD_PATHS.position, params: { iupd }, query: { toPublish }, body: position, ok: [200], operation: 'modifica posizione' })
      return r.body
    },
    async deletePosition(iupd: string): Promise<void> {
      await call({ spec: 'gpd-v1', method: 'DELETE', path: GPD_PATHS.position, params: { iupd }, ok: [200], operation: 'eliminazione posizione' })
    },
    async publishPosition(iupd: string): Promise<PaymentPositionModel> {
      return (await call<PaymentPositionModel>({ spec: 'gpd-v1', method: 'POST', path: GPD_PATHS.publish, params: { iupd }, ok: [200], operation: 'pubblicazione posizione' })).body
    },
    async invalidatePosition(iupd: string): Promise<PaymentPositionModel> {
      return (await call<PaymentPositionModel>({ spec: 'gpd-v1', method: 'POST', path: GPD_PATHS.invalidate, params: { iupd }, ok: [200], operation: 'annullamento posizione' })).body
    },
    /** Registers a payment collected outside pagoPA (cash, cheque, transfer at the desk). */
    async markAsPaid(nav: string, paymentDate: string): Promise<PaymentsModelResponse> {
      const r = await call<PaymentsModelResponse>({ spec: 'gpd-v1', method: 'POST', path: GPD_PATHS.paid, params: { nav }, body: { paymentDate }, ok: [200], operation: 'registrazione pagamento' })
      return r.body
    },
    async listPositions(filter: ListFilter): Promise<PaymentPositionsInfo> {
      return (await call<PaymentPositionsInfo>({ spec: 'gpd-v1', method: 'GET', path: GPD_PATHS.positions, query: listQuery(filter), ok: [200], operation: 'elenco posizioni' })).body
    },
    /** The v3 list: each position with its payment options, their debtor and installments (what the sync reads). */
    async listPositionsV3(filter: ListFilterV3): Promise<PaymentPositionsInfoV3> {
      return (await call<PaymentPositionsInfoV3>({ spec: 'gpd-v3', method: 'GET', path: GPD_PATHS.positions, query: listQuery(filter), ok: [200], operation: 'elenco posizioni' })).body
    },
    async listReceipts(query: { pageNum?: number; pageSize?: number; from?: string; to?: string; debtorOrIuv?: string }): Promise<ReceiptsPage> {
      return (await call<ReceiptsPage>({ spec: 'receipts', method: 'GET', path: GPD_PATHS.receipts, query, ok: [200], operation: 'elenco ricevute' })).body
    },
    /** The pagoPA receipt of a payment, as the XML the platform issued. */
    async getReceiptXml(iuv: string): Promise<string> {
      return (await call<string>({ spec: 'receipts', method: 'GET', path: GPD_PATHS.receipt, params: { iuv }, ok: [200], operation: 'lettura ricevuta' })).body
    }
  }
}
