// How a page of Cerca dovuti is found, chosen per query (issue 13). On a million dues no single
// plan is fast for every query:
// - a common word ("rossi", "verbale") matches tens of thousands of rows: sorting them all to show
//   25 is slow, while walking the index of the chosen order and testing each row stops at the
//   25th match after a few hundred rows;
// - a rare word matches a few rows: the full-text index finds them at once, where the walk
//   would read the whole table.
// The walk is tried first with a budget of rows it may read. When it runs out, the rows each
// remaining plan would read are counted (cheaply, in the indexes): the matches of the words for
// the full-text path, the rows the filters select (a narrow date range, a due type) for SQLite's
// plan over their indexes; the cheaper runs. Every offered order has an index that serves it, so
// the walk can stop early whatever the order.
// Counting stops at a cap (PLAN_LIMITS): beyond it the page says "oltre 10.000"; an exact count
// of a common word would cost more than the page.
import type Database from 'better-sqlite3'
import type { SortKey, TotalBound } from '../../contract/dues'
import { foldWords, wordsMatch } from '../db/fts-words'

export interface PlanLimits {
  /** Rows a walk may read before another plan is tried: a few milliseconds. */
  walkBudget: number
  /** Below this many full-text matches, sorting them all is cheaper than any walk. */
  fewMatches: number
  /** Rows a count may read before it settles for "over" what it has counted. */
  countBudget: number
  /** Beyond this many matches the page says "oltre 10.000". */
  countCap: number
}

/** Measured on a million dues on the 2-core machines (npm run bench); tests pass smaller ones. */
/** Where counting rows to choose a plan stops: any plan reading more is slow anyway. */
const MANY_ROWS = 200_000

export const PLAN_LIMITS: PlanLimits = { walkBudget: 4_000, fewMatches: 4_000, countBudget: 6_000, countCap: 10_000 }

/** Each offered order, and the index that yields rows in it (ties broken by id, as the index does). */
export const SORT_ORDERS: Record<SortKey, { columns: string[]; index: string }> = {
  dueDate: { columns: ['p.due_date'], index: 'positions_due_idx' },
  amount: { columns: ['p.amount_cents'], index: 'positions_amount_idx' },
  debtor: { columns: ['p.debtor_name'], index: 'positions_debtor_name_idx' },
  status: { columns: ['p.status', 'p.due_date'], index: 'positions_status_due_idx' },
  paidAt: { columns: ['p.paid_at'], index: 'positions_paid_idx' },
  insertedAt: { columns: ['p.inserted_at'], index: 'positions_inserted_idx' }
}

export function orderBy(sort: SortKey, direction: 'asc' | 'desc'): string {
  const dir = direction === 'asc' ? 'ASC' : 'DESC'
  return [...SORT_ORDERS[sort].columns, 'p.id'].map((c) => `${c} ${dir}`).join(', ')
}

class OverBudget extends Error {}

/**
 * SQL functions the plans use, registered once per connection: desk_words(name, causale, words)
 * tests a row as the full-text index would; desk_row(id) counts the rows a statement reads and
 * stops it when its budget is spent.
 */
export interface PlanFunctions {
  /** Runs a statement with a budget of rows; null when the budget ran out first. */
  within<T>(rows: number, run: () => T): T | null
  /** How many times desk_hit() ran in the last statement run within(): the matches counted. */
  hits(): number
}

/** A figure the operator can read, at most the one given: 2.966 → 2.900, 94.465 → 10.000 (the cap). */
function roundedDown(n: number, cap: number): number {
  if (n >= cap) return cap
  const step = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, n))) - 1)
  return Math.floor(n / step) * step
}

const registered = new WeakMap<Database.Database, PlanFunctions>()

export function planFunctions(sqlite: Database.Database): PlanFunctions {
  const known = registered.get(sqlite)
  if (known) return known
  let read = 0
  let hits = 0
  let budget = Infinity
  sqlite.function('desk_row', { deterministic: false, varargs: true }, () => {
    if (++read > budget) throw new OverBudget()
    return 1
  })
  sqlite.function('desk_hit', { deterministic: false }, () => {
    hits++
    return 1
  })
  // The words arrive as one JSON argument, the same for every row of a statement: parsed once.
  let lastKey = ''
  let lastWords: string[] = []
  sqlite.function('desk_words', { deterministic: true }, (name: unknown, causale: unknown, key: unknown) => {
    if (key !== lastKey) {
      lastKey = String(key)
      lastWords = foldWords(JSON.parse(lastKey) as string[])
    }
    return wordsMatch(lastWords, name as string | null, causale as string | null) ? 1 : 0
  })
  const functions: PlanFunctions = {
    hits: () => hits,
    within(rows, run) {
      read = 0
      hits = 0
      budget = rows
      try {
        return run()
      } catch (error) {
        if (error instanceof OverBudget) return null
        throw error
      } finally {
        budget = Infinity
      }
    }
  }
  registered.set(sqlite, functions)
  return functions
}

/** What the search text and the filters select, as SQL pieces. */
export interface Selection {
  /** The words typed (full-text), if any. */
  words?: string[]
  /** The FTS5 query of the words. */
  match?: string
  /** Conditions on positions p besides the words. */
  where: string[]
  args: unknown[]
  /** A short list of ids (codes, fiscal code): SQLite's plan is always right, no planning. */
  exact?: boolean
}

type Prepare = <Row>(sql: string) => Database.Statement<unknown[], Row>

export interface PagePlan {
  ids: number[]
  /** Which plan answered: for the bench and the tests. */
  plan: 'walk' | 'fts' | 'filters' | 'exact'
}

const whereSql = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '')

// eslint-disable-next-line no-control-regex -- plain ASCII, control characters included
const ASCII_WORD = /^[\x00-\x7f]+$/

/**
 * A cheaper test than desk_words that lets every match through, run by SQLite itself before it:
 * a row whose name and causale are plain ASCII can only match words that appear in them, as
 * LIKE finds them (ASCII case folded, like the index's tokens). A row with any other character
 * (an accent the index folds away: "CITTÀ" for "citta") goes on to desk_words. Words are tokens
 * (letters and digits), so they hold no LIKE wildcard. None when a word is not ASCII itself.
 */
function likeSieve(words: string[]): { where: string[]; args: unknown[] } {
  const folded = foldWords(words)
  if (!folded.every((w) => ASCII_WORD.test(w))) return { where: [], args: [] }
  const like = folded.map(() => '(p.debtor_name LIKE ? OR p.causale LIKE ?)').join(' AND ')
  const notAscii = 'length(p.debtor_name) < octet_length(p.debtor_name) OR length(p.causale) < octet_length(p.causale)'
  return { where: [`((${like}) OR ${notAscii})`], args: folded.flatMap((w) => [`%${w}%`, `%${w}%`]) }
}

/** The full-text index's test of the words on a row p, as SQL: the LIKE sieve, then desk_words. */
export function wordsCondition(words: string[]): { where: string[]; args: unknown[] } {
  const sieve = likeSieve(words)
  return { where: [...sieve.where, 'desk_words(p.debtor_name, p.causale, ?)'], args: [...sieve.args, JSON.stringify(words)] }
}

export function createPlanner(sqlite: Database.Database, prepared: Prepare, limits: PlanLimits = PLAN_LIMITS) {
  const fns = planFunctions(sqlite)
  const { walkBudget, fewMatches, countBudget, countCap } = limits

  /** The rows' own test of the words, last, after the cheaper conditions. */
  function wordTest(s: Selection): { where: string[]; args: unknown[] } {
    return s.words ? wordsCondition(s.words) : { where: [], args: [] }
  }

  /** The rows SQLite would read walking the order's index with no filter, up to a cap. */
  function rowsUpTo(cap: number): number {
    return prepared<number>('SELECT count(*) FROM (SELECT 1 FROM positions LIMIT ?)').pluck().get(cap)!
  }

  function walk(s: Selection, sort: SortKey, direction: 'asc' | 'desc', limit: number, offset: number, budget: number): number[] | null {
    const words = wordTest(s)
    if (s.where.length === 0) {
      // No filter: the budget is a LIMIT on the index walk, and no function runs for the rows the
      // sieve turns away. SQLite reads the walk as a co-routine in its order and stops at the page.
      const columns = [...new Set(['p.id', 'p.debtor_name', 'p.causale', ...SORT_ORDERS[sort].columns])]
      const sql = `SELECT p.id FROM (SELECT ${columns.join(', ')} FROM positions p INDEXED BY ${SORT_ORDERS[sort].index}
        ORDER BY ${orderBy(sort, direction)} LIMIT ?) AS p ${whereSql(words.where)} ORDER BY ${orderBy(sort, direction)} LIMIT ? OFFSET ?`
      const ids = prepared<number>(sql).pluck().all(budget, ...words.args, limit, offset)
      // A short page is the end of the matches only if the walk reached the end of the table.
      return ids.length < limit && rowsUpTo(budget + 1) > budget ? null : ids
    }
    const sql = `SELECT p.id FROM positions p INDEXED BY ${SORT_ORDERS[sort].index}
      ${whereSql(['desk_row(p.id)', ...s.where, ...words.where])} ORDER BY ${orderBy(sort, direction)} LIMIT ? OFFSET ?`
    return fns.within(budget, () => prepared<number>(sql).pluck().all(...s.args, ...words.args, limit, offset))
  }

  /** SQLite's own plan over the filters' indexes, the words tested on each row. */
  function filtersFirst(s: Selection, sort: SortKey, direction: 'asc' | 'desc', limit: number, offset: number): number[] {
    const words = wordTest(s)
    const sql = `SELECT p.id FROM positions p ${whereSql([...s.where, ...words.where])} ORDER BY ${orderBy(sort, direction)} LIMIT ? OFFSET ?`
    return prepared<number>(sql).pluck().all(...s.args, ...words.args, limit, offset)
  }

  /** Every full-text match, filtered and sorted: its cost is the number of matches. */
  function fullText(s: Selection, sort: SortKey, direction: 'asc' | 'desc', limit: number, offset: number): number[] {
    const sql = `SELECT p.id FROM positions_fts f JOIN positions p ON p.id = f.rowid
      ${whereSql(['positions_fts MATCH ?', ...s.where])} ORDER BY ${orderBy(sort, direction)} LIMIT ? OFFSET ?`
    return prepared<number>(sql).pluck().all(s.match, ...s.args, limit, offset)
  }

  function plain(s: Selection, sort: SortKey, direction: 'asc' | 'desc', limit: number, offset: number): number[] {
    const sql = `SELECT p.id FROM positions p ${whereSql(s.where)} ORDER BY ${orderBy(sort, direction)} LIMIT ? OFFSET ?`
    return prepared<number>(sql).pluck().all(...s.args, limit, offset)
  }

  /** The rows of the full-text index's matches (words and filter tokens), up to a cap. */
  function matchIds(match: string, cap: number): number[] {
    return prepared<number>('SELECT rowid FROM positions_fts WHERE positions_fts MATCH ? LIMIT ?').pluck().all(match, cap)
  }

  /** A page among rows already known to match the words: the filters' own conditions and the order. */
  function amongIds(ids: number[], s: Selection, sort: SortKey, direction: 'asc' | 'desc', limit: number, offset: number): number[] {
    const sql = `SELECT p.id FROM positions p ${whereSql(['p.id IN (SELECT value FROM json_each(?))', ...s.where])} ORDER BY ${orderBy(sort, direction)} LIMIT ? OFFSET ?`
    return prepared<number>(sql).pluck().all(JSON.stringify(ids), ...s.args, limit, offset)
  }

  /** Full-text matches up to a cap, the filters aside: how common the words are. */
  function matchCount(match: string, cap: number): number {
    return prepared<{ n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM positions_fts WHERE positions_fts MATCH ? LIMIT ?)').get(match, cap)!.n
  }

  /** One page of ids, by the cheapest plan for this query. */
  /** Rows the filters alone select, up to a cap: the cost of SQLite's plan over their indexes. */
  function filterCount(s: Selection, cap: number): number {
    return prepared<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM positions p ${whereSql(s.where)} LIMIT ?)`).get(...s.args, cap)!.n
  }

  function page(s: Selection, sort: SortKey, direction: 'asc' | 'desc', limit: number, offset: number): PagePlan {
    if (s.exact) return { ids: plain(s, sort, direction, limit, offset), plan: 'exact' }
    // Deeper pages read further along the order: the budget grows with them.
    const budget = walkBudget + 20 * (offset + limit)
    // Words with filters: the index holds the filters too (search facets). Where the matches are
    // dense along the order a short walk finds the page at once; otherwise their intersection is
    // read from the index, once, and when it is small its rows are the page's candidates (a walk
    // would spend its budget rejecting rows on the filters).
    if (s.match && s.where.length > 0) {
      const quick = walk(s, sort, direction, limit, offset, Math.floor(budget / 4))
      if (quick) return { ids: quick, plan: 'walk' }
      const ids = matchIds(s.match, fewMatches + 1)
      if (ids.length <= fewMatches) return { ids: amongIds(ids, s, sort, direction, limit, offset), plan: 'fts' }
    }
    const walked = walk(s, sort, direction, limit, offset, budget)
    if (walked) return { ids: walked, plan: 'walk' }
    // The walk ran out: the matches are rare along this order, or cluster away from its start
    // (names by the alphabet, payments near due dates). What remains costs the rows it reads:
    // the words' matches for the full-text path, the filters' rows for SQLite's plan over their
    // indexes. Both are counted, each only up to the other, and the cheaper one runs.
    if (!s.match) return { ids: plain(s, sort, direction, limit, offset), plan: 'filters' }
    const matches = matchCount(s.match, MANY_ROWS)
    if (s.where.length === 0 || matches < fewMatches || filterCount(s, matches) >= matches) {
      return { ids: fullText(s, sort, direction, limit, offset), plan: 'fts' }
    }
    return { ids: filtersFirst(s, sort, direction, limit, offset), plan: 'filters' }
  }

  /** Every id in order, for exports: no budgets, the plan that reads each match once. */
  function slice(s: Selection, sort: SortKey, direction: 'asc' | 'desc', limit: number, offset: number): number[] {
    return s.match ? fullText(s, sort, direction, limit, offset) : plain(s, sort, direction, limit, offset)
  }

  /**
   * How many rows match: exactly when it is cheap, else "over" a round figure below the matches
   * counted within the count budget (at most the cap). Counting every match of a common word
   * would cost more than the page it goes with.
   */
  function count(s: Selection): { total: number; bound?: 'over' } {
    // The words alone are counted in the full-text index, without reading the rows.
    const alone = s.match && s.where.length === 0
    const from = s.match ? (alone ? 'positions_fts f' : 'positions_fts f JOIN positions p ON p.id = f.rowid') : 'positions p'
    const where = [...(s.match ? ['positions_fts MATCH ?'] : []), `desk_row(${alone ? 'f.rowid' : 'p.id'})`, ...s.where]
    const args = [...(s.match ? [s.match] : []), ...s.args]
    const sql = `SELECT count(desk_hit()) AS n FROM (SELECT 1 FROM ${from} ${whereSql(where)} LIMIT ?)`
    const exact = fns.within(s.exact ? Infinity : countBudget, () => prepared<{ n: number }>(sql).get(...args, countCap + 1)!.n)
    if (exact !== null && exact <= countCap) return { total: exact }
    return { total: roundedDown(exact ?? fns.hits(), countCap), bound: 'over' }
  }

  /**
   * The page and how many rows match in all. A page that is not full ends the matches: no count.
   * withCount false: a full page's total is left 'pending' (the rows up to it), for count().
   */
  function search(s: Selection, sort: SortKey, direction: 'asc' | 'desc', limit: number, offset: number, withCount = true): PagePlan & { total: number; bound?: TotalBound } {
    const found = page(s, sort, direction, limit, offset)
    if (found.ids.length < limit && (found.ids.length > 0 || offset === 0)) return { ...found, total: offset + found.ids.length }
    if (!withCount) return { ...found, total: offset + found.ids.length, bound: 'pending' }
    return { ...found, ...count(s) }
  }

  return { search, slice, count }
}
export type Planner = ReturnType<typeof createPlanner>
