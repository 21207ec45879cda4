import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { noticeDataFor } from '../core/notices/notice-data'
import { NOTICE_LAYOUTS } from '../contract/desk'
import { renderNotice, type NoticeLayout } from '../core/notices/render'
import { defaultDataDir } from '../core/paths'
import { createSettingsStore } from '../core/settings/settings'
import { CliError, dataDirOption, parse, withCache, type CommandContext } from './args'

/** sportello notice ID -o FILE.pdf [--data DIR] [--lang it|it-de|en] [--senza-scadenza] */
export async function noticeCommand(args: string[], ctx: CommandContext): Promise<number> {
  const parsed = parse(args, { o: 'string', output: 'string', data: 'string', lang: 'string', 'senza-scadenza': 'boolean' }, true)
  const id = parsed.positionals.join(' ')
  const output = (parsed.values.o ?? parsed.values.output) as string | undefined
  if (!id || !output) throw new CliError('uso: sportello notice IUPD|NUMERO_AVVISO -o FILE.pdf [--data DIR] [--lang it|it-de|en]')
  const lang = (parsed.values.lang ?? 'it') as NoticeLayout
  if (!NOTICE_LAYOUTS.includes(lang)) throw new CliError('--lang deve essere it, it-de oppure en')
  const dataDir = dataDirOption(parsed, () => defaultDataDir())
  return withCache(ctx, dataDir, async (database) => {
    const data = noticeDataFor(database.sqlite, createSettingsStore(database.sqlite), id)
    const pdf = await renderNotice(data, { layout: lang, showDueDate: parsed.values['senza-scadenza'] !== true })
    writeFileSync(resolve(output), pdf)
    ctx.stdout.write(`${JSON.stringify({ file: resolve(output), bytes: pdf.length, payments: (data.single ? 1 : 0) + data.installments.length, poste: data.poste !== null })}\n`)
    return 0
  })
}
