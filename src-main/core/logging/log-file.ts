// The app's log: a few rotated files in the data folder, for the ente's IT staff. It holds what
// went wrong, not who the citizens are: fiscal codes, e-mail addresses, IBANs, card numbers and
// credentials are masked before a line is written.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const LOG_FOLDER = 'log'

const MASKS: [RegExp, (match: string) => string][] = [
  // Credentials in URLs, headers and key=value pairs.
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, (m) => m.replace(/:[^:@]+@$/, ':***@')],
  [/(authorization|ocp-apim-subscription-key|password|passwd|pwd|token|secret)(["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',;&]+/gi, (m) => m.replace(/([:=]\s*["']?)(bearer\s+)?[^\s"',;&]+$/i, '$1$2***')],
  [/\b[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]\b/gi, (m) => `${m.slice(0, 2)}**************`],
  [/\b[A-Z]{6}[0-9LMNP-V]{2}[A-EHLMPR-T][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]\b/gi, (m) => `${m.slice(0, 2)}**************`],
  [/\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,4})?\b/g, (m) => `${m.slice(0, 4)}****`],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, (m) => `***@${m.split('@')[1]}`],
  [/\b\d{13,19}\b/g, (m) => (m.length === 18 ? m : `****${m.slice(-4)}`)]
]

/** Masks personal data and secrets in one log line. Notice numbers (18 digits) are kept: they are what support asks for. */
export function redact(text: string): string {
  return MASKS.reduce((line, [pattern, mask]) => line.replace(pattern, mask), text)
}

export interface LogFileOptions {
  dir: string
  /** Size at which the current file is rotated. */
  maxBytes?: number
  /** How many rotated files are kept besides the current one. */
  keep?: number
  now?: () => Date
}

export function createLogFile(options: LogFileOptions) {
  const maxBytes = options.maxBytes ?? 1_000_000
  const keep = options.keep ?? 5
  const file = join(options.dir, 'sportello.log')
  mkdirSync(options.dir, { recursive: true, mode: 0o700 })

  function rotate(): void {
    rmSync(`${file}.${keep}`, { force: true })
    for (let i = keep - 1; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`)
    renameSync(file, `${file}.1`)
  }

  return {
    file,
    write(level: 'INFO' | 'ERRORE', message: string, error?: unknown): void {
      const detail = error === undefined ? '' : ` | ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
      const line = `${(options.now?.() ?? new Date()).toISOString()} ${level} ${redact(message + detail).replace(/\r?\n/g, ' ⏎ ')}\n`
      try {
        if (existsSync(file) && statSync(file).size + line.length > maxBytes) rotate()
        appendFileSync(file, line, { mode: 0o600 })
      } catch {
        // A log that cannot be written must not stop the desk.
      }
    }
  }
}
