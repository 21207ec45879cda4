import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { AppError } from '../contract/errors'
import { NewDueInput } from '../contract/dues'
import { openDatabase } from '../core/db/open'
import { createDueCommands } from '../core/dues/commands'
import { DATABASE_FILE } from '../core/paths'
import { createSettingsStore } from '../core/settings/settings'
import { CliError, issueText, parse, type CommandContext } from './args'

z.config(z.locales.it())

/** sportello dues create --data DIR --from FILE.json: creates dues (IUV generated) and queues them. */
export function duesCommand(args: string[], ctx: CommandContext): number {
  const [what, ...rest] = args
  if (what !== 'create') throw new CliError('uso: sportello dues create --data DIR --from FILE.json')
  const parsed = parse(rest, { data: 'string', from: 'string', operator: 'string' })
  if (typeof parsed.values.data !== 'string') throw new CliError('indicare la cartella dati con --data DIR')
  if (typeof parsed.values.from !== 'string') throw new CliError('indicare il file JSON dei dovuti con --from FILE.json')
  let items: unknown
  try {
    items = JSON.parse(readFileSync(resolve(parsed.values.from), 'utf8'))
  } catch (error) {
    throw new CliError(`file ${parsed.values.from} non leggibile come JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  const list = z.array(NewDueInput).max(100_000).safeParse(items)
  if (!list.success) {
    const issue = list.error.issues[0]!
    throw new CliError(`dovuto n. ${Number(issue.path[0] ?? 0) + 1}: ${issue.path.slice(1).join('.')} ${issueText(issue.message)}`)
  }
  const dataDir = resolve(parsed.values.data)
  const database = openDatabase(join(dataDir, DATABASE_FILE), { migrationsFolder: ctx.migrationsFolder })
  const operator = typeof parsed.values.operator === 'string' ? parsed.values.operator : 'riga di comando'
  try {
    const commands = createDueCommands({ sqlite: database.sqlite, settings: createSettingsStore(database.sqlite), dataDir, operator: () => operator })
    const created: { iupd: string; navs: string[] }[] = []
    const errors: { index: number; message: string }[] = []
    list.data.forEach((item, index) => {
      try {
        created.push(commands.create(item))
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        errors.push({ index: index + 1, message: error.message })
      }
    })
    for (const e of errors) ctx.stderr.write(`Dovuto n. ${e.index} non creato: ${e.message}\n`)
    ctx.stdout.write(`${JSON.stringify({ created: created.length, failed: errors.length, dues: created, errors })}\n`)
    return errors.length > 0 ? 1 : 0
  } finally {
    database.close()
  }
}
