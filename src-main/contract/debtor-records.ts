// Known citizens (issue 12): the fields of a debtor's record that keep the date of their value,
// and the one rule telling whether what the operator typed differs from what the desk knows, used
// by the wizard's "which data to keep" prompt. Shared by the renderer and the services.
import { z } from 'zod'

/** The fields of a known citizen's record, each with the date its value comes from. */
export const DEBTOR_FIELDS = ['fullName', 'streetName', 'civicNumber', 'postalCode', 'city', 'province', 'country', 'email', 'phone'] as const
export type DebtorField = (typeof DEBTOR_FIELDS)[number]

/** The fields the new-due wizard shows, in its order: those the operator may type differently. */
export const DEBTOR_FORM_FIELDS = ['fullName', 'streetName', 'civicNumber', 'postalCode', 'city', 'province', 'email', 'phone'] as const satisfies readonly DebtorField[]
export type DebtorFormField = (typeof DEBTOR_FORM_FIELDS)[number]

/** When each field's value was true at its source (ISO date-time, UTC): `{ email: '2026-11-30T09:12:00.000Z' }`. */
export type DebtorFieldDates = Partial<Record<DebtorField, string>>

export const DebtorGetInput = z.object({ fiscalCode: z.string().trim().min(11).max(16) })

const normalized = (value: string | null | undefined) => (value ?? '').trim().replace(/\s+/g, ' ').toUpperCase()

/** Two values of a field are the same data when they differ only in case or spacing. */
export function sameDebtorValue(a: string | null | undefined, b: string | null | undefined): boolean {
  return normalized(a) === normalized(b)
}

/** A field the operator typed differently from the desk's record. */
export interface DebtorDifference {
  field: DebtorFormField
  known: string
  /** When the known value was true at its source; null when the record does not say. */
  knownSince: string | null
  typed: string
}

/** The wizard's fields where the typed data differ from the known record (empty typed fields included). */
export function debtorDifferences(
  known: Partial<Record<DebtorField, string | null>> & { fieldDates: DebtorFieldDates },
  typed: Partial<Record<DebtorFormField, string>>
): DebtorDifference[] {
  return DEBTOR_FORM_FIELDS.filter((field) => !sameDebtorValue(known[field], typed[field])).map((field) => ({
    field,
    known: known[field] ?? '',
    knownSince: known.fieldDates[field] ?? null,
    typed: typed[field] ?? ''
  }))
}
