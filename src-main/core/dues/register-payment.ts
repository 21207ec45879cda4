// A payment taken at the desk outside pagoPA (cash, cheque, transfer, POS non collegato): recorded
// here with the one rule and record of desk-payment.ts, reported to GPD as paid.
import type { z } from 'zod'
import type { PositionStatus, RegisterPaymentInput } from '../../contract/dues'
import { AppError } from '../../contract/errors'
import { closedDayRefusal } from '../../contract/till'
import { queryDb } from '../db/queries/query-db'
import { lastClosedDay } from '../db/queries/till'
import { parseNoticeNumber } from '../pagopa/notice-number'
import { refuseIf, type DueCommandContext } from './command-context'
import { deskPaymentRefusal, recordDeskPayment } from './desk-payment'

export function registerPayment(c: DueCommandContext, input: z.output<typeof RegisterPaymentInput>): { iupd: string; status: PositionStatus } {
  const notice = parseNoticeNumber(input.nav)
  if (!notice.valid) throw new AppError('INVALID_INPUT', notice.reason)
  const option = c.sqlite
    .prepare<[string], { id: number; position_id: number; status: string; amount_cents: number; is_partial_payment: number; iupd: string }>('SELECT o.id, o.position_id, o.status, o.amount_cents, o.is_partial_payment, p.iupd FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE o.nav = ?')
    .get(notice.nav)
  if (!option) throw new AppError('NOT_FOUND', 'dues.noNotice', { nav: input.nav })
  const p = c.mustFind(option.iupd)
  refuseIf(deskPaymentRefusal(p.status, { status: option.status, isPartialPayment: option.is_partial_payment === 1 }))
  if (input.paidOn > c.today()) throw new AppError('INVALID_INPUT', 'dues.paidInFuture')
  // A closed day of the till is not altered: today's payment after today's closing goes to the next one.
  refuseIf(closedDayRefusal(input.paidOn, lastClosedDay(queryDb(c.sqlite)), c.today()))
  return c.sqlite.transaction(() => {
    const before = c.snapshot(p.iupd)
    const status = recordDeskPayment(c.sqlite, c.outbox, {
      optionId: option.id,
      positionId: p.id,
      isPartialPayment: option.is_partial_payment === 1,
      iupd: p.iupd,
      nav: notice.nav,
      channel: input.channel,
      paidAt: `${input.paidOn}T12:00:00`,
      amountCents: option.amount_cents,
      reference: input.reference ?? null,
      operator: c.operator(),
      note: input.note ?? null,
      pspCompany: 'Sportello'
    }, c.receipts)
    c.audit.append({ operator: c.operator(), action: 'registerPayment', entity: 'position', entityKey: p.iupd, before, after: c.snapshot(p.iupd), reason: `${input.channel}${input.reference ? ` ${input.reference}` : ''}` })
    return { iupd: p.iupd, status }
  })()
}
