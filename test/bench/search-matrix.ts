// The search figures of `npm run bench` (issue 13): on a million-due cache, the first page of
// typical desk queries in every order the screen offers, with and without filters, each against
// the plain query an engineer would write first: LIKE '%…%' on the same columns, with the same
// filters, ORDER BY and LIMIT, on the same connection. Both give the page the screen shows: the
// rows' columns and their notice numbers. Ours is the page as the screen asks for it (count:
// false); the count that follows it (dues.count) is timed too and shown beside it.
import type Database from 'better-sqlite3'
import { SORT_KEYS, STATUS_GROUPS, SearchDuesInput, type SearchDuesInput as SearchInput, type SortKey } from '../../src-main/contract/dues'
import { createDueSearch } from '../../src-main/core/dues/search'
import { orderBy } from '../../src-main/core/dues/search-plan'
import { median, type Figure } from './figure'

/** Median of a few runs after one to warm the statement cache and the pages. */
export function timeIt(work: () => unknown, runs = 7): number {
  work()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    work()
    times.push(performance.now() - started)
  }
  return median(times)
}

/**
 * The plain page: the rows' columns by LIKE, then the notice numbers of those rows, as a first
 * version of the screen would read them.
 */
function plainPage(sqlite: Database.Database, where: string[], order: string) {
  const rows = sqlite.prepare<unknown[], { id: number }>(
    `SELECT p.id, p.iupd, p.status, p.debtor_type, p.debtor_name, p.debtor_fiscal_code, t.code, t.label, p.causale, p.amount_cents, p.due_date, p.paid_at
     FROM positions p LEFT JOIN due_types t ON t.id = p.due_type_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT 25`
  )
  const options = new Map<number, Database.Statement>()
  return (...args: unknown[]) => {
    const page = rows.all(...args)
    if (page.length === 0) return page
    let statement = options.get(page.length)
    if (!statement) {
      statement = sqlite.prepare(`SELECT position_id, nav, iuv, installment_no FROM payment_options WHERE position_id IN (${page.map(() => '?').join(', ')}) ORDER BY position_id, installment_no`)
      options.set(page.length, statement)
    }
    return [page, statement.all(...page.map((r) => r.id))]
  }
}

interface FilterCase {
  name: string
  input: Partial<SearchInput>
  /** The same filter as plain SQL on positions. */
  where: string[]
  args: unknown[]
}

const PENDING = STATUS_GROUPS.pending
const FILTERS: FilterCase[] = [
  { name: 'nessun filtro', input: {}, where: [], args: [] },
  { name: 'Da pagare', input: { status: 'pending' }, where: [`status IN (${PENDING.map(() => '?').join(', ')})`], args: [...PENDING] },
  { name: 'scadenza in marzo 2026', input: { dueFrom: '2026-03-01', dueTo: '2026-03-31' }, where: ['due_date >= ?', 'due_date <= ?'], args: ['2026-03-01', '2026-03-31'] },
  { name: 'tipo TARI, Da pagare', input: { dueTypeCode: 'TARI', status: 'pending' }, where: ["due_type_id = (SELECT id FROM due_types WHERE code = 'TARI')", `status IN (${PENDING.map(() => '?').join(', ')})`], args: [...PENDING] }
]

const SORT_NAMES: Record<SortKey, string> = { dueDate: 'scadenza', amount: 'importo', debtor: 'debitore', status: 'stato', paidAt: 'data di pagamento', insertedAt: 'data di inserimento' }

/** texts: words, every filter and order; codes: a fiscal code and a notice number, default order. */
export function benchSearchMatrix(sqlite: Database.Database, dues: number, texts: string[], codes: string[]): Figure[] {
  const search = createDueSearch(sqlite)
  const figures: Figure[] = []
  for (const code of codes) {
    const params = SearchDuesInput.parse({ text: code, pageSize: 25, count: false })
    const ms = timeIt(() => search(params))
    const compact = code.replace(/\s+/g, '')
    const like = /^\d+$/.test(compact)
      ? plainPage(sqlite, ['p.id IN (SELECT position_id FROM payment_options WHERE nav LIKE ?)'], 'p.due_date DESC, p.id DESC')
      : plainPage(sqlite, ['p.debtor_fiscal_code LIKE ?'], 'p.due_date DESC, p.id DESC')
    const baseMs = timeIt(() => like(`%${compact}%`), 3)
    figures.push({
      name: `Ricerca su ${dues.toLocaleString('it-IT')} dovuti: ${/^\d+$/.test(compact) ? 'numero avviso con spazi' : 'codice fiscale'}`,
      value: Number(ms.toFixed(2)),
      unit: 'ms (mediana, la pagina)',
      baseline: `LIKE '%…%' sulla colonna, stesso ORDER BY e LIMIT 25, con i numeri avviso della pagina`,
      baselineValue: Number(baseMs.toFixed(2)),
      ratio: Number((ms / baseMs).toPrecision(2)),
      target: '< 50 ms e ≤ 1,5×',
      note: `${search(params).total} risultati`
    })
  }
  for (const text of texts) {
    for (const filter of FILTERS) {
      for (const sort of SORT_KEYS) {
        const params = SearchDuesInput.parse({ text, ...filter.input, sort, direction: 'desc', pageSize: 25, count: false })
        const ms = timeIt(() => search(params))
        const words = text ? [`(p.debtor_name LIKE ? OR p.causale LIKE ?)`] : []
        const like = plainPage(sqlite, [...words, ...filter.where], orderBy(sort, 'desc'))
        const likeArgs = [...(text ? [`%${text}%`, `%${text}%`] : []), ...filter.args]
        const baseMs = timeIt(() => like(...likeArgs), 3)
        const page = search(params)
        const countMs = page.totalBound === 'pending' ? timeIt(() => search.count(params), 3) : 0
        const result = page.totalBound === 'pending' ? { ...page, ...search.count(params) } : page
        figures.push({
          name: `Ricerca su ${dues.toLocaleString('it-IT')} dovuti: ${text ? `«${text}»` : 'tutti'}, ${filter.name}, per ${SORT_NAMES[sort]}`,
          value: Number(ms.toFixed(2)),
          unit: 'ms (mediana, la pagina)',
          baseline: `LIKE '%…%' con gli stessi filtri, ORDER BY e LIMIT 25, con i numeri avviso della pagina`,
          baselineValue: Number(baseMs.toFixed(2)),
          ratio: Number((ms / baseMs).toPrecision(2)),
          target: '< 50 ms e ≤ 1,5×',
          note: `${result.totalBound === 'over' ? 'oltre ' : ''}${result.total} risultati${countMs ? `; il conteggio dopo la pagina ${countMs.toFixed(1)} ms` : ''}`
        })
      }
    }
  }
  return figures
}
