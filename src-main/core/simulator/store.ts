import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { dayOf, type SimPosition, type SimReceipt } from './model'

export interface ListQuery {
  dueFrom?: string
  dueTo?: string
  /** Inclusive bounds on the position's payment date-time (yyyy-mm-ddTHH:mm:ss). */
  paidFrom?: string
  paidTo?: string
  /** One status, or any of several (a v3 status stands for several v1 ones). */
  status?: string | string[]
  orderby: 'INSERTED_DATE' | 'IUPD' | 'STATUS' | 'COMPANY_NAME'
  ordering: 'ASC' | 'DESC'
  page: number
  limit: number
}

const ORDER_COLUMNS = { INSERTED_DATE: 'inserted_date', IUPD: 'iupd', STATUS: 'status', COMPANY_NAME: 'company_name' } as const

export class DuplicateError extends Error {}

const SCHEMA = `
    CREATE TABLE IF NOT EXISTS sim_positions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      iupd TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL,
      inserted_date TEXT NOT NULL,
      payment_date TEXT,
      company_name TEXT NOT NULL,
      doc TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sim_positions_inserted ON sim_positions(inserted_date);
    CREATE INDEX IF NOT EXISTS sim_positions_paid ON sim_positions(payment_date);
    CREATE TABLE IF NOT EXISTS sim_options (
      nav TEXT PRIMARY KEY,
      iuv TEXT NOT NULL UNIQUE,
      position_id INTEGER NOT NULL REFERENCES sim_positions(id) ON DELETE CASCADE,
      due_date TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sim_options_due ON sim_options(due_date, position_id);
    CREATE INDEX IF NOT EXISTS sim_options_position ON sim_options(position_id);
    CREATE TABLE IF NOT EXISTS sim_receipts (
      iuv TEXT PRIMARY KEY,
      payment_date TEXT NOT NULL,
      doc TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sim_receipts_date ON sim_receipts(payment_date);
  `

function openDatabase(file: string | ':memory:'): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(SCHEMA)
  db.pragma('foreign_keys = ON')
  return db
}

function prepareStatements(db: Database.Database) {
  return {
    selectByIupd: db.prepare<[string], { id: number; doc: string }>('SELECT id, doc FROM sim_positions WHERE iupd = ?'),
    selectByNav: db.prepare<[string], { doc: string }>(
      'SELECT p.doc FROM sim_options o JOIN sim_positions p ON p.id = o.position_id WHERE o.nav = ?'
    ),
    codeTaken: db.prepare<[string, string, number], { n: number }>(
      'SELECT count(*) AS n FROM sim_options WHERE (nav = ? OR iuv = ?) AND position_id != ?'
    ),
    insertPosition: db.prepare(
      'INSERT INTO sim_positions (iupd, status, inserted_date, payment_date, company_name, doc) VALUES (?, ?, ?, ?, ?, ?)'
    ),
    updatePosition: db.prepare('UPDATE sim_positions SET status = ?, payment_date = ?, company_name = ?, doc = ? WHERE id = ?'),
    deleteOptions: db.prepare('DELETE FROM sim_options WHERE position_id = ?'),
    insertOption: db.prepare('INSERT INTO sim_options (nav, iuv, position_id, due_date) VALUES (?, ?, ?, ?)'),
    deletePosition: db.prepare('DELETE FROM sim_positions WHERE id = ?'),
    insertReceipt: db.prepare('INSERT OR REPLACE INTO sim_receipts (iuv, payment_date, doc) VALUES (?, ?, ?)'),
    selectReceipt: db.prepare<[string], { doc: string }>('SELECT doc FROM sim_receipts WHERE iuv = ?')
  }
}

interface StoreContext {
  db: Database.Database
  sql: ReturnType<typeof prepareStatements>
  // Bumped by every write: the list cache below is valid for one version only.
  version: number
  /** The ordered ids of the windows clients are walking, by query, the oldest first. */
  listCache: Map<string, { version: number; ids: number[] }>
}

function writeOptions(ctx: StoreContext, id: number, position: SimPosition) {
  ctx.version += 1
  ctx.sql.deleteOptions.run(id)
  for (const o of position.paymentOption) {
    if (ctx.sql.codeTaken.get(o.nav, o.iuv, id)!.n > 0) throw new DuplicateError(`IUV o numero avviso già presente: ${o.iuv}`)
    ctx.sql.insertOption.run(o.nav, o.iuv, id, dayOf(o.dueDate))
  }
}

/** Window lists kept at once (listPositions). */
const LISTS_KEPT = 8

function insertPosition(ctx: StoreContext, position: SimPosition): void {
  if (ctx.sql.selectByIupd.get(position.iupd)) throw new DuplicateError(`IUPD già presente: ${position.iupd}`)
  const id = Number(
    ctx.sql.insertPosition.run(position.iupd, position.status, position.insertedDate, position.paymentDate ?? null, position.companyName, JSON.stringify(position)).lastInsertRowid
  )
  writeOptions(ctx, id, position)
}

function replacePosition(ctx: StoreContext, position: SimPosition): void {
  const row = ctx.sql.selectByIupd.get(position.iupd)
  if (!row) throw new Error(`Posizione assente: ${position.iupd}`)
  ctx.sql.updatePosition.run(position.status, position.paymentDate ?? null, position.companyName, JSON.stringify(position), row.id)
  writeOptions(ctx, row.id, position)
}

function deletePosition(ctx: StoreContext, iupd: string): boolean {
  const row = ctx.sql.selectByIupd.get(iupd)
  if (!row) return false
  ctx.version += 1
  ctx.sql.deletePosition.run(row.id)
  return true
}

/** The FROM and WHERE of a list query, with their arguments. */
function listFilter(q: ListQuery): { from: string; whereSql: string; args: unknown[] } {
  const where: string[] = []
  const args: unknown[] = []
  // With a due-date window, drive the query from the options' due-date index (CROSS JOIN keeps
  // SQLite from scanning every position in IUPD order instead).
  let from = 'sim_positions p'
  if (q.dueFrom !== undefined && q.dueTo !== undefined) {
    from = '(SELECT DISTINCT position_id AS id FROM sim_options WHERE due_date BETWEEN ? AND ?) w CROSS JOIN sim_positions p ON p.id = w.id'
    args.push(q.dueFrom, q.dueTo)
  }
  if (q.paidFrom !== undefined && q.paidTo !== undefined) {
    where.push('p.payment_date BETWEEN ? AND ?')
    args.push(q.paidFrom, q.paidTo)
  }
  const statuses = q.status === undefined ? [] : Array.isArray(q.status) ? q.status : [q.status]
  if (statuses.length) {
    where.push(`p.status IN (${statuses.map(() => '?').join(', ')})`)
    args.push(...statuses)
  }
  return { from, whereSql: where.length ? `WHERE ${where.join(' AND ')}` : '', args }
}

function listPositions(ctx: StoreContext, q: ListQuery): { items: SimPosition[]; total: number } {
  const { from, whereSql, args } = listFilter(q)
  // A client walks a window page after page: order the window once, and serve the pages from
  // that list until something changes (paging with OFFSET would sort the window every time). A
  // client may walk a few windows side by side (the desk's sync has pages of four in flight), so
  // the lists of the last few queries are kept.
  const key = JSON.stringify([from, whereSql, args, q.orderby, q.ordering])
  let listed = ctx.listCache.get(key)
  if (!listed || listed.version !== ctx.version) {
    const ids = ctx.db
      .prepare(`SELECT p.id FROM ${from} ${whereSql} ORDER BY p.${ORDER_COLUMNS[q.orderby]} ${q.ordering}, p.id ${q.ordering}`)
      .pluck()
      .all(...args) as number[]
    listed = { version: ctx.version, ids }
    ctx.listCache.delete(key)
    ctx.listCache.set(key, listed)
    if (ctx.listCache.size > LISTS_KEPT) ctx.listCache.delete(ctx.listCache.keys().next().value!)
  }
  const ids = listed.ids.slice(q.page * q.limit, (q.page + 1) * q.limit)
  const docs = new Map(
    (ctx.db.prepare('SELECT id, doc FROM sim_positions WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number; doc: string }[]).map((r) => [r.id, r.doc])
  )
  return { items: ids.map((id) => JSON.parse(docs.get(id)!) as SimPosition), total: listed.ids.length }
}

function listReceipts(db: Database.Database, q: { from?: string; to?: string; debtorOrIuv?: string; page: number; size: number }): { items: SimReceipt[]; total: number } {
  const all = (db.prepare('SELECT doc FROM sim_receipts ORDER BY payment_date, iuv').pluck().all() as string[]).map((d) => JSON.parse(d) as SimReceipt)
  const filtered = all.filter(
    (r) =>
      (!q.from || r.paymentDateTime >= q.from) &&
      (!q.to || r.paymentDateTime <= `${q.to}T23:59:59`) &&
      (!q.debtorOrIuv || r.debtor === q.debtorOrIuv || r.iuv === q.debtorOrIuv)
  )
  return { items: filtered.slice(q.page * q.size, (q.page + 1) * q.size), total: filtered.length }
}

/** The simulator's own persistence: a SQLite file (or memory), separate from any desk's cache. */
export function openSimulatorStore(file: string | ':memory:') {
  const db = openDatabase(file)
  const ctx: StoreContext = { db, sql: prepareStatements(db), version: 0, listCache: new Map() }
  const { selectByIupd, selectByNav, insertReceipt, selectReceipt } = ctx.sql

  return {
    db,
    get(iupd: string): SimPosition | undefined {
      const row = selectByIupd.get(iupd)
      return row ? (JSON.parse(row.doc) as SimPosition) : undefined
    },
    getByNav(nav: string): SimPosition | undefined {
      const row = selectByNav.get(nav)
      return row ? (JSON.parse(row.doc) as SimPosition) : undefined
    },
    insert: db.transaction((position: SimPosition) => insertPosition(ctx, position)),
    replace: db.transaction((position: SimPosition) => replacePosition(ctx, position)),
    delete(iupd: string): boolean {
      return deletePosition(ctx, iupd)
    },
    list(q: ListQuery): { items: SimPosition[]; total: number } {
      return listPositions(ctx, q)
    },
    count(): number {
      return db.prepare('SELECT count(*) FROM sim_positions').pluck().get() as number
    },
    all(): SimPosition[] {
      return (db.prepare('SELECT doc FROM sim_positions ORDER BY id').pluck().all() as string[]).map((d) => JSON.parse(d) as SimPosition)
    },
    saveReceipt(receipt: SimReceipt): void {
      insertReceipt.run(receipt.iuv, receipt.paymentDateTime, JSON.stringify(receipt))
    },
    getReceipt(iuv: string): SimReceipt | undefined {
      const row = selectReceipt.get(iuv)
      return row ? (JSON.parse(row.doc) as SimReceipt) : undefined
    },
    listReceipts(q: { from?: string; to?: string; debtorOrIuv?: string; page: number; size: number }): { items: SimReceipt[]; total: number } {
      return listReceipts(db, q)
    },
    close(): void {
      db.close()
    }
  }
}

export type SimulatorStore = ReturnType<typeof openSimulatorStore>
