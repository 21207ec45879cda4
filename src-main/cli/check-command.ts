import { italian } from '../contract/messages'
import { parseFiscalCode, parsePartitaIva } from '../core/pagopa/fiscal-code'
import { parseIban } from '../core/pagopa/iban'
import { parseNoticeNumber } from '../core/pagopa/notice-number'
import { parseDataMatrixPayload } from '../core/pagopa/poste-datamatrix'
import { parseQrPayload } from '../core/pagopa/qr-code'
import { parseTaxonomyCode } from '../core/pagopa/taxonomy'
import { CliError, parse, type CommandContext } from './args'

const CHECKS = {
  notice: parseNoticeNumber,
  qr: parseQrPayload,
  datamatrix: parseDataMatrixPayload,
  cf: parseFiscalCode,
  piva: parsePartitaIva,
  iban: parseIban,
  taxonomy: parseTaxonomyCode
} as const

/** sportello check notice|qr|datamatrix|cf|piva|iban|taxonomy VALUE [--json] */
export function checkCommand(args: string[], ctx: CommandContext): number {
  const parsed = parse(args, { json: 'boolean' }, true)
  const [kind, ...value] = parsed.positionals
  if (!kind || !(kind in CHECKS) || value.length === 0) throw new CliError(`uso: sportello check ${Object.keys(CHECKS).join('|')} VALORE [--json]`)
  const result = CHECKS[kind as keyof typeof CHECKS](value.join(' '))
  // The reason is printed in Italian, as text, in both forms.
  if (parsed.values.json) ctx.stdout.write(`${JSON.stringify(result.valid ? result : { valid: false, reason: italian(result.reason) })}\n`)
  else ctx.stdout.write(result.valid ? `Valido: ${JSON.stringify({ ...result, valid: undefined })}\n` : `Non valido: ${italian(result.reason)}\n`)
  return result.valid ? 0 : 1
}
