// The search figures of `npm run bench` (issue 13): on a million-due cache, the first page of
// typical desk queries in every order the screen offers, with and without filters, each against
// the plain query an engineer would write first: LIKE '%…%' on the same columns, with the same
// filters, ORDER BY and LIMIT, on the same connection.
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
    const params = SearchDuesInput.parse({ text: code, pageSize: 25 })
    const ms = timeIt(() => search(params))
    const compact = code.replace(/\s+/g, '')
    const like = /^\d+$/.test(compact)
      ? sqlite.prepare('SELECT p.id FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE o.nav LIKE ? ORDER BY p.due_date DESC, p.id DESC LIMIT 25')
      : sqlite.prepare('SELECT p.id FROM positions p WHERE p.debtor_fiscal_code LIKE ? ORDER BY p.due_date DESC, p.id DESC LIMIT 25')
    const baseMs = timeIt(() => like.all(`%${compact}%`), 3)
    figures.push({
      name: `Ricerca su ${dues.toLocaleString('it-IT')} dovuti: ${/^\d+$/.test(compact) ? 'numero avviso con spazi' : 'codice fiscale'}`,
      value: Number(ms.toFixed(2)),
      unit: 'ms (mediana, pagina e conteggio)',
      baseline: `LIKE '%…%' sulla colonna, stesso ORDER BY e LIMIT 25`,
      baselineValue: Number(baseMs.toFixed(2)),
      ratio: Number((ms / baseMs).toPrecision(2)),
      target: '< 50 ms e ≤ 1,5×',
      note: `${search(params).total} risultati`
    })
  }
  for (const text of texts) {
    for (const filter of FILTERS) {
      for (const sort of SORT_KEYS) {
        const params = SearchDuesInput.parse({ text, ...filter.input, sort, direction: 'desc', pageSize: 25 })
        const ms = timeIt(() => search(params))
        const words = text ? [`(debtor_name LIKE ? OR causale LIKE ?)`] : []
        const where = [...words, ...filter.where]
        const like = sqlite.prepare(`SELECT p.id FROM positions p ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy(sort, 'desc')} LIMIT 25`)
        const likeArgs = [...(text ? [`%${text}%`, `%${text}%`] : []), ...filter.args]
        const baseMs = timeIt(() => like.all(...likeArgs), 3)
        const result = search(params)
        figures.push({
          name: `Ricerca su ${dues.toLocaleString('it-IT')} dovuti: ${text ? `«${text}»` : 'tutti'}, ${filter.name}, per ${SORT_NAMES[sort]}`,
          value: Number(ms.toFixed(2)),
          unit: 'ms (mediana, pagina e conteggio)',
          baseline: `LIKE '%…%' con gli stessi filtri, ORDER BY e LIMIT 25`,
          baselineValue: Number(baseMs.toFixed(2)),
          ratio: Number((ms / baseMs).toPrecision(2)),
          target: '< 50 ms e ≤ 1,5×',
          note: `${result.totalBound === 'over' ? 'oltre ' : result.totalBound === 'atLeast' ? 'almeno ' : ''}${result.total} risultati`
        })
      }
    }
  }
  return figures
}
