import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_ENTE } from '../../src-main/core/demo/ente'
import { isValidNumericFiscalCode, isValidPersonFiscalCode } from '../../src-main/core/pagopa/fiscal-code'
import { isValidNoticeNumber } from '../../src-main/core/pagopa/notice-number'
import { openDemoDatabase } from '../helpers/demo-db'

describe('demo data', () => {
  const db = openDemoDatabase(2_000)
  afterAll(db.cleanup)

  it('gives every debtor a valid fiscal code', () => {
    const rows = db.sqlite.prepare('SELECT debtor_type AS type, debtor_fiscal_code AS cf FROM positions').all() as { type: string; cf: string }[]
    const invalid = rows.filter((r) => (r.type === 'F' ? !isValidPersonFiscalCode(r.cf) : !isValidNumericFiscalCode(r.cf)))
    expect(invalid).toEqual([])
    expect(isValidNumericFiscalCode(DEMO_ENTE.fiscalCode)).toBe(true)
  })

  it('gives every payment option a valid, unique notice number with its IUV', () => {
    const rows = db.sqlite.prepare('SELECT nav, iuv FROM payment_options').all() as { nav: string; iuv: string }[]
    expect(rows.every((r) => isValidNoticeNumber(r.nav) && r.iuv === r.nav.slice(1))).toBe(true)
    expect(new Set(rows.map((r) => r.nav)).size).toBe(rows.length)
  })

  it('mixes statuses, has installments that add up, and transfers equal to their options', () => {
    const statuses = db.sqlite.prepare('SELECT DISTINCT status FROM positions').pluck().all()
    expect(statuses).toEqual(expect.arrayContaining(['VALID', 'PAID', 'PARTIALLY_PAID', 'INVALID', 'EXPIRED', 'DRAFT', 'REPORTED', 'PUBLISHED']))
    const badPlans = db.sqlite
      .prepare(
        `SELECT p.id FROM positions p JOIN payment_options o ON o.position_id = p.id AND o.installment_no > 0
         GROUP BY p.id HAVING sum(o.amount_cents) != p.amount_cents`
      )
      .all()
    expect(badPlans).toEqual([])
    expect(db.sqlite.prepare('SELECT count(DISTINCT position_id) FROM payment_options WHERE installment_no > 0').pluck().get()).toBeGreaterThan(50)
    const badTransfers = db.sqlite
      .prepare('SELECT o.id FROM payment_options o JOIN transfers t ON t.option_id = o.id GROUP BY o.id HAVING sum(t.amount_cents) != o.amount_cents')
      .all()
    expect(badTransfers).toEqual([])
  })

  it('adds more dues to an existing cache without reusing codes', async () => {
    const { seedDemo } = await import('../../src-main/core/demo/seed')
    const before = db.sqlite.prepare('SELECT count(*) FROM payment_options').pluck().get() as number
    seedDemo(db.sqlite, { dues: 100 })
    const after = db.sqlite.prepare('SELECT count(*), count(DISTINCT nav) FROM payment_options').raw().get() as number[]
    expect(after[0]).toBeGreaterThan(before)
    expect(after[0]).toBe(after[1])
  })
})
