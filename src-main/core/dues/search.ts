import type Database from 'better-sqlite3'
import { STATUS_GROUPS, type DueSummary, type SearchDuesResult, type SearchMatch, type StatusGroup } from '../../contract/dues'
import { classifyQuery, ftsQuery } from './query-kind'

export interface SearchParams {
  text: string
  status: StatusGroup
  page: number
  pageSize: number
}

interface Filter {
  /** FROM clause: positions p, possibly joined with what narrows it. */
  from: string
  /** A cheaper FROM for counting when no status filter needs the positions table. */
  countFrom?: string
  where: string[]
  args: unknown[]
}

const SUMMARY_COLUMNS = `p.id, p.iupd, p.status, p.debtor_type AS debtorType, p.debtor_name AS debtorName,
  p.debtor_fiscal_code AS debtorFiscalCode, t.code AS dueTypeCode, t.label AS dueTypeLabel, p.causale,
  p.amount_cents AS amountCents, p.due_date AS dueDate, p.paid_at AS paidAt`

type SummaryRow = Omit<DueSummary, 'noticeNumber' | 'iuv' | 'installments'>

/**
 * Searches the local cache. Exact codes use their unique indexes; words use the FTS5 index on
 * debtor name and causale. Pages are cut by ids first, and only the rows of the page are then
 * read in full and completed with their notice numbers, so a broad query does not pay for rows it
 * will not show.
 */
export function createDueSearch(sqlite: Database.Database) {
  const byNav = sqlite.prepare<[string], { position_id: number }>('SELECT position_id FROM payment_options WHERE nav = ?')
  const byIuv = sqlite.prepare<[string], { position_id: number }>('SELECT position_id FROM payment_options WHERE iuv = ?')
  // IUPDs are case-sensitive in GPD, but operators type them in any case: try both exact forms,
  // which keeps the unique index usable (a NOCASE comparison would scan the table).
  const byIupd = sqlite.prepare<[string, string], { id: number }>('SELECT id FROM positions WHERE iupd IN (?, ?)')
  const optionsOf = sqlite.prepare<[string], { position_id: number; nav: string; iuv: string; installment_no: number }>(
    `SELECT position_id, nav, iuv, installment_no FROM payment_options
     WHERE position_id IN (SELECT value FROM json_each(?)) ORDER BY position_id, installment_no`
  )
  const summariesOf = sqlite.prepare<[string]>(
    `SELECT ${SUMMARY_COLUMNS} FROM positions p LEFT JOIN due_types t ON t.id = p.due_type_id
     WHERE p.id IN (SELECT value FROM json_each(?))`
  )
  const statements = new Map<string, Database.Statement>()
  const prepared = (sql: string) => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = sqlite.prepare(sql)
      statements.set(sql, statement)
    }
    return statement
  }

  function run(filter: Filter, params: SearchParams, matchedBy: SearchMatch): SearchDuesResult {
    const where = [...filter.where]
    const args = [...filter.args]
    if (params.status !== 'all') {
      const statuses = STATUS_GROUPS[params.status]
      where.push(`p.status IN (${statuses.map(() => '?').join(', ')})`)
      args.push(...statuses)
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const countFrom = params.status === 'all' && filter.countFrom ? filter.countFrom : filter.from
    const total = (prepared(`SELECT count(*) AS n FROM ${countFrom} ${whereSql}`).get(...args) as { n: number }).n
    // Cut the page on ids alone: joins and wide columns here would make SQLite sort whole rows.
    const ids = prepared(`SELECT p.id FROM ${filter.from} ${whereSql} ORDER BY p.due_date DESC, p.id DESC LIMIT ? OFFSET ?`)
      .pluck()
      .all(...args, params.pageSize, (params.page - 1) * params.pageSize) as number[]
    return { rows: complete(ids), total, page: params.page, pageSize: params.pageSize, matchedBy }
  }

  function complete(ids: number[]): DueSummary[] {
    if (ids.length === 0) return []
    const idsJson = JSON.stringify(ids)
    const byId = new Map((summariesOf.all(idsJson) as SummaryRow[]).map((r) => [r.id, r]))
    const rows = ids.map((id) => byId.get(id)!).filter(Boolean)
    const options = new Map<number, { nav: string; iuv: string; installments: number }>()
    for (const o of optionsOf.all(idsJson)) {
      const entry = options.get(o.position_id)
      if (!entry) options.set(o.position_id, { nav: o.nav, iuv: o.iuv, installments: o.installment_no > 0 ? 1 : 0 })
      else if (o.installment_no > 0) entry.installments += 1
    }
    return rows.map((r) => {
      const o = options.get(r.id)
      return { ...r, noticeNumber: o?.nav ?? '', iuv: o?.iuv ?? '', installments: o?.installments ?? 0 }
    })
  }

  const idsFilter = (ids: number[]): Filter => ({
    from: 'positions p',
    where: [`p.id IN (${ids.map(() => '?').join(', ') || 'NULL'})`],
    args: ids
  })
  const textFilter = (words: string[]): Filter => ({
    from: 'positions_fts f JOIN positions p ON p.id = f.rowid',
    countFrom: 'positions_fts f',
    where: ['positions_fts MATCH ?'],
    args: [ftsQuery(words)]
  })

  return function search(params: SearchParams): SearchDuesResult {
    const query = classifyQuery(params.text)
    switch (query.kind) {
      case 'all':
        return run({ from: 'positions p', where: [], args: [] }, params, 'all')
      case 'noticeNumber':
        return run(idsFilter(byNav.all(query.nav).map((r) => r.position_id)), params, 'noticeNumber')
      case 'scan':
        // A scanned notice means "this one": whatever its status, it is shown.
        return run(idsFilter(byNav.all(query.nav).map((r) => r.position_id)), { ...params, status: 'all' }, query.source)
      case 'badScan':
        return { ...run(idsFilter([]), params, 'text'), scanError: query.reason }
      case 'iuv':
        return run(idsFilter(byIuv.all(query.iuv).map((r) => r.position_id)), params, 'iuv')
      case 'fiscalCode':
        return run({ from: 'positions p', where: ['p.debtor_fiscal_code = ?'], args: [query.fiscalCode] }, params, 'fiscalCode')
      case 'iupdOrText': {
        const ids = byIupd.all(query.iupd, query.iupd.toUpperCase()).map((r) => r.id)
        if (ids.length > 0 || query.words.length === 0) return run(idsFilter(ids), params, 'iupd')
        return run(textFilter(query.words), params, 'text')
      }
      case 'text':
        if (query.words.length === 0) return run(idsFilter([]), params, 'text')
        return run(textFilter(query.words), params, 'text')
    }
  }
}
