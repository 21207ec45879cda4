import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError } from '../contract/errors'
import { isMessageKey, italian } from '../contract/messages'
import type { OpenedDatabase } from '../core/db/open'
import { DATABASE_FILE } from '../core/paths'

export interface CliEnvironment {
  /** The installed package: where resources/ and out/ are. */
  packageRoot: string
  version: string
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

export interface CommandContext extends CliEnvironment {
  resourcesDir: string
  migrationsFolder: string
  rendererDir: string
}

export class CliError extends Error {}

/** A schema issue's message in Italian: the contract's schemas give a code (input.…), zod a sentence. */
export function issueText(text: string): string {
  return isMessageKey(text) ? italian(text) : text
}

type OptionTypes = Record<string, 'string' | 'boolean'>
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
}

export function parse(args: string[], types: OptionTypes, allowPositionals = false): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: Object.fromEntries(Object.entries(types).map(([k, type]) => [k, { type }])),
      allowPositionals,
      strict: true
    })
    return { values: values as ParsedArgs['values'], positionals }
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error))
  }
}

export function dataDirOption(args: ParsedArgs, fallback: () => string): string {
  const value = args.values.data
  return typeof value === 'string' && value !== '' ? resolve(value) : fallback()
}

export function integerOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const value = args.values[name]
  if (value === undefined) return undefined
  const number = Number(value)
  if (typeof value !== 'string' || !Number.isInteger(number) || number < min || number > max) {
    throw new CliError(`--${name} deve essere un numero intero tra ${min} e ${max}`)
  }
  return number
}

export function requireBuiltRenderer(dir: string): void {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new CliError(`interfaccia non compilata (manca ${dir}). Esegui prima: npm run build`)
  }
}

/** --backend URL|embedded: which GPD this run (and, from now on, this cache) talks to. */
export function backendOption(args: ParsedArgs): { mode: 'embedded' } | { mode: 'gpd'; baseUrl: string } | undefined {
  const value = args.values.backend
  if (typeof value !== 'string') return undefined
  if (value === 'embedded') return { mode: 'embedded' }
  try {
    return { mode: 'gpd', baseUrl: new URL(value).toString().replace(/\/+$/, '') }
  } catch {
    throw new CliError(`--backend deve essere un indirizzo (es. https://api.platform.pagopa.it) oppure "embedded": ${value}`)
  }
}

/**
 * Runs a command against the cache of a data folder: opens it, turns the services' Italian
 * errors into command-line errors (exit code 2), and always closes it.
 */
export async function withCache<T>(ctx: CommandContext, dataDir: string, work: (database: OpenedDatabase) => T | Promise<T>): Promise<T> {
  // Loaded here, not at the top: every command imports this module, and `--help` or `check`
  // must not load SQLite.
  const { openDatabase } = await import('../core/db/open')
  const database = openDatabase(join(dataDir, DATABASE_FILE), { migrationsFolder: ctx.migrationsFolder })
  try {
    return await work(database)
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message)
    throw error
  } finally {
    database.close()
  }
}
