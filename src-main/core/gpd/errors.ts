import { italian, type Message } from '../../contract/messages'

export type GpdErrorKind =
  | 'timeout' // no answer in time: the request may or may not have been applied
  | 'network' // connection refused, reset or dropped
  | 'rate-limited' // 429: retry after the given delay
  | 'server' // 5xx
  | 'rejected' // 4xx: the backend refused the request (see status)
  | 'invalid-response' // an answer that does not conform to the spec: never trusted

/** A failed GPD call: the kind decides whether to retry; `said` is for the operator (the message is its Italian). */
export class GpdError extends Error {
  constructor(
    readonly kind: GpdErrorKind,
    readonly said: Message,
    readonly details: { status?: number; retryAfterMs?: number; problem?: string; operation?: string } = {}
  ) {
    super(italian(said))
    this.name = 'GpdError'
  }

  get status(): number | undefined {
    return this.details.status
  }

  /** Whether sending the same request again later can succeed. */
  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || this.kind === 'rate-limited' || this.kind === 'server'
  }

  /** Whether the backend may have applied the request even though no answer arrived. */
  get outcomeUnknown(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || this.kind === 'server'
  }
}
