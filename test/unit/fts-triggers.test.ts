// Migrations 0014 and 0015: the full-text indexes are rewritten when the words or the filter
// tokens (status, due type, due month) they hold change, and only then.
import { afterAll, describe, expect, it } from 'vitest'
import { openDemoDatabase } from '../helpers/demo-db'

const db = openDemoDatabase(200)
afterAll(db.cleanup)
const totalChanges = db.sqlite.prepare<[], number>('SELECT total_changes()').pluck()

/** Rows changed by a statement, its triggers' included (the index's delete and insert count). */
function changesOf(sql: string, ...args: unknown[]): number {
  const before = totalChanges.get()!
  db.sqlite.prepare(sql).run(...args)
  return totalChanges.get()! - before
}

describe('full-text triggers', () => {
  it('leave the debtors index alone when a record is written again with the same name and code', () => {
    const d = db.sqlite.prepare<[], { id: number; full_name: string }>('SELECT id, full_name FROM debtors LIMIT 1').get()!
    expect(changesOf('UPDATE debtors SET full_name = full_name, fiscal_code = fiscal_code, email = ? WHERE id = ?', 'nuovo@example.it', d.id)).toBe(1)
    expect(changesOf('UPDATE debtors SET full_name = ? WHERE id = ?', 'ZANZOTTO ERMENEGILDA', d.id)).toBeGreaterThan(1)
    const found = db.sqlite.prepare("SELECT rowid FROM debtors_fts WHERE debtors_fts MATCH ?").pluck()
    expect(found.all('"ermenegilda"*')).toEqual([d.id])
    expect(found.all(`"${d.full_name.split(' ')[0]!.toLowerCase()}"*`)).not.toContain(d.id)
  })

  it('leave the positions index alone when a position is written again with the same debtor name and causale', () => {
    const p = db.sqlite.prepare<[], { id: number; causale: string }>('SELECT id, causale FROM positions LIMIT 1').get()!
    expect(changesOf('UPDATE positions SET debtor_name = debtor_name, causale = causale, status = status WHERE id = ?', p.id)).toBe(1)
    expect(changesOf('UPDATE positions SET causale = ? WHERE id = ?', 'Diritti di rogito notarile', p.id)).toBeGreaterThan(1)
    const found = db.sqlite.prepare("SELECT rowid FROM positions_fts WHERE positions_fts MATCH ?").pluck()
    expect(found.all('"rogito"*')).toEqual([p.id])
    db.sqlite.exec("INSERT INTO positions_fts(positions_fts) VALUES ('integrity-check')")
    db.sqlite.exec("INSERT INTO debtors_fts(debtors_fts) VALUES ('integrity-check')")
  })

  it('move a position between filter tokens when its status, type or due date changes, and drop it when it goes', () => {
    const p = db.sqlite.prepare<[], { id: number }>("SELECT id FROM positions WHERE status = 'VALID' LIMIT 1").get()!
    const facet = db.sqlite.prepare<[string], number>('SELECT rowid FROM positions_fts WHERE positions_fts MATCH ?').pluck()
    expect(facet.all('search_facets : svalid')).toContain(p.id)
    expect(changesOf("UPDATE positions SET status = 'PARTIALLY_PAID', due_date = '2031-07-15', due_type_id = NULL WHERE id = ?", p.id)).toBeGreaterThan(1)
    expect(facet.all('search_facets : svalid')).not.toContain(p.id)
    expect(facet.all('search_facets : spartiallypaid AND search_facets : m203107 AND search_facets : t0')).toEqual([p.id])
    db.sqlite.exec("INSERT INTO positions_fts(positions_fts) VALUES ('integrity-check')")
    db.sqlite.prepare('DELETE FROM payment_options WHERE position_id = ?').run(p.id)
    db.sqlite.prepare('DELETE FROM positions WHERE id = ?').run(p.id)
    expect(facet.all('search_facets : m203107')).toEqual([])
    db.sqlite.exec("INSERT INTO positions_fts(positions_fts) VALUES ('integrity-check')")
  })
})
