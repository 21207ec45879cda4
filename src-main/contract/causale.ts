// Causale templates of due types ("Verbale CdS n. {numero} del {data}"): the one place that says
// which placeholders a template has, which ones the desk fills by itself, and how a causale is
// written from them. The wizard and the services both use it, so a causale never keeps an unfilled
// placeholder or loses the words around one.
import { formatDate } from './format'

const PLACEHOLDER = /\{([\p{L}\p{N}_]+)\}/gu
/** Filled by the desk: the due date's year and month, the debtor's name. */
export const AUTOMATIC_PLACEHOLDERS = ['anno', 'mese', 'debitore'] as const
const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre']

/** The placeholders the operator must fill, once each, in the template's order. */
export function causaleFields(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!)
  return [...new Set(names)].filter((n) => !(AUTOMATIC_PLACEHOLDERS as readonly string[]).includes(n.toLowerCase()))
}

/** A placeholder is a date when its name says so ({data}, {data_verbale}): the wizard offers a date field. */
export const isDateField = (name: string) => /^data(_|$)/i.test(name)

/** "numero_verbale" → "Numero verbale": what the wizard's field is called. */
export function fieldLabel(name: string): string {
  const words = name.replace(/_/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export interface CausaleValues {
  /** yyyy-mm-dd: gives {anno} and {mese}. */
  dueDate: string
  debtorName?: string
  /** The operator's values of the other placeholders; dates as yyyy-mm-dd. */
  fields: Record<string, string>
}

/** The causale, or the placeholders still without a value. */
export function fillCausale(template: string, values: CausaleValues): { causale: string } | { missing: string[] } {
  const missing: string[] = []
  const causale = template.replace(PLACEHOLDER, (whole, name: string) => {
    const key = name.toLowerCase()
    if (key === 'anno') return values.dueDate.slice(0, 4)
    if (key === 'mese') return MONTHS[Number(values.dueDate.slice(5, 7)) - 1] ?? whole
    if (key === 'debitore') {
      if (values.debtorName?.trim()) return values.debtorName.trim()
      missing.push(name)
      return whole
    }
    const value = values.fields[name]?.trim()
    if (!value) {
      missing.push(name)
      return whole
    }
    return isDateField(name) && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value
  })
  return missing.length ? { missing: [...new Set(missing)] } : { causale: causale.replace(/\s+/g, ' ').trim() }
}

/** Placeholders left in a causale as typed (the operator edited the text by hand). */
export function unfilledPlaceholders(causale: string): string[] {
  return [...causale.matchAll(PLACEHOLDER)].map((m) => m[1]!)
}
