// The single entry point of every transport: unknown methods and bad input are refused here,
// handlers only ever see validated input, and nothing but plain {code, message} errors leaves.
import { z } from 'zod'
import { AppError, type RpcResult } from '../../contract/errors'
import { isMethodName, METHODS, type ServiceHandlers } from '../../contract/methods'

z.config(z.locales.it())

export type Dispatch = (method: unknown, input: unknown) => Promise<RpcResult<unknown>>

export interface DispatchOptions {
  /** Where unexpected failures are reported; the operator only sees a generic message. */
  onInternalError?: (method: string, error: unknown) => void
}

function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join('.')
    return path ? `${path}: ${issue.message}` : issue.message
  })
  return `Dati non validi. ${parts.join('; ')}`
}

export function createDispatch(handlers: ServiceHandlers, options: DispatchOptions = {}): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      const shown = typeof method === 'string' ? method.slice(0, 80) : typeof method
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Operazione sconosciuta: ${shown}` } }
    }
    // A call without arguments means "all defaults", whatever the transport made of it.
    const parsed = METHODS[method].input.safeParse(input === undefined || input === null ? {} : input)
    if (!parsed.success) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: describeIssues(parsed.error) } }
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown
      const value = await handler(parsed.data)
      return { ok: true, value }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } }
      options.onInternalError?.(method, error)
      return {
        ok: false,
        error: { code: 'INTERNAL', message: "Errore interno dell'applicazione. L'operazione non è stata completata." }
      }
    }
  }
}
