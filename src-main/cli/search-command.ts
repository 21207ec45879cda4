import { join } from 'node:path'
import { SearchDuesInput } from '../contract/dues'
import { formatCents, formatDate, formatNoticeNumber, STATUS_LABELS_IT } from '../contract/format'
import { openDatabase } from '../core/db/open'
import { createDueSearch } from '../core/dues/search'
import { DATABASE_FILE, defaultDataDir } from '../core/paths'
import { CliError, dataDirOption, integerOption, type CommandContext, type ParsedArgs } from './args'


export function searchCommand(args: ParsedArgs, ctx: CommandContext): number {
  const text = args.positionals.join(' ')
  const limit = integerOption(args, 'limit', 1, 200) ?? 100
  const input = SearchDuesInput.safeParse({ text, status: args.values.status ?? 'all', pageSize: limit })
  if (!input.success) throw new CliError('--status deve essere pending, paid o all')
  const dataDir = dataDirOption(args, () => defaultDataDir())
  const database = openDatabase(join(dataDir, DATABASE_FILE), { migrationsFolder: ctx.migrationsFolder })
  try {
    const result = createDueSearch(database.sqlite)(input.data)
    if (result.total > result.rows.length) {
      ctx.stderr.write(`${result.totalBound === 'over' ? 'oltre ' : ''}${result.total} dovuti trovati, mostrati i primi ${result.rows.length} (--limit per cambiare)\n`)
    }
    if (args.values.json) {
      ctx.stdout.write(`${JSON.stringify(result.rows)}\n`)
      return 0
    }
    for (const row of result.rows) {
      const columns = [
        formatNoticeNumber(row.noticeNumber),
        row.debtorName.padEnd(30).slice(0, 30),
        row.debtorFiscalCode.padEnd(16),
        formatCents(row.amountCents).padStart(14),
        formatDate(row.dueDate),
        STATUS_LABELS_IT[row.status]
      ]
      ctx.stdout.write(columns.join('  ') + '\n')
    }
    if (result.total === 0) ctx.stderr.write('Nessun dovuto trovato.\n')
    return 0
  } finally {
    database.close()
  }
}
