/** The outcome of parsing something an operator typed or scanned: the parsed fields, or why not. */
export type Check<T> = ({ valid: true } & T) | { valid: false; reason: string }

export function ok<T extends object>(fields: T): Check<T> {
  return { valid: true, ...fields }
}

export function fail<T>(reason: string): Check<T> {
  return { valid: false, reason }
}
