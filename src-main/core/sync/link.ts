// Whether the backend answers, as the sync last saw it, and the retries of calls that fail for
// passing reasons (a 503, a dropped connection, a 429 with Retry-After).
import { isMessage, message, type Message } from '../../contract/messages'
import { GpdError } from '../gpd/errors'

/** What a failed call says to the operator: its own Message when it has one, else its text. */
export function errorMessage(error: unknown): Message {
  const said = (error as { said?: unknown } | null)?.said
  if (isMessage(said)) return said
  return message('sync.error', { detail: error instanceof Error ? error.message : String(error) })
}

export interface SyncLink {
  readonly online: boolean
  readonly lastError: Message | null
  /** Records a call's outcome: the state changes (and is told) only when it really changes. */
  reachable(ok: boolean, error?: unknown): void
  /** Retries reads that fail for passing reasons (the list walk must not stop at one 503). */
  withRetry<T>(work: () => Promise<T>, attempts?: number): Promise<T>
}

export function createSyncLink(options: { retryBaseMs: number; onStateChange?: ((state: { online: boolean; lastError: Message | null }) => void) | undefined }): SyncLink {
  let online = true
  let lastError: Message | null = null
  function reachable(ok: boolean, error?: unknown): void {
    const nowOnline = ok || !(error instanceof GpdError && (error.kind === 'network' || error.kind === 'timeout'))
    const said = ok ? null : errorMessage(error)
    if (nowOnline !== online || JSON.stringify(said) !== JSON.stringify(lastError)) {
      online = nowOnline
      lastError = said
      options.onStateChange?.({ online, lastError })
    }
  }
  async function withRetry<T>(work: () => Promise<T>, attempts = 6): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await work()
        reachable(true)
        return result
      } catch (error) {
        reachable(false, error)
        if (!(error instanceof GpdError) || !error.retryable || attempt >= attempts) throw error
        const wait = error.details.retryAfterMs ?? Math.min(30_000, options.retryBaseMs * 2 ** (attempt - 1))
        await new Promise((r) => setTimeout(r, wait))
      }
    }
  }
  return {
    get online() {
      return online
    },
    get lastError() {
      return lastError
    },
    reachable,
    withRetry
  }
}

/** Runs work over items, at most `limit` at a time. */
export async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!
      await work(item)
    }
  })
  await Promise.all(runners)
}
