import { join, resolve } from 'node:path'
import { formatDateTime } from '../contract/format'
import { italian } from '../contract/messages'
import { BACKUPS_FOLDER, backupCache, listBackups } from '../core/db/backups'
import { restoreBackup } from '../core/db/cache-health'
import { DATABASE_FILE, defaultDataDir } from '../core/paths'
import { CliError, dataDirOption, parse, withCache, type CommandContext } from './args'

/** sportello backup [--data DIR] [--list] */
export function backupCommand(args: string[], ctx: CommandContext): Promise<number> {
  const parsed = parse(args, { data: 'string', list: 'boolean' })
  const dir = dataDirOption(parsed, () => defaultDataDir())
  if (parsed.values.list) {
    const backups = listBackups(join(dir, BACKUPS_FOLDER))
    if (backups.length === 0) ctx.stdout.write('Nessuna copia di sicurezza.\n')
    for (const b of backups) ctx.stdout.write(`${formatDateTime(b.takenAt)}  ${(b.bytes / 1_048_576).toFixed(1)} MB  ${b.file}\n`)
    return Promise.resolve(0)
  }
  return withCache(ctx, dir, async (database) => {
    const made = await backupCache(database.sqlite, join(dir, BACKUPS_FOLDER))
    ctx.stdout.write(`Copia di sicurezza scritta: ${made.file}\n`)
    return 0
  })
}

/** sportello restore --from FILE [--data DIR]: the replaced cache is kept, its unsent changes carried over. */
export function restoreCommand(args: string[], ctx: CommandContext): number {
  const parsed = parse(args, { data: 'string', from: 'string' })
  if (typeof parsed.values.from !== 'string') throw new CliError('uso: sportello restore --from FILE [--data DIR]   (elenco delle copie: sportello backup --list)')
  const dir = dataDirOption(parsed, () => defaultDataDir())
  try {
    const result = restoreBackup(join(dir, DATABASE_FILE), resolve(parsed.values.from), { migrationsFolder: ctx.migrationsFolder })
    ctx.stdout.write(`${italian(result.message)}\n`)
    return 0
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error))
  }
}
