// The outcome of a POS payment: an approval recorded as a desk payment (or left to its pagoPA
// receipt with a PSP terminal), and the recovery of an outcome the link lost, by asking the
// terminal for its last result once it is idle.
import { recordDeskPayment } from '../dues/desk-payment'
import { ecr17, parsePaymentResult, parseStatus, type PaymentResult } from './ecr17/messages'
import type { PaymentContext, PosPaymentOutcome } from './payment-context'

/** The approved payment becomes a desk payment on the due, and GPD hears of it through the outbox. */
export function recordApproved(c: PaymentContext, id: string, result: Extract<PaymentResult, { outcome: 'approved' }>, state: 'approved' | 'resolved-approved', message: string): void {
  const j = c.entry(id)
  const recorded = c.durably(() => {
    const option = c.optionOf(j.nav)
    // Paid meanwhile by another channel (a PSP, another desk): the citizen has paid twice, which
    // the operator must see, not a second payment silently added to the due.
    if (option && option.status !== 'PO_UNPAID') {
      c.settle(id, 'uncertain', { stan: result.stan, auth_code: result.authCode, pan: result.pan, message: `Esito incerto: il POS riporta un pagamento approvato (STAN ${result.stan}) per un avviso già pagato. Verificare un possibile doppio addebito.` })
      return false
    }
    const facts = { stan: result.stan, auth_code: result.authCode, pan: result.pan, online_id: result.onlineId, host_time: result.hostTime }
    if (c.options.pagopaPsp) {
      if (!c.settle(id, state, { ...facts, message: `${message}. Pagamento pagoPA: il dovuto risulterà pagato con la ricevuta, alla prossima sincronizzazione.` })) return false
      c.audit.append({ operator: String(j.operator), action: 'posPayment', entity: 'position', entityKey: String(j.iupd), reason: `POS (PSP pagoPA): ${message}; in attesa della ricevuta` })
      return true
    }
    if (!c.settle(id, state, { ...facts, message })) return false
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
    })
    c.audit.append({ operator: String(j.operator), action: 'registerPayment', entity: 'position', entityKey: String(j.iupd), after: { status }, reason: `POS: ${message}` })
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
const notReady = (state: string | null) =>
  state === null ? 'il terminale non risponde' : state === '1' ? 'il terminale è occupato in un’altra operazione' : `il terminale non è pronto (stato ${state}${state === '0' ? ', non configurato' : state === '6' ? ', aggiornamento in corso' : ''})`

/** The last result, once the terminal is idle; how long to wait depends on what is at stake. */
export async function askLastResult(c: PaymentContext, limitMs: number, onWait?: () => void) {
  const state = await waitUntilIdle(c, limitMs, onWait)
  return state === '2' ? c.session.request(ecr17.lastResult(c.ids), { financial: false, expectResult: true, replyCodes: ['E'] }) : ({ kind: 'not-sent', reason: notReady(state) } as const)
}

/** Asks the terminal what happened to an unknown payment, and settles the journal. */
export async function recover(c: PaymentContext, id: string): Promise<PosPaymentOutcome> {
  const j = c.entry(id)
  // The operator sees why the dialog is still open: the outcome is being asked, not a new charge.
  const progress = (text: string) => c.options.onProgress?.(id, String(j.iupd), text)
  progress('Verifica dell’esito con il POS…')
  const answer = await askLastResult(c, c.recoveryWaitMs, () => progress('Il POS è occupato o non risponde: attendo per verificare l’esito (non ripetere il pagamento)…'))
  const result = answer.kind === 'result' ? parsePaymentResult(answer.message) : null
  const baseline = j.baselineStan || null
  if (!result) {
    c.settleDurably(id, 'uncertain', { message: 'Esito incerto: il POS non ha comunicato l’ultimo risultato. Controllare lo scontrino o il giornale del POS.' })
  } else if (baseline !== null && result.stan === baseline) {
    // The terminal still holds the result from before: this payment never reached the host.
    c.settleDurably(id, 'not-performed', { message: 'Pagamento non eseguito dal POS: si può riprovare.' })
  } else if (result.outcome !== 'approved') {
    c.settleDurably(id, 'declined', { stan: result.stan, message: `Pagamento non riuscito: ${result.text}` })
  } else if (result.authorisedCents !== null && result.authorisedCents !== j.amountCents) {
    c.settleDurably(id, 'uncertain', { result_raw: answer.kind === 'result' ? answer.message : null, message: `Esito incerto: il POS riporta un pagamento di importo diverso (${result.authorisedCents} centesimi).` })
  } else {
    recordApproved(c, id, result, 'approved', `Pagamento approvato (recuperato dal POS), STAN ${result.stan}`)
  }
  return c.outcomeOf(id)
}
