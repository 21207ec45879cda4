import type Database from 'better-sqlite3'
import type { z } from 'zod'
import { STATUS_GROUPS, type DueCount, type DueFilters, type DueSummary, type PositionStatus, type SearchDuesInput, type SearchDuesResult, type SearchMatch } from '../../contract/dues'
import type { Message } from '../../contract/messages'
import { classifyQuery } from './query-kind'
import { facetsQuery, wordsQuery } from './search-facets'
import { createPlanner, type PlanLimits, type Planner, type Selection } from './search-plan'

/** The search's input as validated; count may be left out (counted, as before it existed). */
export type SearchParams = Omit<z.output<typeof SearchDuesInput>, 'count'> & { count?: boolean }
export type DueFiltersParams = z.output<typeof DueFilters>

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

/** The conditions the filters add to whatever the search text selected. */
/** The statuses the filters keep; null: any. */
function statusesOf(params: DueFiltersParams): readonly PositionStatus[] | null {
  return params.statuses?.length ? params.statuses : params.status !== 'all' ? STATUS_GROUPS[params.status] : null
}

function filterConditions(params: DueFiltersParams): { where: string[]; args: unknown[] } {
  const where: string[] = []
  const args: unknown[] = []
  const statuses = statusesOf(params)
  if (statuses) {
    where.push(`p.status IN (${statuses.map(() => '?').join(', ')})`)
    args.push(...statuses)
  }
  if (params.dueTypeCode) {
    where.push('p.due_type_id = (SELECT id FROM due_types WHERE code = ?)')
    args.push(params.dueTypeCode)
  }
  if (params.dueFrom) {
    where.push('p.due_date >= ?')
    args.push(params.dueFrom)
  }
  if (params.dueTo) {
    where.push('p.due_date <= ?')
    args.push(params.dueTo)
  }
  // Payment dates are date-times: a day range runs to the start of the next day.
  if (params.paidFrom) {
    where.push('p.paid_at >= ?')
    args.push(params.paidFrom)
  }
  if (params.paidTo) {
    where.push('p.paid_at < ?')
    args.push(nextDay(params.paidTo))
  }
  if (params.amountMin !== undefined) {
    where.push('p.amount_cents >= ?')
    args.push(params.amountMin)
  }
  if (params.amountMax !== undefined) {
    where.push('p.amount_cents <= ?')
    args.push(params.amountMax)
  }
  if (params.debtorType) {
    where.push('p.debtor_type = ?')
    args.push(params.debtorType)
  }
  return { where, args }
}

const SUMMARY_COLUMNS = `p.id, p.iupd, p.status, p.debtor_type AS debtorType, p.debtor_name AS debtorName,
  p.debtor_fiscal_code AS debtorFiscalCode, t.code AS dueTypeCode, t.label AS dueTypeLabel, p.causale,
  p.amount_cents AS amountCents, p.due_date AS dueDate, p.paid_at AS paidAt`

type SummaryRow = Omit<DueSummary, 'noticeNumber' | 'iuv' | 'installments'>

/** The search's statements, prepared once; queries built from filters are prepared on first use and kept. */
function prepareSearch(sqlite: Database.Database) {
  const byNav = sqlite.prepare<[string], { position_id: number }>('SELECT position_id FROM payment_options WHERE nav = ?')
  const byIuv = sqlite.prepare<[string], { position_id: number; nav: string }>('SELECT position_id, nav FROM payment_options WHERE iuv = ?')
  // IUPDs are case-sensitive in GPD, but operators type them in any case: try both exact forms,
  // which keeps the unique index usable (a NOCASE comparison would scan the table).
  const byIupd = sqlite.prepare<[string, string], { id: number }>('SELECT id FROM positions WHERE iupd IN (?, ?)')
  const dueTypeId = sqlite.prepare<[string], number>('SELECT id FROM due_types WHERE code = ?').pluck()
  const optionsOf = sqlite.prepare<[string], { position_id: number; nav: string; iuv: string; installment_no: number }>(
    // No ORDER BY: sorting a page's few options costs more in SQLite than picking the first here.
    `SELECT position_id, nav, iuv, installment_no FROM payment_options
     WHERE position_id IN (SELECT value FROM json_each(?))`
  )
  const summariesOf = sqlite.prepare<[string], SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM positions p LEFT JOIN due_types t ON t.id = p.due_type_id
     WHERE p.id IN (SELECT value FROM json_each(?))`
  )
  // Queries built from the filters, prepared on first use and kept; the caller names the row type.
  const statements = new Map<string, Database.Statement<unknown[], unknown>>()
  const prepared = <Row>(sql: string): Database.Statement<unknown[], Row> => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = sqlite.prepare<unknown[], unknown>(sql)
      statements.set(sql, statement)
    }
    return statement as Database.Statement<unknown[], Row>
  }

  return { byNav, byIuv, byIupd, dueTypeId, optionsOf, summariesOf, prepared }
}
type SearchStatements = ReturnType<typeof prepareSearch>

/**
 * The text's selection with the filters' conditions; words are matched in the index together
 * with the filters' index terms (search-facets.ts), which only narrow what the conditions keep.
 */
function selection(st: SearchStatements, filter: Selection, params: DueFiltersParams): Selection {
  const extra = filterConditions(params)
  const narrowed = { ...filter, where: [...filter.where, ...extra.where], args: [...filter.args, ...extra.args] }
  if (!filter.match) return narrowed
  const facets = facetsQuery({
    statuses: statusesOf(params),
    ...(params.dueTypeCode ? { dueTypeId: st.dueTypeId.get(params.dueTypeCode) ?? null } : {}),
    dueFrom: params.dueFrom,
    dueTo: params.dueTo
  })
  return facets ? { ...narrowed, match: `${filter.match} AND ${facets}` } : narrowed
}

function run(st: SearchStatements, planner: Planner, filter: Selection, params: SearchParams, matchedBy: SearchMatch, matchedNav?: string): SearchDuesResult {
  const s = selection(st, filter, params)
  const offset = (params.page - 1) * params.pageSize
  const { ids, total, bound } = planner.search(s, params.sort, params.direction, params.pageSize, offset, params.count ?? true)
  return { rows: complete(st, ids, matchedNav), total, ...(bound ? { totalBound: bound } : {}), page: params.page, pageSize: params.pageSize, matchedBy }
}

/** The page's rows with their notice numbers; the option a code matched is named (the citizen's installment). */
function complete(st: SearchStatements, ids: number[], matchedNav?: string): DueSummary[] {
  if (ids.length === 0) return []
  const idsJson = JSON.stringify(ids)
  const byId = new Map(st.summariesOf.all(idsJson).map((r) => [r.id, r]))
  const rows = ids.map((id) => byId.get(id)!).filter(Boolean)
  // Each row shows its first option (the single payment, else installment 1) and how many installments it has.
  const options = new Map<number, { nav: string; iuv: string; installmentNo: number; installments: number }>()
  const matched = new Map<number, { nav: string; installmentNo: number }>()
  for (const o of st.optionsOf.all(idsJson)) {
    if (o.nav === matchedNav) matched.set(o.position_id, { nav: o.nav, installmentNo: o.installment_no })
    const entry = options.get(o.position_id)
    const installment = o.installment_no > 0 ? 1 : 0
    if (!entry) options.set(o.position_id, { nav: o.nav, iuv: o.iuv, installmentNo: o.installment_no, installments: installment })
    else {
      entry.installments += installment
      if (o.installment_no < entry.installmentNo) Object.assign(entry, { nav: o.nav, iuv: o.iuv, installmentNo: o.installment_no })
    }
  }
  return rows.map((r) => {
    const o = options.get(r.id)
    const m = matched.get(r.id)
    return { ...r, noticeNumber: o?.nav ?? '', iuv: o?.iuv ?? '', installments: o?.installments ?? 0, ...(m ? { matched: m } : {}) }
  })
}

const idsFilter = (ids: number[]): Selection => ({
  where: [`p.id IN (${ids.map(() => '?').join(', ') || 'NULL'})`],
  args: ids,
  exact: true
})
const textFilter = (words: string[]): Selection => ({ words, match: wordsQuery(words), where: [], args: [] })

function filterFor<P extends DueFiltersParams>(st: SearchStatements, params: P): { filter: Selection; matchedBy: SearchMatch; params: P; scanError?: Message; matchedNav?: string } {
  const query = classifyQuery(params.text)
  switch (query.kind) {
    case 'all':
      return { filter: { where: [], args: [] }, matchedBy: 'all', params }
    case 'noticeNumber':
      return { filter: idsFilter(st.byNav.all(query.nav).map((r) => r.position_id)), matchedBy: 'noticeNumber', params, matchedNav: query.nav }
    case 'scan':
      // A scanned notice means "this one": whatever the filters, it is shown.
      return { filter: idsFilter(st.byNav.all(query.nav).map((r) => r.position_id)), matchedBy: query.source, params: { ...params, status: 'all', statuses: undefined }, matchedNav: query.nav }
    case 'badScan':
      return { filter: idsFilter([]), matchedBy: 'text', params, scanError: query.reason }
    case 'iuv': {
      const found = st.byIuv.all(query.iuv)
      return { filter: idsFilter(found.map((r) => r.position_id)), matchedBy: 'iuv', params, ...(found[0] ? { matchedNav: found[0].nav } : {}) }
    }
    case 'fiscalCode':
      return { filter: { where: ['p.debtor_fiscal_code = ?'], args: [query.fiscalCode], exact: true }, matchedBy: 'fiscalCode', params }
    case 'iupdOrText': {
      const ids = st.byIupd.all(query.iupd, query.iupd.toUpperCase()).map((r) => r.id)
      if (ids.length > 0 || query.words.length === 0) return { filter: idsFilter(ids), matchedBy: 'iupd', params }
      return { filter: textFilter(query.words), matchedBy: 'text', params }
    }
    case 'text':
      return { filter: query.words.length === 0 ? idsFilter([]) : textFilter(query.words), matchedBy: 'text', params }
  }
}

/**
 * Searches the local cache. Exact codes use their unique indexes; words use the FTS5 index on
 * debtor name and causale, or a walk along the order's index when they are common (see
 * search-plan.ts). Pages are cut by ids first, and only the rows of the page are then read in
 * full and completed with their notice numbers, so a broad query does not pay for rows it will
 * not show.
 */
export function createDueSearch(sqlite: Database.Database, limits?: PlanLimits) {
  const st = prepareSearch(sqlite)
  const planner = createPlanner(sqlite, st.prepared, limits)
  function search(input: SearchParams): SearchDuesResult {
    const { filter, matchedBy, params, scanError, matchedNav } = filterFor(st, input)
    const result = run(st, planner, filter, params, matchedBy, matchedNav)
    return scanError ? { ...result, scanError } : result
  }

  /** How many dues a search finds: exactly, or 'over' a round figure where counting costs more. */
  function count(input: DueFiltersParams): DueCount {
    const { filter, params } = filterFor(st, input)
    const { total, bound } = planner.count(selection(st, filter, params))
    return bound ? { total, totalBound: bound } : { total }
  }

  /** All matching dues, in the search's order, in chunks (for exports). */
  function* all(input: DueFiltersParams, chunk = 1_000): Generator<DueSummary[]> {
    const { filter, params } = filterFor(st, input)
    const s = selection(st, filter, params)
    for (let offset = 0; ; offset += chunk) {
      const ids = planner.slice(s, params.sort, params.direction, chunk, offset)
      if (ids.length === 0) return
      yield complete(st, ids)
      if (ids.length < chunk) return
    }
  }

  return Object.assign(search, { all, count })
}
export type DueSearch = ReturnType<typeof createDueSearch>
