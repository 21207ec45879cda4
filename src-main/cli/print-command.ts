import { createNoticeService } from '../core/notices/notice-service'
import { defaultDataDir } from '../core/paths'
import { createPlatformPrintSystem } from '../core/printing/platform'
import { createSettingsStore } from '../core/settings/settings'
import { CliError, dataDirOption, parse, withCache, type CommandContext } from './args'

/** sportello print ID [--printer NAME] [--data DIR]; sportello print --list */
export async function printCommand(args: string[], ctx: CommandContext): Promise<number> {
  const parsed = parse(args, { printer: 'string', data: 'string', list: 'boolean' }, true)
  const dataDir = dataDirOption(parsed, () => defaultDataDir())
  return withCache(ctx, dataDir, async (database) => {
    const service = createNoticeService({ sqlite: database.sqlite, settings: createSettingsStore(database.sqlite), dataDir, printSystem: () => createPlatformPrintSystem(), operator: () => 'riga di comando' })
    if (parsed.values.list) {
      ctx.stdout.write(`${JSON.stringify(await service.printers())}\n`)
      return 0
    }
    const id = parsed.positionals.join(' ')
    if (!id) throw new CliError('uso: sportello print IUPD|NUMERO_AVVISO [--printer NOME] [--data DIR]  oppure  sportello print --list')
    const job = await service.print(id, typeof parsed.values.printer === 'string' ? parsed.values.printer : undefined)
    ctx.stdout.write(`${JSON.stringify(job)}\n`)
    return 0
  })
}
