import { afterAll, describe, expect, it } from 'vitest'
import { createDueSearch, type SearchParams } from '../../src-main/core/dues/search'
import { classifyQuery } from '../../src-main/core/dues/query-kind'
import { italian } from '../../src-main/contract/messages'
import { openDemoDatabase } from '../helpers/demo-db'

const db = openDemoDatabase(3_000)
afterAll(db.cleanup)
const search = createDueSearch(db.sqlite)
const params = (text: string, over: Partial<SearchParams> = {}): SearchParams => ({ text, status: 'all', page: 1, pageSize: 200, sort: 'dueDate', direction: 'desc', ...over })

function anyOption() {
  return db.sqlite
    .prepare(`SELECT p.iupd, p.debtor_fiscal_code AS cf, o.nav, o.iuv FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE o.installment_no = 2 LIMIT 1`)
    .get() as { iupd: string; cf: string; nav: string; iuv: string }
}

describe('what the search box understands', () => {
  it.each([
    ['', 'all'],
    ['  ', 'all'],
    ['3010 0000 0000 0001 44', 'noticeNumber'],
    ['301000000000000144', 'noticeNumber'],
    ['01000000000000144', 'iuv'],
    ['rssmra80a01h501u', 'fiscalCode'],
    ['RSS MRA 80A01 H501U', 'fiscalCode'],
    ['00723456018', 'fiscalCode'],
    ['VLD-TARI-2026-0000001-D', 'iupdOrText'],
    ['rossi mario', 'text'],
    ["d'angelo", 'text']
  ])('%j is a %s query', (text, kind) => {
    expect(classifyQuery(text).kind).toBe(kind)
  })
})

describe('searching the cache', () => {
  it('finds by surname: every row carries the word, in name or causale', () => {
    const result = search(params('rossi'))
    expect(result.matchedBy).toBe('text')
    expect(result.total).toBeGreaterThan(10)
    expect(result.rows.every((r) => /rossi/i.test(r.debtorName) || /rossi/i.test(r.causale))).toBe(true)
    const direct = db.sqlite.prepare("SELECT count(*) FROM positions WHERE debtor_name LIKE 'ROSSI %' OR debtor_name LIKE '% ROSSI%'").pluck().get()
    expect(result.total).toBe(direct)
  })

  it('matches prefixes and ignores accents and case', () => {
    const nicolo = search(params('nicolo'))
    expect(nicolo.total).toBeGreaterThan(0)
    expect(nicolo.rows.every((r) => /NICOLÒ/.test(r.debtorName))).toBe(true)
    expect(search(params('ROSS')).total).toBeGreaterThanOrEqual(search(params('rossi')).total)
  })

  it('narrows with every word (surname and name)', () => {
    const both = search(params('rossi maria'))
    expect(both.rows.every((r) => r.debtorName.includes('ROSSI') && r.debtorName.includes('MARIA'))).toBe(true)
    expect(both.total).toBeLessThan(search(params('rossi')).total)
  })

  it('finds a due by any of its notice numbers, with or without spaces, and by IUV', () => {
    const option = anyOption()
    const spaced = option.nav.replace(/(\d{4})(?=\d)/g, '$1 ')
    for (const text of [option.nav, spaced, ` ${spaced} `]) {
      const result = search(params(text))
      expect(result.matchedBy).toBe('noticeNumber')
      expect(result.rows.map((r) => r.iupd)).toEqual([option.iupd])
    }
    expect(search(params(option.iuv)).rows.map((r) => r.iupd)).toEqual([option.iupd])
  })

  it('finds by fiscal code in any case, and by IUPD', () => {
    const option = anyOption()
    const byCf = search(params(option.cf.toLowerCase()))
    expect(byCf.matchedBy).toBe('fiscalCode')
    expect(byCf.rows.every((r) => r.debtorFiscalCode === option.cf)).toBe(true)
    expect(byCf.rows.map((r) => r.iupd)).toContain(option.iupd)
    const byIupd = search(params(option.iupd.toLowerCase()))
    expect(byIupd.matchedBy).toBe('iupd')
    expect(byIupd.rows.map((r) => r.iupd)).toEqual([option.iupd])
  })

  it('reports the first notice number and the number of installments', () => {
    const option = anyOption()
    const [row] = search(params(option.iupd)).rows
    const first = db.sqlite.prepare('SELECT nav FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE p.iupd = ? AND installment_no = 0').pluck().get(option.iupd)
    expect(row!.noticeNumber).toBe(first)
    expect(row!.installments).toBeGreaterThanOrEqual(2)
  })

  it('filters pending and paid dues, which together are not all (cancelled ones)', () => {
    const all = search(params('', { status: 'all' })).total
    const pending = search(params('', { status: 'pending' }))
    const paid = search(params('', { status: 'paid' }))
    expect(pending.rows.every((r) => ['DRAFT', 'PUBLISHED', 'VALID', 'PARTIALLY_PAID', 'EXPIRED'].includes(r.status))).toBe(true)
    expect(paid.rows.every((r) => r.status === 'PAID' || r.status === 'REPORTED')).toBe(true)
    const invalid = db.sqlite.prepare("SELECT count(*) FROM positions WHERE status = 'INVALID'").pluck().get() as number
    expect(pending.total + paid.total + invalid).toBe(all)
    expect(all).toBe(3_000)
  })

  it('pages without overlap, ordered by due date, newest first', () => {
    const first = search(params('', { pageSize: 50, page: 1 }))
    const second = search(params('', { pageSize: 50, page: 2 }))
    const ids = new Set(first.rows.map((r) => r.id))
    expect(second.rows.some((r) => ids.has(r.id))).toBe(false)
    const dates = [...first.rows, ...second.rows].map((r) => r.dueDate)
    expect([...dates].sort().reverse()).toEqual(dates)
    expect(search(params('', { pageSize: 50, page: 1000 })).rows).toEqual([])
  })

  it('opens the due of a scanned QR code or Poste Data Matrix, whatever the status filter', async () => {
    const { buildQrPayload } = await import('../../src-main/core/pagopa/qr-code')
    const { buildDataMatrixPayload } = await import('../../src-main/core/pagopa/poste-datamatrix')
    const paid = db.sqlite.prepare("SELECT p.iupd, o.nav, o.amount_cents AS amount FROM positions p JOIN payment_options o ON o.position_id = p.id WHERE p.status = 'PAID' AND o.installment_no = 0 LIMIT 1").get() as { iupd: string; nav: string; amount: number }
    const qr = search(params(buildQrPayload({ nav: paid.nav, enteFiscalCode: '00723456018', amountCents: paid.amount }), { status: 'pending' }))
    expect(qr).toMatchObject({ matchedBy: 'qr', total: 1 })
    expect(qr.rows[0]!.iupd).toBe(paid.iupd)
    const matrix = buildDataMatrixPayload({ nav: paid.nav, postalAccount: '12345678', amountCents: paid.amount, enteFiscalCode: '00723456018', debtorFiscalCode: 'X', debtorName: 'Y', subject: 'Z' })
    expect(search(params(matrix.trimEnd()))).toMatchObject({ matchedBy: 'datamatrix', total: 1 })
    const broken = search(params('PAGOPA|002|301000000000000145|00723456018|100'))
    expect(broken.total).toBe(0)
    expect(italian(broken.scanError!)).toMatch(/controllo/)
  })

  it('filters by due type, dates, amounts, debtor type and detailed status, and sorts', () => {
    const filtered = search(params('', { dueTypeCode: 'TARI', dueFrom: '2026-01-01', dueTo: '2026-12-31', amountMin: 10_000, amountMax: 40_000, debtorType: 'F', statuses: ['VALID', 'EXPIRED'] }))
    expect(filtered.total).toBeGreaterThan(0)
    for (const r of filtered.rows) {
      expect(r.dueTypeCode).toBe('TARI')
      expect(r.dueDate >= '2026-01-01' && r.dueDate <= '2026-12-31').toBe(true)
      expect(r.amountCents).toBeGreaterThanOrEqual(10_000)
      expect(r.amountCents).toBeLessThanOrEqual(40_000)
      expect(r.debtorType).toBe('F')
      expect(['VALID', 'EXPIRED']).toContain(r.status)
    }
    const direct = db.sqlite
      .prepare("SELECT count(*) FROM positions p JOIN due_types t ON t.id = p.due_type_id WHERE t.code = 'TARI' AND p.due_date BETWEEN '2026-01-01' AND '2026-12-31' AND p.amount_cents BETWEEN 10000 AND 40000 AND p.debtor_type = 'F' AND p.status IN ('VALID','EXPIRED')")
      .pluck()
      .get()
    expect(filtered.total).toBe(direct)

    const paidInOctober = search(params('', { paidFrom: '2026-10-01', paidTo: '2026-10-31' }))
    expect(paidInOctober.rows.every((r) => r.paidAt! >= '2026-10-01' && r.paidAt! < '2026-11-01')).toBe(true)

    const byAmount = search(params('rossi', { sort: 'amount', direction: 'asc' })).rows.map((r) => r.amountCents)
    expect(byAmount).toEqual([...byAmount].sort((a, b) => a - b))
    const byDebtor = search(params('', { sort: 'debtor', direction: 'asc', pageSize: 50 })).rows.map((r) => r.debtorName)
    expect(byDebtor).toEqual([...byDebtor].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })

  it('walks every result in order for an export', () => {
    const chunks = [...search.all(params('rossi'), 100)]
    const ids = chunks.flat().map((r) => r.id)
    expect(ids).toHaveLength(search(params('rossi')).total)
    expect(ids).toEqual(search(params('rossi', { pageSize: 200 })).rows.map((r) => r.id).concat([]).slice(0, 200).concat(ids.slice(200)))
  })

  it('never lets typed text become full-text syntax', () => {
    for (const text of ['rossi OR', '"', 'a*', 'NEAR(rossi', 'rossi -maria', '(*)', 'rossi AND NOT', '^rossi', "'", 'col:rossi']) {
      expect(() => search(params(text))).not.toThrow()
    }
    expect(search(params('"rossi"')).total).toBe(search(params('rossi')).total)
  })

  it('answers nothing, quietly, for codes that do not exist', () => {
    expect(search(params('3999 9999 9999 9999 99')).total).toBe(0)
    expect(search(params('ZZZZZZ99Z99Z999Z')).total).toBe(0)
    expect(search(params('NOPE-0000')).total).toBe(0)
    expect(search(params('...')).total).toBe(0)
  })
})
