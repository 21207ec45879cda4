// "Dati specifici di incasso" (transfer.category): <prefix>/<ente type 2><macro area 2><service 3><legal reason 2>/
// The 9/ prefix lets pagoPA push the position to the debtor's PSP (SEPA Request-To-Pay); 6/, 7/, 8/
// opt out. The list bundled here is a snapshot of PagoPA's taxonomy: a well-formed code missing
// from it is accepted, and said to be unknown, since the live list may be newer.
import taxonomy from '../../../resources/pagopa/taxonomy.json'
import { fail, ok, type Check } from './check'

const PATTERN = /^([6789])\/(\d{2})(\d{2})(\d{3})(IM|TS|SP|SA|AP)\/$/
const REASONS = { IM: 'imposta', TS: 'tassa', SP: 'servizio pubblico', SA: 'sanzione amministrativa', AP: 'altre entrate patrimoniali' } as const

const known = new Map(taxonomy.entries.map((e) => [e.code, e]))

export interface TaxonomyCode {
  code: string
  prefix: string
  enteType: string
  legalReason: string
  /** False when the prefix is 6/, 7/ or 8/: no SEPA Request-To-Pay push. */
  requestToPay: boolean
  known: boolean
  service?: string
  area?: string
}

export function parseTaxonomyCode(input: string): Check<TaxonomyCode> {
  const code = input.trim().toUpperCase()
  const match = PATTERN.exec(code)
  if (!match) {
    return fail('pagopa.taxonomy.invalid', { input: input.trim() })
  }
  const [, prefix, enteType, area, service, reason] = match as unknown as [string, string, string, string, string, keyof typeof REASONS]
  const entry = known.get(`9/${enteType}${area}${service}${reason}/`)
  return ok({
    code,
    prefix,
    enteType,
    legalReason: REASONS[reason],
    requestToPay: prefix === '9',
    known: entry !== undefined,
    ...(entry ? { service: entry.service, area: entry.area } : {})
  })
}

export const CAUSALE_MAX = 140

/** The causale (remittance information / description) of a due: 1 to 140 characters. */
export function parseCausale(input: string): Check<{ causale: string }> {
  const causale = input.replace(/\s+/g, ' ').trim()
  if (causale === '') return fail('pagopa.causale.missing')
  if (causale.length > CAUSALE_MAX) return fail('pagopa.causale.tooLong', { max: CAUSALE_MAX, length: causale.length })
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(causale)) return fail('pagopa.causale.unprintable')
  return ok({ causale })
}
