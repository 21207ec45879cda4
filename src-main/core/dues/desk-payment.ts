// A payment taken at the desk outside pagoPA (cash, cheque, transfer, card at the POS): who may be
// paid, and how it is recorded. The desk payment row keeps how and by whom; the installment and
// the due turn paid; the payment gets its numbered receipt; GPD hears of it through the outbox. One
// rule and one record for every channel.
import type Database from 'better-sqlite3'
import type { DeskPaymentChannel, PositionStatus } from '../../contract/dues'
import { message, type Message } from '../../contract/messages'
import { whyNotAllowed } from '../pagopa/status-rules'
import type { Outbox } from '../db/outbox'
import type { ReceiptBook } from '../receipts/numbering'

export interface PayableOption {
  status: string
  isPartialPayment: boolean
}

/** Why this installment cannot be paid at the desk now, or null. */
export function deskPaymentRefusal(positionStatus: PositionStatus, option: PayableOption): Message | null {
  // The notice itself first: the most precise thing to tell the operator.
  if (option.status !== 'PO_UNPAID') return message('dues.noticeAlreadyPaid')
  const why = whyNotAllowed('markPaid', positionStatus)
  if (why) return why
  // The single payment covers the whole due: once an installment is paid it would pay it twice.
  if (positionStatus === 'PARTIALLY_PAID' && !option.isPartialPayment) return message('dues.installmentAlreadyPaid')
  return null
}

export interface DeskPayment {
  optionId: number
  positionId: number
  isPartialPayment: boolean
  iupd: string
  nav: string
  channel: DeskPaymentChannel
  /** ISO date-time; GPD receives its first 19 characters. */
  paidAt: string
  amountCents: number
  reference: string | null
  operator: string
  note: string | null
  /** What the due's page shows as the payer's provider: the desk itself. */
  pspCompany: string
}

/**
 * Records the payment and numbers its receipt; call inside the transaction of the change it belongs
 * to. Returns the due's new status.
 */
export function recordDeskPayment(sqlite: Database.Database, outbox: Outbox, p: DeskPayment, receipts: ReceiptBook): PositionStatus {
  const payment = sqlite
    .prepare('INSERT INTO desk_payments (option_id, channel, paid_at, amount_cents, reference, operator, note) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(p.optionId, p.channel, p.paidAt, p.amountCents, p.reference, p.operator, p.note)
  // After the payment's row: the cache's write lock is held while the number is reserved.
  receipts.issue(Number(payment.lastInsertRowid), p.operator)
  sqlite.prepare("UPDATE payment_options SET status = 'PO_PAID', payment_date = ?, payment_method = ?, psp_company = ? WHERE id = ?").run(p.paidAt, p.channel, p.pspCompany, p.optionId)
  const plan = sqlite.prepare<[number], { total: number; paid: number | null }>("SELECT count(*) AS total, sum(status != 'PO_UNPAID') AS paid FROM payment_options WHERE position_id = ? AND is_partial_payment = 1").get(p.positionId)!
  const status: PositionStatus = !p.isPartialPayment || (plan.total > 0 && plan.paid === plan.total) ? 'PAID' : 'PARTIALLY_PAID'
  sqlite.prepare("UPDATE positions SET status = ?, paid_at = ?, sync_state = 'pending' WHERE id = ?").run(status, p.paidAt, p.positionId)
  outbox.enqueue('markPaid', p.iupd, { nav: p.nav, paymentDate: p.paidAt.slice(0, 19) })
  return status
}
