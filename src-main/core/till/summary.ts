// The day's figures from the day's payments: one list, from which every total is counted, so the
// totals per channel, per operator and per due type always add up to the same amount.
import { receiptNumberLabel } from '../../contract/receipts'
import { TILL_CHANNELS, type TillCount, type TillPaymentInfo, type TillTotals } from '../../contract/till'
import type { TillPaymentRow } from '../db/queries/till'

export function toTillPayment(row: TillPaymentRow): TillPaymentInfo {
  return {
    id: row.id,
    recordedAt: row.recordedAt,
    paidAt: row.paidAt,
    channel: row.channel,
    amountCents: row.amountCents,
    operator: row.operator,
    reference: row.reference,
    nav: row.nav,
    iupd: row.iupd,
    dueType: row.dueTypeLabel ?? row.dueTypeCode,
    receipt: row.receiptYear !== null && row.receiptNumber !== null ? receiptNumberLabel({ number: row.receiptNumber, year: row.receiptYear }) : null,
    receiptId: row.receiptId
  }
}

/** Counts and amounts per key. */
function groupBy<K>(payments: TillPaymentInfo[], keyOf: (p: TillPaymentInfo) => K): Map<K, TillCount> {
  const groups = new Map<K, TillCount>()
  for (const p of payments) {
    const group = groups.get(keyOf(p)) ?? { count: 0, cents: 0 }
    group.count += 1
    group.cents += p.amountCents
    groups.set(keyOf(p), group)
  }
  return groups
}

export function summarise(payments: TillPaymentInfo[]): TillTotals {
  const byChannel = groupBy(payments, (p) => p.channel)
  const channels = TILL_CHANNELS.filter((c) => c !== 'altro' || byChannel.has(c)).map((channel) => ({ channel, ...(byChannel.get(channel) ?? { count: 0, cents: 0 }) }))
  const operators = [...groupBy(payments, (p) => p.operator)].map(([operator, total]) => ({ operator, ...total })).sort((a, b) => a.operator.localeCompare(b.operator, 'it'))
  // Dues without a type last.
  const dueTypes = [...groupBy(payments, (p) => p.dueType)]
    .map(([dueType, total]) => ({ dueType, ...total }))
    .sort((a, b) => (a.dueType ?? '\uffff').localeCompare(b.dueType ?? '\uffff', 'it'))
  return {
    count: payments.length,
    cents: payments.reduce((sum, p) => sum + p.amountCents, 0),
    channels,
    operators,
    dueTypes,
    cashCents: byChannel.get('contanti')?.cents ?? 0
  }
}
