// Errors cross every boundary (IPC, HTTP) as plain data: a stable code for the program and an
// Italian sentence for the operator. Error objects would lose their fields on the way.

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

export interface ServiceError {
  code: ErrorCode
  message: string
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: ServiceError }

/** Thrown by services for failures the operator must read; anything else becomes INTERNAL. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export function isServiceError(value: unknown): value is ServiceError {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(v.code)
}
