// The outcome of a POS payment: an approval recorded as a desk payment (or left to its pagoPA
// receipt with a PSP terminal), and the recovery of an outcome the link lost, by asking the
// terminal for its last result once it is idle.
import { italian, message, type Message } from '../../contract/messages'
import { recordDeskPayment } from '../dues/desk-payment'
import { ecr17, parsePaymentResult, parseStatus, type PaymentResult } from './ecr17/messages'
import type { PaymentContext, PosPaymentOutcome } from './payment-context'

/** The approved payment becomes a desk payment on the due, and GPD hears of it through the outbox. */
export function recordApproved(c: PaymentContext, id: string, result: Extract<PaymentResult, { outcome: 'approved' }>, state: 'approved' | 'resolved-approved', outcome: Message): void {
  const j = c.entry(id)
  const recorded = c.durably(() => {
    const option = c.optionOf(j.nav)
    // Paid meanwhile by another channel (a PSP, another desk): the citizen has paid twice, which
    // the operator must see, not a second payment silently added to the due.
    if (option && option.status !== 'PO_UNPAID') {
      c.settle(id, 'uncertain', { stan: result.stan, auth_code: result.authCode, pan: result.pan, message: message('pos.outcome.doubleCharge', { stan: result.stan }) })
      return false
    }
    const facts = { stan: result.stan, auth_code: result.authCode, pan: result.pan, online_id: result.onlineId, host_time: result.hostTime }
    if (c.options.pagopaPsp) {
      if (!c.settle(id, state, { ...facts, message: message('pos.outcome.pspApproved', { outcome }) })) return false
      c.audit.append({ operator: String(j.operator), action: 'posPayment', entity: 'position', entityKey: String(j.iupd), reason: `POS (PSP pagoPA): ${italian(outcome)}; in attesa della ricevuta` })
      return true
    }
    if (!c.settle(id, state, { ...facts, message: outcome })) return false
    if (!option) return false
    const status = recordDeskPayment(c.sqlite, c.outbox, {
      optionId: option.id,
      positionId: option.positionId,
      isPartialPayment: option.isPartialPayment,
      iupd: String(j.iupd),
      nav: String(j.nav),
      channel: 'pos-integrato',
      paidAt: new Date().toISOString(),
      amountCents: j.amountCents,
      reference: `STAN ${result.stan} · AUT ${result.authCode}`,
      operator: String(j.operator),
      note: `Carta ${result.pan} · operazione POS ${id}`,
      pspCompany: 'POS sportello'
    }, c.options.receipts)
    c.audit.append({ operator: String(j.operator), action: 'registerPayment', entity: 'position', entityKey: String(j.iupd), after: { status }, reason: `POS: ${italian(outcome)}` })
    return true
  })
  if (recorded) c.options.onRecorded?.(String(j.iupd))
}

/**
 * The last result (G) carries no request id: asked while the terminal is still working on a
 * payment it is the previous one, and would make a charge in progress look "not performed".
 * So ask the status (s) until the terminal reports itself operative and idle.
 */
async function waitUntilIdle(c: PaymentContext, limitMs: number, onWait?: () => void): Promise<string | null> {
  const until = Date.now() + limitMs
  for (let waited = false; ; waited = true) {
    const answer = await c.session.request(ecr17.status(c.ids), { financial: false, expectResult: true, replyCodes: ['s'] })
    const state = answer.kind === 'result' ? (parseStatus(answer.message)?.state ?? null) : null
    if (state === '2') return state
    if (Date.now() >= until) return state
    if (!waited) onWait?.()
    await new Promise((r) => setTimeout(r, 500))
  }
}
function notReady(state: string | null): Message {
  if (state === null) return message('pos.reason.noResponse')
  if (state === '1') return message('pos.reason.busy')
  return message(state === '0' ? 'pos.reason.notConfigured' : state === '6' ? 'pos.reason.updating' : 'pos.reason.notReady', { state })
}

/** The last result, once the terminal is idle; how long to wait depends on what is at stake. */
export async function askLastResult(c: PaymentContext, limitMs: number, onWait?: () => void) {
  const state = await waitUntilIdle(c, limitMs, onWait)
  return state === '2' ? c.session.request(ecr17.lastResult(c.ids), { financial: false, expectResult: true, replyCodes: ['E'] }) : ({ kind: 'not-sent', reason: notReady(state) } as const)
}

/** Asks the terminal what happened to an unknown payment, and settles the journal. */
export async function recover(c: PaymentContext, id: string): Promise<PosPaymentOutcome> {
  const j = c.entry(id)
  // The operator sees why the dialog is still open: the outcome is being asked, not a new charge.
  const progress = (text: Message) => c.options.onProgress?.(id, String(j.iupd), text)
  progress(message('pos.progress.checking'))
  const answer = await askLastResult(c, c.recoveryWaitMs, () => progress(message('pos.progress.waiting')))
  const result = answer.kind === 'result' ? parsePaymentResult(answer.message) : null
  const baseline = j.baselineStan || null
  if (!result) {
    c.settleDurably(id, 'uncertain', { message: message('pos.outcome.noLastResult') })
  } else if (baseline !== null && result.stan === baseline) {
    // The terminal still holds the result from before: this payment never reached the host.
    c.settleDurably(id, 'not-performed', { message: message('pos.outcome.notPerformed') })
  } else if (result.outcome !== 'approved') {
    c.settleDurably(id, 'declined', { stan: result.stan, message: message('pos.outcome.declined', { text: result.text }) })
  } else if (result.authorisedCents !== null && result.authorisedCents !== j.amountCents) {
    c.settleDurably(id, 'uncertain', { result_raw: answer.kind === 'result' ? answer.message : null, message: message('pos.outcome.differentAmount', { cents: result.authorisedCents }) })
  } else {
    recordApproved(c, id, result, 'approved', message('pos.outcome.recovered', { stan: result.stan }))
  }
  return c.outcomeOf(id)
}
