import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { SORT_KEYS, STATUS_GROUPS, type SortKey } from '../../src-main/contract/dues'
import { ftsQuery, searchWords } from '../../src-main/core/db/fts'
import { foldWords, wordsMatch } from '../../src-main/core/db/fts-words'
import { createDueSearch } from '../../src-main/core/dues/search'
import { createPlanner, orderBy, planFunctions, wordsCondition, type PagePlan, type Selection } from '../../src-main/core/dues/search-plan'
import { openDemoDatabase } from '../helpers/demo-db'

// The walk tests rows with desk_words, the other plans ask positions_fts: both must find the same
// rows, or the results would change with the plan the query happened to get.
describe('the words test of a row is the full-text index’s', () => {
  const texts = [
    "NICOLÒ D'ANGELO",
    'Łukasz Dvořák',
    'ÉMILE STRAßE',
    'Jose\u0301 Garci\u0301a',
    'Müller-Lüdenscheidt',
    'ΓΙΏΡΓΟΣ Παπαδόπουλος',
    'Verbale n. 123/2026 - sosta vietata',
    'TARI 2026 rata 2 di 3',
    'dell’Orto_Marco',
    'Çelik Şahin'
  ]
  const queries = ['nicolo', 'nicolò', 'd', 'angelo', "d'angelo", 'lukasz', 'łukasz', 'dvorak', 'emile', 'strasse', 'straß', 'jose', 'garci', 'a', 'muller', 'lud', 'giorgos', 'γιωργ', 'γιώργ', 'παπα', '123', '2026', 'sosta vietata', 'rata 2', 'orto', 'marco', 'celik', 'sahin', 'ver 12', 'xyz']
  const memory = new Database(':memory:')
  memory.exec("CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize='unicode61 remove_diacritics 2', detail=column, columnsize=0)")
  const insert = memory.prepare('INSERT INTO t(rowid, a, b) VALUES (?, ?, ?)')
  // Each text as a name, and as a causale beside a name that does not match.
  texts.forEach((text, i) => {
    insert.run(i * 2 + 1, text, 'Diritti di segreteria')
    insert.run(i * 2 + 2, 'ROSSI MARIO', text)
  })
  const rows = memory.prepare<[], { rowid: number; a: string; b: string }>('SELECT rowid, a, b FROM t').all()
  // The same rows as positions, for the SQL form of the test (wordsCondition).
  memory.exec('CREATE TABLE positions (id INTEGER PRIMARY KEY, debtor_name TEXT NOT NULL, causale TEXT NOT NULL); INSERT INTO positions SELECT rowid, a, b FROM t')
  planFunctions(memory)
  afterAll(() => memory.close())

  it.each(queries)('%j', (query) => {
    const words = searchWords(query)
    const byIndex = memory.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').pluck().all(ftsQuery(words))
    const folded = foldWords(words)
    const byRow = rows.filter((r) => wordsMatch(folded, r.a, r.b)).map((r) => r.rowid)
    expect(byRow).toEqual(byIndex)
    const condition = wordsCondition(words)
    const bySql = memory.prepare(`SELECT id FROM positions p WHERE ${condition.where.join(' AND ')} ORDER BY id`).pluck().all(...condition.args)
    expect(bySql).toEqual(byIndex)
  })
})

describe('each plan finds the same page and count', () => {
  const db = openDemoDatabase(3_000)
  afterAll(db.cleanup)
  // A few names with accents and odd punctuation among the demo's.
  const odd = ["NICOLÒ D'ANGELO", 'ŁUKASZ DVOŘÁK', 'MÜLLER-LÜDENSCHEIDT ANNA', 'Jose\u0301 Garci\u0301a']
  odd.forEach((name, i) => db.sqlite.prepare('UPDATE positions SET debtor_name = ? WHERE id = ?').run(name, 100 + i * 300))
  // Small limits make a 3,000-due cache behave like a million-due one: walks run out, counts stop.
  const limits = { walkBudget: 60, fewMatches: 40, countBudget: 300, countCap: 200 }
  const planner = createPlanner(db.sqlite, (sql) => db.sqlite.prepare(sql) as never, limits)
  const pending = STATUS_GROUPS.pending
  const filters: { name: string; where: string[]; args: unknown[] }[] = [
    { name: 'none', where: [], args: [] },
    { name: 'pending', where: [`p.status IN (${pending.map(() => '?').join(', ')})`], args: [...pending] },
    { name: 'march', where: ['p.due_date >= ?', 'p.due_date <= ?'], args: ['2026-03-01', '2026-03-31'] },
    { name: 'type', where: ["p.due_type_id = (SELECT id FROM due_types WHERE code = 'TARI')"], args: [] }
  ]
  const texts = ['', 'ross', 'maria', 'rossi maria', 'verbale', 'tari', 'nicolo', 'lukasz dvorak', 'lud', 'garcia jose', 'zzz']
  const used = new Set<PagePlan['plan']>()

  /** The plain full-text query (or table scan) with the same filters and order: the reference. */
  function reference(words: string[], filter: (typeof filters)[number], sort: SortKey, direction: 'asc' | 'desc') {
    const where = [...(words.length ? ['positions_fts MATCH ?'] : []), ...filter.where]
    const from = words.length ? 'positions_fts f JOIN positions p ON p.id = f.rowid' : 'positions p'
    const sql = `SELECT p.id FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy(sort, direction)}`
    return db.sqlite.prepare(sql).pluck().all(...(words.length ? [ftsQuery(words)] : []), ...filter.args) as number[]
  }

  it('for every text, filter, order and direction, on the first pages', () => {
    let checked = 0
    for (const text of texts) {
      const words = searchWords(text)
      for (const filter of filters) {
        for (const sort of SORT_KEYS) {
          for (const direction of ['desc', 'asc'] as const) {
            const all = reference(words, filter, sort, direction)
            const selection: Selection = { ...(words.length ? { words, match: ftsQuery(words) } : {}), where: filter.where, args: filter.args }
            for (const page of [0, 1]) {
              const found = planner.search(selection, sort, direction, 10, page * 10)
              used.add(found.plan)
              const label = `${text}|${filter.name}|${sort}|${direction}|${page}`
              expect(found.ids, label).toEqual(all.slice(page * 10, page * 10 + 10))
              if (found.bound === 'over') {
                expect(found.total, label).toBeLessThan(all.length)
                expect(found.total, label).toBeGreaterThan(0)
              } else expect(found.total, label).toBe(all.length)
              checked++
            }
          }
        }
      }
    }
    expect(checked).toBe(texts.length * filters.length * SORT_KEYS.length * 4)
    // The limits are small enough for every plan to have answered some of them.
    expect([...used].sort()).toEqual(['filters', 'fts', 'walk'])
  })

  it('a walk that reads the whole table finds what the full-text index finds, accents included', () => {
    // A budget larger than the cache, and no match count small enough for the full-text path:
    // every query is walked to the end, through the LIKE sieve and desk_words.
    const walker = createPlanner(db.sqlite, (sql) => db.sqlite.prepare(sql) as never, { ...limits, walkBudget: 1_000_000, fewMatches: -1 })
    for (const text of ['nicolo', 'nicolò', 'lukasz dvorak', 'dvořák', 'lud', 'garcia jose', 'angelo', 'ross', 'zzz']) {
      const words = searchWords(text)
      for (const filter of [filters[0]!, filters[1]!]) {
        for (const sort of ['dueDate', 'debtor'] as const) {
          const found = walker.search({ words, match: ftsQuery(words), where: filter.where, args: filter.args }, sort, 'asc', 3_000, 0)
          expect(found.plan, text).toBe('walk')
          expect(found.ids, `${text}|${filter.name}|${sort}`).toEqual(reference(words, filter, sort, 'asc'))
        }
      }
    }
  })

  it('with the filters inside the full-text index (search facets), finds what plain SQL finds', () => {
    const search = createDueSearch(db.sqlite, limits)
    const inputs: { name: string; input: Record<string, unknown>; where: string[]; args: unknown[] }[] = [
      { name: 'pending', input: { status: 'pending' }, where: filters[1]!.where, args: filters[1]!.args },
      { name: 'paid', input: { status: 'paid' }, where: [`p.status IN (${STATUS_GROUPS.paid.map(() => '?').join(', ')})`], args: [...STATUS_GROUPS.paid] },
      { name: 'march', input: { dueFrom: '2026-03-01', dueTo: '2026-03-31' }, where: filters[2]!.where, args: filters[2]!.args },
      { name: 'mid-feb to mid-apr', input: { dueFrom: '2026-02-15', dueTo: '2026-04-10' }, where: ['p.due_date >= ?', 'p.due_date <= ?'], args: ['2026-02-15', '2026-04-10'] },
      { name: 'TARI pending', input: { dueTypeCode: 'TARI', status: 'pending' }, where: [...filters[3]!.where, ...filters[1]!.where], args: [...filters[1]!.args] },
      { name: 'no such type', input: { dueTypeCode: 'NESSUNO' }, where: ['0'], args: [] },
      { name: 'PARTIALLY_PAID, EXPIRED', input: { statuses: ['PARTIALLY_PAID', 'EXPIRED'] }, where: ["p.status IN ('PARTIALLY_PAID', 'EXPIRED')"], args: [] }
    ]
    let nonEmpty = 0
    for (const text of ['ross', 'maria', 'verbale', 'tari', 'nicolo', 'rossi maria']) {
      const words = searchWords(text)
      for (const f of inputs) {
        for (const sort of ['dueDate', 'amount', 'debtor'] as const) {
          const all = reference(words, { name: f.name, where: f.where, args: f.args }, sort, 'asc')
          const found = search({ text, status: 'all', ...f.input, sort, direction: 'asc', page: 1, pageSize: 10 })
          const label = `${text}|${f.name}|${sort}`
          expect(found.rows.map((r) => r.id), label).toEqual(all.slice(0, 10))
          if (found.totalBound === 'over') expect(found.total, label).toBeLessThan(all.length)
          else expect(found.total, label).toBe(all.length)
          if (all.length > 0) nonEmpty++
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(40)
  })

  it('says "over" a round figure where counting would cost more than the page, exactly otherwise', () => {
    const search = createDueSearch(db.sqlite, limits)
    const common = search({ text: 'ross', status: 'all', sort: 'dueDate', direction: 'desc', page: 1, pageSize: 25 })
    const matches = reference(['ross'], filters[0]!, 'dueDate', 'desc').length
    expect(matches).toBeGreaterThan(limits.countCap)
    expect(common).toMatchObject({ total: limits.countCap, totalBound: 'over' })
    const rare = search({ text: 'nicolo', status: 'all', sort: 'amount', direction: 'asc', page: 1, pageSize: 25 })
    expect(rare.totalBound).toBeUndefined()
    expect(rare.total).toBe(reference(['nicolo'], filters[0]!, 'amount', 'asc').length)
    expect(rare.rows.some((r) => r.debtorName === "NICOLÒ D'ANGELO")).toBe(true)
  })

  it('leaves the count of a full page to count() when asked, with the same figure', () => {
    const search = createDueSearch(db.sqlite, limits)
    for (const text of ['ross', 'verbale', 'nicolo', '']) {
      for (const status of ['all', 'pending'] as const) {
        const query = { text, status, sort: 'amount' as const, direction: 'desc' as const }
        const counted = search({ ...query, page: 1, pageSize: 10 })
        const pageOnly = search({ ...query, page: 1, pageSize: 10, count: false })
        expect(pageOnly.rows, text).toEqual(counted.rows)
        const later = search.count(query)
        expect({ total: later.total, totalBound: later.totalBound }, text).toEqual({ total: counted.total, totalBound: counted.totalBound })
        if (counted.rows.length === 10) expect(pageOnly, text).toMatchObject({ total: 10, totalBound: 'pending' })
        else expect(pageOnly, text).toMatchObject({ total: counted.total, totalBound: undefined })
      }
    }
  })
})
