// The single entry point of every transport: unknown methods, callers without the method's
// declared access and bad input are refused here; handlers only ever see validated input from an
// allowed caller; a successful write is reported once; and nothing but plain {code, message}
// errors leaves.
import { z } from 'zod'
import { AppError, type RpcResult } from '../../contract/errors'
import { isMethodName, METHODS, type Access, type MethodName, type ServiceHandlers } from '../../contract/methods'

z.config(z.locales.it())

export type Dispatch = (method: unknown, input: unknown) => Promise<RpcResult<unknown>>

export interface DispatchOptions {
  /** Where unexpected failures are reported; the operator only sees a generic message. */
  onInternalError?: (method: string, error: unknown) => void
  /** Throws an AppError (UNAUTHORIZED, FORBIDDEN) when the caller lacks the method's access. */
  authorize?: (access: Access) => void
  /** After a method that changes dues succeeded (see `writes` in the contract). */
  onWrite?: (method: MethodName) => void
}

function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join('.')
    return path ? `${path}: ${issue.message}` : issue.message
  })
  return `Dati non validi. ${parts.join('; ')}`
}

export function createDispatch(handlers: ServiceHandlers, options: DispatchOptions = {}): Dispatch {
  const failure = (method: string, error: unknown): RpcResult<unknown> => {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } }
    options.onInternalError?.(method, error)
    return { ok: false, error: { code: 'INTERNAL', message: "Errore interno dell'applicazione. L'operazione non è stata completata." } }
  }
  return async (method, input) => {
    if (!isMethodName(method)) {
      const shown = typeof method === 'string' ? method.slice(0, 80) : typeof method
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Operazione sconosciuta: ${shown}` } }
    }
    // Who may call it first: a caller without access learns nothing of what the input should be.
    try {
      options.authorize?.(METHODS[method].access)
    } catch (error) {
      return failure(method, error)
    }
    // A call without arguments means "all defaults", whatever the transport made of it.
    const parsed = METHODS[method].input.safeParse(input === undefined || input === null ? {} : input)
    if (!parsed.success) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: describeIssues(parsed.error) } }
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown
      const value = await handler(parsed.data)
      if (METHODS[method].writes) options.onWrite?.(method)
      return { ok: true, value }
    } catch (error) {
      return failure(method, error)
    }
  }
}
