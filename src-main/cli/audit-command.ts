import { formatDateTime } from '../contract/format'
import { verifyAuditChain } from '../core/audit/audit-log'
import { defaultDataDir } from '../core/paths'
import { CliError, dataDirOption, parse, withCache, type CommandContext } from './args'

/** sportello audit verify [--data DIR] [--json]: exit 0 when the chain holds, 1 at the first broken entry. */
export function auditCommand(args: string[], ctx: CommandContext): Promise<number> {
  const [what, ...rest] = args
  if (what !== 'verify') throw new CliError('uso: sportello audit verify [--data DIR] [--json]')
  const parsed = parse(rest, { data: 'string', json: 'boolean' })
  return withCache(ctx, dataDirOption(parsed, () => defaultDataDir()), (database) => {
    const result = verifyAuditChain(database.sqlite)
    if (parsed.values.json) ctx.stdout.write(`${JSON.stringify(result)}\n`)
    else if (result.ok) ctx.stdout.write(`Registro di audit integro: ${result.entries} voci. Impronta dell'ultima voce: ${result.headHash ?? '—'}\n`)
    else ctx.stdout.write(`Registro di audit ALTERATO alla voce ${result.problem!.id} del ${formatDateTime(result.problem!.at)}: ${result.problem!.message}.\n`)
    return Promise.resolve(result.ok ? 0 : 1)
  })
}
