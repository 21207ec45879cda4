// The renderer's side of the service contract. It picks its transport by itself: the preload
// bridge inside Electron, HTTP to the browser host otherwise. Components only see ServiceApi.
import type { EventName, InputIssue, Message, MethodName, PreloadBridge, RpcResult, ServiceApi, ServiceError, ServiceEvents } from '@contract/index'
import { isServiceError, serviceError } from '@contract/errors'
import { message } from '@contract/messages'

export interface Transport {
  invoke(method: MethodName, input: unknown): Promise<RpcResult<unknown>>
  on<E extends EventName>(event: E, listener: (payload: ServiceEvents[E]) => void): () => void
}

/** A failed call: the service's code, its Italian message, and the same as key and parameters
 * (`said`, `issues`) for `errorText` to show in the operator's language. */
export class ApiError extends Error implements ServiceError {
  readonly code: ServiceError['code']
  readonly said?: Message
  readonly issues?: InputIssue[]
  constructor(error: ServiceError) {
    super(error.message)
    this.name = 'ApiError'
    this.code = error.code
    if (error.said) this.said = error.said
    if (error.issues) this.issues = error.issues
  }
}

export interface Client {
  api: ServiceApi
  on: Transport['on']
}

export function createClient(transport: Transport): Client {
  const api = new Proxy({} as ServiceApi, {
    get(_target, method) {
      if (typeof method !== 'string') return undefined
      return async (input?: unknown) => {
        const result = await transport.invoke(method as MethodName, input ?? {})
        if (result.ok) return result.value
        throw new ApiError(result.error)
      }
    }
  })
  return { api, on: transport.on.bind(transport) }
}

export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: (method, input) => bridge.invoke(method, input) as Promise<RpcResult<unknown>>,
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void)
  }
}

const UNREACHABLE: ServiceError = serviceError('UNAVAILABLE', message('app.unreachable'))

export function httpTransport(origin: string, token: string): Transport {
  let source: EventSource | null = null
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const ensureSource = () => {
    if (source) return source
    source = new EventSource(`${origin}/events?token=${encodeURIComponent(token)}`)
    return source
  }
  return {
    async invoke(method, input) {
      let response: Response
      try {
        response = await fetch(`${origin}/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {})
        })
      } catch {
        return { ok: false, error: UNREACHABLE }
      }
      try {
        const body: unknown = await response.json()
        if (typeof body === 'object' && body !== null && 'ok' in body) {
          const result = body as RpcResult<unknown>
          if (result.ok || isServiceError(result.error)) return result
        }
      } catch {
        // fall through: not one of our answers
      }
      return { ok: false, error: serviceError('INTERNAL', message('app.badAnswer', { status: response.status })) }
    },
    on(event, listener) {
      const es = ensureSource()
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
        es.addEventListener(event, (message) => {
          const payload: unknown = JSON.parse((message as MessageEvent<string>).data)
          for (const l of listeners.get(event) ?? []) l(payload)
        })
      }
      const typed = listener as (payload: unknown) => void
      set.add(typed)
      return () => set.delete(typed)
    }
  }
}

const TOKEN_KEY = 'sportello.token'

/**
 * Electron exposes window.sportello; in a browser the host passed its token in the address.
 * The token moves to sessionStorage and leaves the address bar, so it is not bookmarked or shared.
 */
export function detectTransport(win: Window = window): Transport {
  const bridge = (win as Window & { sportello?: PreloadBridge }).sportello
  if (bridge) return ipcTransport(bridge)
  const url = new URL(win.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    win.history.replaceState(null, '', url.pathname + url.search + url.hash)
  }
  return httpTransport(win.location.origin, win.sessionStorage.getItem(TOKEN_KEY) ?? '')
}
