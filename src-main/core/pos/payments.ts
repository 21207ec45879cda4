// "Pagamento tramite POS": the journal-first payment flow. Before anything reaches the terminal
// the attempt is in the journal (flushed to disk); each step is recorded; one payment per terminal
// and per due at a time. A request that may have reached the terminal is never sent again: an
// unknown outcome is recovered by asking the terminal for its last result (G) and comparing it
// with what it held before; if that still cannot tell, the due stays locked as "esito incerto"
// and the operator decides with the facts on screen, never by charging again.
import { randomUUID } from 'node:crypto'
import { AppError } from '../../contract/errors'
import { message, type Message } from '../../contract/messages'
import { awaitingReceiptRefusal, OPEN_PAYMENT_REFUSAL, OPEN_STATES, POS_APPROVED_STATES, type PosJournalState } from '../../contract/pos'
import { approvedChargeOf, entryIdsIn, hasEntryIn, insertSending, journalRow, openEntryOf, payableOptionOf, type PayableOption } from '../db/queries/pos-journal'
import { deskPaymentRefusal } from '../dues/desk-payment'
import { ecr17, parsePaymentResult } from './ecr17/messages'
import { createPaymentContext, type PaymentContext, type PosPaymentOutcome, type PosPaymentsOptions } from './payment-context'
import { askLastResult, recordApproved, recover } from './payment-outcome'

export type { PosPaymentOutcome, PosPaymentsOptions } from './payment-context'
export type JournalState = PosJournalState
export { OPEN_STATES, OPEN_PAYMENT_REFUSAL, awaitingReceiptRefusal }
export const APPROVED_STATES = POS_APPROVED_STATES
/** How long a new payment waits for a busy terminal before saying so (nothing has been sent). */
const BEFORE_PAYMENT_WAIT_MS = 15_000
/** Left open by a crash or a dropped link: the terminal must be asked what happened. */
const RECOVERABLE_STATES: readonly JournalState[] = ['sending', 'unknown']

/** The option to charge, refused with the same rules as a payment registered by hand, before the terminal hears anything. */
function payableOption(c: PaymentContext, nav: string): PayableOption {
  const option = payableOptionOf(c.db, nav)
  if (!option) throw new AppError('NOT_FOUND', 'dues.noNotice', { nav })
  const refusal = deskPaymentRefusal(option.positionStatus, { status: option.status, isPartialPayment: option.isPartialPayment })
  if (refusal) throw new AppError('CONFLICT', refusal)
  if (openEntryOf(c.db, option.iupd)) throw new AppError('CONFLICT', OPEN_PAYMENT_REFUSAL)
  // Approved but still unpaid here: a PSP terminal's receipt has not come back yet.
  const approved = approvedChargeOf(c.db, nav)
  if (approved) throw new AppError('CONFLICT', awaitingReceiptRefusal(approved.stan))
  return option
}

/** Journal first, then the terminal; its answer settles the journal, or leaves it to recovery. */
async function charge(c: PaymentContext, option: PayableOption): Promise<PosPaymentOutcome> {
  // What the terminal holds before this payment: recovery compares with it.
  // Nothing is at stake yet: a terminal not ready soon is reported, not waited for minutes.
  const before = await askLastResult(c, Math.min(c.recoveryWaitMs, BEFORE_PAYMENT_WAIT_MS))
  if (before.kind !== 'result') throw new AppError('UNAVAILABLE', before.kind === 'not-sent' ? message('pos.unavailable', { reason: before.reason }) : message('pos.unavailableNoAnswer'))
  const baselineStan = parsePaymentResult(before.message)?.stan ?? null
  const id = randomUUID()
  const request = ecr17.payment(c.ids, option.amountCents, { receiptText: `Avviso ${option.nav} ${option.causale}` })
  c.durably(() => insertSending(c.db, { id, iupd: option.iupd, nav: option.nav, amountCents: option.amountCents, terminalId: c.ids.terminalId, baselineStan, operator: c.options.operator() }))
  const progress = (text: Message) => c.options.onProgress?.(id, option.iupd, text)
  progress(message('pos.progress.sending'))
  // The terminal's own words (INSERIRE CARTA, DIGITARE PIN) are shown as it sends them.
  const answer = await c.session.request(request, { financial: true, expectResult: true, replyCodes: ['E'], onProgress: (text) => progress(message('pos.verbatim', { text })) })
  if (answer.kind === 'not-sent') {
    c.settleDurably(id, 'not-sent', { message: message('pos.outcome.notSent', { reason: answer.reason }) })
    return c.outcomeOf(id)
  }
  const raw = answer.kind === 'result' ? answer.message : null
  const result = raw === null ? null : parsePaymentResult(raw)
  if (!result) {
    const why = answer.kind === 'unknown' ? message('pos.outcome.unknownExchange', { reason: answer.reason }) : message(answer.kind === 'acked' ? 'pos.outcome.noResult' : 'pos.outcome.unreadable')
    c.settleDurably(id, 'unknown', { result_raw: raw, message: why })
    return await recover(c, id)
  }
  if (result.outcome !== 'approved') {
    c.settleDurably(id, 'declined', { stan: result.stan, result_raw: raw, message: message('pos.outcome.declined', { text: result.text }) })
  } else if (result.authorisedCents !== null && result.authorisedCents !== option.amountCents) {
    c.settleDurably(id, 'uncertain', { result_raw: raw, message: message('pos.outcome.amountMismatch') })
  } else {
    recordApproved(c, id, result, 'approved', message('pos.outcome.approved', { stan: result.stan, authCode: result.authCode }))
  }
  return c.outcomeOf(id)
}

/** The operator settles an "esito incerto" from the terminal's own receipt or journal. */
function resolve(c: PaymentContext, id: string, approved: boolean, note: string): PosPaymentOutcome {
  const j = journalRow(c.db, id)
  if (!j || j.state !== 'uncertain') throw new AppError('CONFLICT', 'pos.nothingToResolve')
  if (approved) {
    if (c.optionOf(j.nav)?.status !== 'PO_UNPAID') throw new AppError('CONFLICT', 'pos.resolveAlreadyPaid')
    recordApproved(c, id, { outcome: 'approved', terminalId: c.ids.terminalId, pan: '', transactionType: '', authCode: '', hostTime: '', cardType: '', acquirerId: '', stan: j.stan ?? '', onlineId: '', authorisedCents: null }, 'resolved-approved', message('pos.outcome.confirmedByOperator', { note }))
  } else {
    c.durably(() => {
      if (!c.settle(id, 'resolved-not-performed', { message: message('pos.outcome.notPerformedByOperator', { note }) })) return
      c.audit.append({ operator: c.options.operator(), action: 'posResolved', entity: 'position', entityKey: j.iupd, reason: `Pagamento POS non eseguito: ${note}` })
    })
  }
  return c.outcomeOf(id)
}

export function createPosPayments(options: PosPaymentsOptions) {
  const c = createPaymentContext(options)
  let busy = false
  const hasPending = () => hasEntryIn(c.db, RECOVERABLE_STATES)
  /** Entries not settled (after a crash, a pulled cable): recovered before any new payment. */
  async function recoverPending(): Promise<PosPaymentOutcome[]> {
    const open = entryIdsIn(c.db, RECOVERABLE_STATES)
    const outcomes: PosPaymentOutcome[] = []
    for (const id of open) outcomes.push(await recover(c, id))
    return outcomes
  }
  return {
    recoverPending,
    /** Whether a crash or a dropped link left an entry whose outcome the terminal must be asked for. */
    hasPending,
    /** The entry that locks this due, if any. */
    unresolvedFor: (iupd: string) => openEntryOf(c.db, iupd),
    /** Charges one unpaid installment; the terminal's receipt names the notice and the due's causale. */
    async pay(nav: string): Promise<PosPaymentOutcome> {
      if (busy) throw new AppError('CONFLICT', 'pos.busyPaying')
      busy = true
      try {
        if (hasPending()) await recoverPending()
        return await charge(c, payableOption(c, nav))
      } finally {
        busy = false
      }
    },
    resolve: (id: string, approved: boolean, note: string) => resolve(c, id, approved, note)
  }
}
export type PosPayments = ReturnType<typeof createPosPayments>
