// The filters of Cerca dovuti as terms of the full-text index (migration 0015): a position's
// status, due type and due month are tokens of its search_facets column, written by the
// positions_search view. Given with the words, they let the index intersect the lists of both
// and hand the search only the rows that have both (search-plan.ts), instead of every row of
// the word or of the filter. They narrow only: the filters' own SQL conditions still apply.
import type { PositionStatus } from '../../contract/dues'
import { ftsQuery } from '../db/fts'

/** The words, in the columns that hold words: a word never matches a filter token. */
export function wordsQuery(words: string[]): string {
  return `{debtor_name causale} : (${ftsQuery(words)})`
}

const statusToken = (status: PositionStatus) => `s${status.toLowerCase().replace(/_/g, '')}`

/** Beyond this many months a due-date range narrows too little to be worth its terms. */
const MAX_MONTHS = 24

/** yyyy-mm of each month the range touches, or null when it is open or long. */
function monthsOf(from: string | undefined, to: string | undefined): string[] | null {
  if (!from || !to || from > to) return null
  const months: string[] = []
  let year = Number(from.slice(0, 4))
  let month = Number(from.slice(5, 7))
  const last = to.slice(0, 7)
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`
    if (current > last) return months
    if (months.push(current) > MAX_MONTHS) return null
    if (++month > 12) {
      month = 1
      year += 1
    }
  }
}

export interface FacetFilters {
  statuses: readonly PositionStatus[] | null
  /** The due type's id; null: a code no type has (nothing matches), undefined: any type. */
  dueTypeId?: number | null
  dueFrom?: string | undefined
  dueTo?: string | undefined
}

/** The index terms the filters imply, ANDed; '' when none narrows. */
export function facetsQuery(filters: FacetFilters): string {
  const terms: string[] = []
  if (filters.statuses?.length) terms.push(`search_facets : (${filters.statuses.map(statusToken).join(' OR ')})`)
  if (filters.dueTypeId !== undefined) terms.push(`search_facets : t${filters.dueTypeId ?? 'none'}`)
  const months = monthsOf(filters.dueFrom, filters.dueTo)
  if (months) terms.push(`search_facets : (${months.map((m) => `m${m.replace('-', '')}`).join(' OR ')})`)
  return terms.join(' AND ')
}
