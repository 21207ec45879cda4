// The causale template and the installment plan: the rules the wizard, the due's page and the
// services share.
import { describe, expect, it } from 'vitest'
import { causaleFields, fieldLabel, fillCausale, isDateField, unfilledPlaceholders } from '../../src-main/contract/causale'
import { changedPlan, planEditRefusal } from '../../src-main/core/dues/plan-edit'

describe('causale templates', () => {
  it('makes every placeholder but year, month and debtor a field of its own', () => {
    expect(causaleFields('Verbale CdS n. {numero} del {data}')).toEqual(['numero', 'data'])
    expect(causaleFields('TARI {anno} - {debitore}')).toEqual([])
    expect(causaleFields('Pratica {numero} / {numero} {mese}')).toEqual(['numero'])
    expect(isDateField('data')).toBe(true)
    expect(isDateField('data_verbale')).toBe(true)
    expect(isDateField('database')).toBe(false)
    expect(fieldLabel('numero_verbale')).toBe('Numero verbale')
  })

  it('fills every placeholder and keeps the words around them', () => {
    expect(fillCausale('Verbale CdS n. {numero} del {data}', { dueDate: '2027-03-15', fields: { numero: '1234/B', data: '2026-11-02' } })).toEqual({ causale: 'Verbale CdS n. 1234/B del 02/11/2026' })
    expect(fillCausale('TARI {anno} - {debitore}', { dueDate: '2027-03-15', debtorName: 'ROSSI MARIO', fields: {} })).toEqual({ causale: 'TARI 2027 - ROSSI MARIO' })
    expect(fillCausale('Mensa {mese} {anno}', { dueDate: '2027-03-15', fields: {} })).toEqual({ causale: 'Mensa marzo 2027' })
  })

  it('never leaves a placeholder unfilled: it names what is missing', () => {
    expect(fillCausale('Verbale CdS n. {numero} del {data}', { dueDate: '2027-03-15', fields: { numero: ' ' } })).toEqual({ missing: ['numero', 'data'] })
    expect(fillCausale('TARI {anno} - {debitore}', { dueDate: '2027-03-15', fields: {} })).toEqual({ missing: ['debitore'] })
    expect(unfilledPlaceholders('Pratica n. {numero}')).toEqual(['numero'])
    expect(unfilledPlaceholders('Pratica n. 12')).toEqual([])
  })
})

describe('installment plans', () => {
  const plan = [
    { nav: '301000000000000000', installmentNo: 0, amountCents: 30_000, dueDate: '2027-01-31' },
    { nav: '301000000000000001', installmentNo: 1, amountCents: 10_000, dueDate: '2027-01-31' },
    { nav: '301000000000000002', installmentNo: 2, amountCents: 10_000, dueDate: '2027-02-28' },
    { nav: '301000000000000003', installmentNo: 3, amountCents: 10_000, dueDate: '2027-03-31' }
  ]
  const next = (changes: [number, string][]) => plan.slice(1).map((o, i) => ({ nav: o.nav, amountCents: changes[i]![0], dueDate: changes[i]![1] }))

  it('recomputes the single payment: the total, due with the first installment', () => {
    const result = changedPlan(plan, next([[12_000, '2027-02-10'], [9_000, '2027-03-10'], [9_500, '2027-04-10']]), '2026-12-01')
    expect(result).toEqual({
      options: [
        { ...plan[0], amountCents: 30_500, dueDate: '2027-02-10' },
        { ...plan[1], amountCents: 12_000, dueDate: '2027-02-10' },
        { ...plan[2], amountCents: 9_000, dueDate: '2027-03-10' },
        { ...plan[3], amountCents: 9_500, dueDate: '2027-04-10' }
      ]
    })
  })

  it('refuses dates out of order or past, missing installments, zero amounts and no change at all', () => {
    expect(changedPlan(plan, next([[10_000, '2027-03-01'], [10_000, '2027-02-01'], [10_000, '2027-04-01']]), '2026-12-01')).toEqual({ refusal: { key: 'dues.installmentsOrderOrSame', params: { n: 2, previous: 1 } } })
    expect(changedPlan(plan, next([[10_000, '2026-11-01'], [10_000, '2027-02-01'], [10_000, '2027-04-01']]), '2026-12-01')).toEqual({ refusal: { key: 'dues.installmentDueDatePast', params: { n: 1 } } })
    expect(changedPlan(plan, next([[10_000, '2027-01-31'], [10_000, '2027-02-28'], [10_000, '2027-03-31']]).slice(0, 2), '2026-12-01')).toEqual({ refusal: { key: 'dues.planIncomplete', params: { count: 3 } } })
    expect(changedPlan(plan, next([[0, '2027-01-31'], [10_000, '2027-02-28'], [10_000, '2027-03-31']]), '2026-12-01')).toEqual({ refusal: { key: 'dues.installmentNotPositive', params: { n: 1 } } })
    expect(changedPlan(plan, next([[10_000, '2027-01-31'], [10_000, '2027-02-28'], [10_000, '2027-03-31']]), '2026-12-01')).toEqual({ refusal: { key: 'dues.planUnchanged' } })
  })

  it('is refused once anything is paid', () => {
    expect(planEditRefusal(['PO_UNPAID', 'PO_UNPAID'])).toBeNull()
    expect(planEditRefusal(['PO_UNPAID', 'PO_PAID'])).toEqual({ key: 'dues.planPaid' })
  })
})
