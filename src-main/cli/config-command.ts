import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { openDatabase } from '../core/db/open'
import { ensureDemoSetup } from '../core/demo/seed'
import { createDeskService, currentDesk } from '../core/settings/desk'
import { createAuditLog } from '../core/audit/audit-log'
import { deskModeOf, readIdentity } from '../core/settings/cache-identity'
import { AppError } from '../contract/errors'
import { isValidNumericFiscalCode } from '../core/pagopa/fiscal-code'
import { parseIban } from '../core/pagopa/iban'
import { MAX_DESK_NUMBER } from '../core/pagopa/iuv-allocator'
import { parseTaxonomyCode } from '../core/pagopa/taxonomy'
import { DATABASE_FILE } from '../core/paths'
import { createSettingsStore, type EnteSettings } from '../core/settings/settings'
import { PosSettingsSchema } from '../contract/pos'
import { CliError, integerOption, issueText, parse, type CommandContext } from './args'

const Ente = z.object({
  name: z.string().min(1).max(100),
  fiscalCode: z.string().refine(isValidNumericFiscalCode, 'codice fiscale dell’ente non valido (11 cifre)'),
  segregationCode: z.string().regex(/^\d{2}$/, 'il codice di segregazione ha 2 cifre'),
  cbill: z.string().regex(/^[A-Z0-9]{5}$/i, 'il codice CBILL ha 5 caratteri').or(z.literal('')).default(''),
  sector: z.string().max(50).default(''),
  info: z.string().max(100).default(''),
  officeName: z.string().max(140).default(''),
  iupdPrefix: z.string().regex(/^[A-Z0-9]{2,10}$/, 'il prefisso degli identificativi ha da 2 a 10 lettere maiuscole o cifre')
})

const DueTypes = z.array(
  z.object({
    code: z.string().regex(/^[A-Z0-9_-]{1,40}$/),
    label: z.string().min(1).max(100),
    taxonomyCode: z.string().refine((c) => parseTaxonomyCode(c).valid, 'codice di tassonomia non valido'),
    iban: z.string().refine((c) => parseIban(c).valid, 'IBAN non valido'),
    postalIban: z.string().refine((c) => parseIban(c).valid, 'IBAN postale non valido').optional(),
    postalAccount: z.string().regex(/^\d{1,12}$/).optional(),
    defaultAmountCents: z.number().int().positive().optional(),
    causaleTemplate: z.string().max(140).default(''),
    installmentsAllowed: z.boolean().default(false)
  })
)

function readJson<T>(file: string, schema: z.ZodType<T>, what: string): T {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(resolve(file), 'utf8'))
  } catch (error) {
    throw new CliError(`${what}: file ${file} non leggibile come JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new CliError(`${what}: ${issue.path.join('.')} ${issueText(issue.message)}`)
  }
  return parsed.data
}

/** sportello config --data DIR [--demo] [--ente FILE] [--due-types FILE] [--desk N] [--pos FILE]: the cache's settings. */
export function configCommand(args: string[], ctx: CommandContext): number {
  const parsed = parse(args, { data: 'string', demo: 'boolean', ente: 'string', 'due-types': 'string', desk: 'string', pos: 'string' })
  if (typeof parsed.values.data !== 'string') throw new CliError('indicare la cartella dati con --data DIR')
  const database = openDatabase(join(resolve(parsed.values.data), DATABASE_FILE), { migrationsFolder: ctx.migrationsFolder })
  try {
    const settings = createSettingsStore(database.sqlite)
    // The demo Comune's ente, due types and operator never go into a cache that serves a real ente.
    if (parsed.values.demo && readIdentity(database.sqlite, settings)?.mode === 'live') throw new CliError('questa cartella dati è collegata al pagoPA di un ente: i dati dimostrativi non si aggiungono. Usare una nuova cartella dati.')
    if (parsed.values.demo) ensureDemoSetup(database.sqlite)
    if (typeof parsed.values.ente === 'string') settings.set('ente', readJson(parsed.values.ente, Ente, 'Ente') satisfies EnteSettings)
    if (typeof parsed.values['due-types'] === 'string') {
      const types = readJson(parsed.values['due-types'], DueTypes, 'Tipi di dovuto')
      const upsert = database.sqlite.prepare(
        `INSERT INTO due_types (code, label, taxonomy_code, iban, postal_iban, postal_account, default_amount_cents, causale_template, installments_allowed)
         VALUES (@code, @label, @taxonomyCode, @iban, @postalIban, @postalAccount, @defaultAmountCents, @causaleTemplate, @installmentsAllowed)
         ON CONFLICT(code) DO UPDATE SET label = excluded.label, taxonomy_code = excluded.taxonomy_code, iban = excluded.iban,
           postal_iban = excluded.postal_iban, postal_account = excluded.postal_account, default_amount_cents = excluded.default_amount_cents,
           causale_template = excluded.causale_template, installments_allowed = excluded.installments_allowed`
      )
      database.sqlite.transaction(() => {
        for (const t of types) {
          upsert.run({ postalIban: null, postalAccount: null, defaultAmountCents: null, ...t, installmentsAllowed: t.installmentsAllowed ? 1 : 0 })
        }
      })()
    }
    if (typeof parsed.values.pos === 'string') settings.set('pos', readJson(parsed.values.pos, PosSettingsSchema, 'POS'))
    const desk = integerOption(parsed, 'desk', 0, MAX_DESK_NUMBER)
    if (desk !== undefined) {
      // The same checks as Impostazioni › Sportello (a number another desk's dues already use is
      // refused); the command itself is the confirmation of a change.
      const service = createDeskService({ sqlite: database.sqlite, settings, audit: createAuditLog(database.sqlite), operator: () => 'riga di comando (sportello config)' })
      try {
        service.save({ number: desk, name: `Sportello ${desk}`, confirm: true })
      } catch (error) {
        if (error instanceof AppError) throw new CliError(error.message)
        throw error
      }
    }
    const summary = {
      ente: settings.get<EnteSettings>('ente') ?? null,
      desk: currentDesk(settings),
      dueTypes: database.sqlite.prepare('SELECT count(*) FROM due_types').pluck().get(),
      mode: deskModeOf(settings),
      backend: settings.get('backend') ?? null,
      pos: settings.get('pos') ?? null
    }
    ctx.stdout.write(`${JSON.stringify(summary)}\n`)
    return 0
  } finally {
    database.close()
  }
}
