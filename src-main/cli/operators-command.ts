import { resolve } from 'node:path'
import { OperatorInput } from '../contract/desk'
import { createSessions } from '../core/auth/session'
import { createSettingsStore } from '../core/settings/settings'
import { CliError, issueText, parse, withCache, type CommandContext } from './args'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
}

/** sportello operators add --data DIR --username U --name N --role R  (password on stdin, never in argv) */
export async function operatorsCommand(args: string[], ctx: CommandContext): Promise<number> {
  const [what, ...rest] = args
  if (what !== 'add') throw new CliError('uso: sportello operators add --data DIR --username U --name "Nome" --role RUOLO  (password dallo standard input)')
  const parsed = parse(rest, { data: 'string', username: 'string', name: 'string', role: 'string' })
  if (typeof parsed.values.data !== 'string') throw new CliError('indicare la cartella dati con --data DIR')
  const password = await readStdin()
  const input = OperatorInput.safeParse({ username: parsed.values.username, displayName: parsed.values.name, role: parsed.values.role, password, active: true })
  if (!input.success) throw new CliError(input.error.issues.map((i) => `${i.path.join('.')}: ${issueText(i.message)}`).join('; '))
  return withCache(ctx, resolve(parsed.values.data), async (database) => {
    const saved = await createSessions(database.sqlite, createSettingsStore(database.sqlite), {}).save(input.data)
    ctx.stdout.write(`${JSON.stringify(saved)}\n`)
    return 0
  })
}
