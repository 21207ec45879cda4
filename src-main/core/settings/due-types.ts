// The ente's due types: what a new due is (taxonomy, IBAN, causale template, installments).
import type Database from 'better-sqlite3'
import { z } from 'zod'
import { DueTypeInput, type DueTypeInfo } from '../../contract/desk'
import { AppError } from '../../contract/errors'
import { parseIban } from '../pagopa/iban'
import { parseTaxonomyCode } from '../pagopa/taxonomy'

type DueTypeRow = {
  code: string
  label: string
  taxonomy_code: string
  iban: string | null
  postal_iban: string | null
  postal_account: string | null
  default_amount_cents: number | null
  causale_template: string
  installments_allowed: number
  active: number
}

const toInfo = (r: DueTypeRow): DueTypeInfo => ({
  code: r.code,
  label: r.label,
  taxonomyCode: r.taxonomy_code,
  iban: r.iban,
  postalIban: r.postal_iban,
  postalAccount: r.postal_account,
  defaultAmountCents: r.default_amount_cents,
  causaleTemplate: r.causale_template,
  installmentsAllowed: r.installments_allowed === 1,
  active: r.active === 1
})

export function createDueTypes(sqlite: Database.Database) {
  const upsert = sqlite.prepare(
    `INSERT INTO due_types (code, label, taxonomy_code, iban, postal_iban, postal_account, default_amount_cents, causale_template, installments_allowed, active)
     VALUES (@code, @label, @taxonomyCode, @iban, @postalIban, @postalAccount, @defaultAmountCents, @causaleTemplate, @installmentsAllowed, @active)
     ON CONFLICT(code) DO UPDATE SET label = excluded.label, taxonomy_code = excluded.taxonomy_code, iban = excluded.iban,
       postal_iban = excluded.postal_iban, postal_account = excluded.postal_account, default_amount_cents = excluded.default_amount_cents,
       causale_template = excluded.causale_template, installments_allowed = excluded.installments_allowed, active = excluded.active`
  )

  /** pagoPA's checks on top of the schema: taxonomy, IBANs, postal account. */
  function validated(input: z.output<typeof DueTypeInput>) {
    const taxonomy = parseTaxonomyCode(input.taxonomyCode)
    if (!taxonomy.valid) throw new AppError('INVALID_INPUT', `${input.code}: ${taxonomy.reason}`)
    const iban = parseIban(input.iban)
    if (!iban.valid) throw new AppError('INVALID_INPUT', `${input.code}: ${iban.reason}`)
    let postalIban: string | null = null
    if (input.postalIban) {
      const parsed = parseIban(input.postalIban)
      if (!parsed.valid) throw new AppError('INVALID_INPUT', `${input.code}: IBAN postale. ${parsed.reason}`)
      postalIban = parsed.iban
    }
    if (input.postalAccount && !/^\d{1,12}$/.test(input.postalAccount)) throw new AppError('INVALID_INPUT', `${input.code}: il conto corrente postale ha solo cifre (massimo 12).`)
    if (input.postalAccount && !postalIban) throw new AppError('INVALID_INPUT', `${input.code}: con il conto corrente postale serve anche l'IBAN postale.`)
    return { ...input, taxonomyCode: taxonomy.code, iban: iban.iban, postalIban, installmentsAllowed: input.installmentsAllowed ? 1 : 0, active: input.active ? 1 : 0 }
  }

  return {
    list(): DueTypeInfo[] {
      return (sqlite.prepare('SELECT * FROM due_types ORDER BY label').all() as DueTypeRow[]).map(toInfo)
    },
    save(input: z.output<typeof DueTypeInput>): DueTypeInfo {
      upsert.run(validated(input))
      return toInfo(sqlite.prepare('SELECT * FROM due_types WHERE code = ?').get(input.code) as DueTypeRow)
    },
    /** All or nothing: a file with one bad type changes nothing. */
    importJson(json: string): { imported: number } {
      let raw: unknown
      try {
        raw = JSON.parse(json)
      } catch {
        throw new AppError('INVALID_INPUT', 'Il file non è un JSON valido.')
      }
      const parsed = z.array(DueTypeInput).max(1000).safeParse(raw)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        throw new AppError('INVALID_INPUT', `Tipo di dovuto n. ${Number(issue.path[0] ?? 0) + 1}: ${issue.path.slice(1).join('.')} ${issue.message}`)
      }
      const rows = parsed.data.map(validated)
      sqlite.transaction(() => rows.forEach((r) => upsert.run(r)))()
      return { imported: rows.length }
    },
    exportJson(): string {
      return JSON.stringify(this.list(), null, 2)
    }
  }
}
