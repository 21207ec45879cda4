import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createCitizenData } from '../core/privacy/citizen-data'
import { defaultDataDir } from '../core/paths'
import { createSettingsStore } from '../core/settings/settings'
import { CliError, dataDirOption, parse, withCache, type CommandContext } from './args'

const USAGE = 'uso: sportello privacy export CODICE_FISCALE -o FILE.json | erase CODICE_FISCALE | purge   [--data DIR]'
const OPERATOR = 'riga di comando'

/** GDPR requests for the ente's IT staff: export or erase one citizen's data, purge closed dues. */
export function privacyCommand(args: string[], ctx: CommandContext): Promise<number> {
  const [what, ...rest] = args
  const parsed = parse(rest, { data: 'string', o: 'string' }, true)
  const [fiscalCode] = parsed.positionals
  if (!['export', 'erase', 'purge'].includes(what ?? '') || (what !== 'purge' && !fiscalCode) || (what === 'export' && typeof parsed.values.o !== 'string')) throw new CliError(USAGE)
  return withCache(ctx, dataDirOption(parsed, () => defaultDataDir()), (database) => {
    const citizens = createCitizenData(database.sqlite, createSettingsStore(database.sqlite))
    if (what === 'export') {
      const file = resolve(String(parsed.values.o))
      writeFileSync(file, JSON.stringify(citizens.export(fiscalCode!, OPERATOR), null, 2), { mode: 0o600 })
      ctx.stdout.write(`Dati esportati in ${file}\n`)
    } else if (what === 'erase') {
      const result = citizens.erase(fiscalCode!, OPERATOR)
      ctx.stdout.write(`${JSON.stringify(result)}\n`)
    } else {
      ctx.stdout.write(`Dovuti chiusi rimossi: ${citizens.purgeClosed()}\n`)
    }
    return 0
  })
}
