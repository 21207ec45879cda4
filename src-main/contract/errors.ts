// Errors cross every boundary (IPC, HTTP) as plain data: a stable code for the program, the
// sentence's key and parameters for the operator's language, and its Italian text for the CLI and
// logs. Error objects would lose their fields on the way.
import { italian, isMessage, message, type Message, type MessageKey, type MessageParams } from './messages'

export const ERROR_CODES = [
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'UNAVAILABLE',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** One field the contract's schema refused: its path, and either our code or zod's own issue. */
export interface InputIssue {
  path: string
  /** A schema's own message (see contract/messages/input.ts). */
  said?: Message
  /** Zod's issue without its input: the renderer words it with zod's locale for its language. */
  zod?: Record<string, unknown>
}

export interface ServiceError {
  code: ErrorCode
  /** In Italian, ready to print. */
  message: string
  /** The same sentence as data: the renderer shows it in the operator's language. */
  said?: Message
  issues?: InputIssue[]
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: ServiceError }

/** Thrown by services for failures the operator must read; anything else becomes INTERNAL. */
export class AppError extends Error {
  readonly said: Message
  constructor(
    readonly code: ErrorCode,
    said: MessageKey | Message,
    params?: MessageParams
  ) {
    const m = typeof said === 'string' ? message(said, params) : said
    super(italian(m))
    this.said = m
    this.name = 'AppError'
  }
}

export function serviceError(code: ErrorCode, said: Message): ServiceError {
  return { code, message: italian(said), said }
}

export function isServiceError(value: unknown): value is ServiceError {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(v.code) && (v.said === undefined || isMessage(v.said))
}
