import { message, type Message, type MessageKey, type MessageParams } from '../../contract/messages'

/** The outcome of parsing something an operator typed or scanned: the parsed fields, or why not. */
export type Check<T> = ({ valid: true } & T) | { valid: false; reason: Message }

export function ok<T extends object>(fields: T): Check<T> {
  return { valid: true, ...fields }
}

/** Refused, with why: a Message, or a key and its parameters. */
export function fail<T>(reason: Message | MessageKey, params?: MessageParams): Check<T> {
  return { valid: false, reason: typeof reason === 'string' ? message(reason, params) : reason }
}
