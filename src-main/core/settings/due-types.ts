// The ente's due types: what a new due is (taxonomy, IBAN, causale template, installments).
import type Database from 'better-sqlite3'
import { z } from 'zod'
import { DueTypeInput, type DueTypeInfo } from '../../contract/desk'
import { AppError } from '../../contract/errors'
import { isMessageKey, message } from '../../contract/messages'
import { allDueTypes, saveDueType, type DueTypeFields, type DueTypeRow } from '../db/queries/due-types'
import { queryDb } from '../db/queries/query-db'
import { parseIban } from '../pagopa/iban'
import { parseTaxonomyCode } from '../pagopa/taxonomy'

const toInfo = (r: DueTypeRow): DueTypeInfo => ({
  code: r.code,
  label: r.label,
  taxonomyCode: r.taxonomyCode,
  iban: r.iban,
  postalIban: r.postalIban,
  postalAccount: r.postalAccount,
  defaultAmountCents: r.defaultAmountCents,
  causaleTemplate: r.causaleTemplate,
  installmentsAllowed: r.installmentsAllowed,
  active: r.active
})

export function createDueTypes(sqlite: Database.Database) {
  const db = queryDb(sqlite)

  /** pagoPA's checks on top of the schema: taxonomy, IBANs, postal account. */
  function validated(input: z.output<typeof DueTypeInput>): DueTypeFields {
    const taxonomy = parseTaxonomyCode(input.taxonomyCode)
    if (!taxonomy.valid) throw new AppError('INVALID_INPUT', 'settings.dueType.invalid', { code: input.code, reason: taxonomy.reason })
    const iban = parseIban(input.iban)
    if (!iban.valid) throw new AppError('INVALID_INPUT', 'settings.dueType.invalid', { code: input.code, reason: iban.reason })
    let postalIban: string | null = null
    if (input.postalIban) {
      const parsed = parseIban(input.postalIban)
      if (!parsed.valid) throw new AppError('INVALID_INPUT', 'settings.dueType.postalIbanInvalid', { code: input.code, reason: parsed.reason })
      postalIban = parsed.iban
    }
    if (input.postalAccount && !/^\d{1,12}$/.test(input.postalAccount)) throw new AppError('INVALID_INPUT', 'settings.dueType.postalAccountDigits', { code: input.code })
    if (input.postalAccount && !postalIban) throw new AppError('INVALID_INPUT', 'settings.dueType.postalIbanRequired', { code: input.code })
    return { ...input, taxonomyCode: taxonomy.code, iban: iban.iban, postalIban }
  }

  return {
    list(): DueTypeInfo[] {
      return allDueTypes(db).map(toInfo)
    },
    save(input: z.output<typeof DueTypeInput>): DueTypeInfo {
      return toInfo(saveDueType(db, validated(input)))
    },
    /** All or nothing: a file with one bad type changes nothing. */
    importJson(json: string): { imported: number } {
      let raw: unknown
      try {
        raw = JSON.parse(json)
      } catch {
        throw new AppError('INVALID_INPUT', 'settings.dueType.notJson')
      }
      const parsed = z.array(DueTypeInput).max(1000).safeParse(raw)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        // A schema's own rule is one of the catalog's codes (contract/messages/input.ts); zod's are its text.
        const reason = isMessageKey(issue.message) ? message(issue.message) : issue.message
        throw new AppError('INVALID_INPUT', 'settings.dueType.importIssue', { n: Number(issue.path[0] ?? 0) + 1, path: issue.path.slice(1).join('.'), reason })
      }
      const rows = parsed.data.map(validated)
      sqlite.transaction(() => rows.forEach((r) => saveDueType(db, r)))()
      return { imported: rows.length }
    },
    exportJson(): string {
      return JSON.stringify(this.list(), null, 2)
    }
  }
}
