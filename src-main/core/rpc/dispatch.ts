// The single entry point of every transport: unknown methods, callers without the method's
// declared access and bad input are refused here; handlers only ever see validated input from an
// allowed caller; a successful write is reported once; and nothing but plain errors (code, Italian
// message, and the message as key and parameters) leaves.
import { z } from 'zod'
import { AppError, serviceError, type InputIssue, type RpcResult, type ServiceError } from '../../contract/errors'
import { isMessageKey, italian, message } from '../../contract/messages'
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

/** A schema's message is one of our codes (contract/messages/input.ts) or zod's own sentence. */
function inputIssues(error: z.ZodError): InputIssue[] {
  return error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join('.')
    if (isMessageKey(issue.message)) return { path, said: message(issue.message) }
    const { input: _input, ...zod } = issue as z.core.$ZodIssue & { input?: unknown }
    return { path, zod: JSON.parse(JSON.stringify(zod)) as Record<string, unknown> }
  })
}

function invalidInput(error: z.ZodError): ServiceError {
  const issues = inputIssues(error)
  const details = issues
    .map((issue, i) => {
      const text = issue.said ? italian(issue.said) : error.issues[i]!.message
      return issue.path ? italian('input.issue', { path: issue.path, text }) : text
    })
    .join('; ')
  return { ...serviceError('INVALID_INPUT', message('input.invalid', { details })), issues }
}

export function createDispatch(handlers: ServiceHandlers, options: DispatchOptions = {}): Dispatch {
  const failure = (method: string, error: unknown): RpcResult<unknown> => {
    if (error instanceof AppError) return { ok: false, error: serviceError(error.code, error.said) }
    options.onInternalError?.(method, error)
    return { ok: false, error: serviceError('INTERNAL', message('app.internal')) }
  }
  return async (method, input) => {
    if (!isMethodName(method)) {
      const shown = typeof method === 'string' ? method.slice(0, 80) : typeof method
      return { ok: false, error: serviceError('UNKNOWN_METHOD', message('app.unknownMethod', { method: shown })) }
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
      return { ok: false, error: invalidInput(parsed.error) }
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
