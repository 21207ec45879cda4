// "Pagamento tramite POS": the journal-first payment flow. Before anything reaches the terminal
// the attempt is in the journal (flushed to disk); each step is recorded; one payment per terminal
// and per due at a time. A request that may have reached the terminal is never sent again: an
// unknown outcome is recovered by asking the terminal for its last result (G) and comparing it
// with what it held before; if that still cannot tell, the due stays locked as "esito incerto"
// and the operator decides with the facts on screen, never by charging again.
import type Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { AppError } from '../../contract/errors'
import { awaitingReceiptRefusal, OPEN_PAYMENT_REFUSAL, OPEN_STATES, POS_APPROVED_STATES, type PosJournalState, type PosOutcomeInfo } from '../../contract/pos'
import { createAuditLog } from '../audit/audit-log'
import { createOutbox } from '../db/outbox'
import { deskPaymentRefusal, recordDeskPayment } from '../dues/desk-payment'
import type { PositionStatus } from '../../contract/dues'
import { ecr17, parsePaymentResult, parseStatus, type Ecr17Ids, type PaymentResult } from './ecr17/messages'
import { DEFAULT_SESSION, type Ecr17Session } from './ecr17/session'

export type JournalState = PosJournalState
export { OPEN_STATES, OPEN_PAYMENT_REFUSAL, awaitingReceiptRefusal }
export const APPROVED_STATES = POS_APPROVED_STATES
/** How long a new payment waits for a busy terminal before saying so (nothing has been sent). */
const BEFORE_PAYMENT_WAIT_MS = 15_000
/** Left open by a crash or a dropped link: the terminal must be asked what happened. */
const RECOVERABLE_STATES: readonly JournalState[] = ['sending', 'unknown']
const IN_RECOVERABLE = `(${RECOVERABLE_STATES.map((s) => `'${s}'`).join(', ')})`
/**
 * The states each state is reached from. Every step of the journal is a compare-and-set: a step
 * that finds its entry already settled (by a recovery, or by another process on the same cache)
 * changes nothing, so an outcome is recorded once whatever runs late.
 */
const REACHED_FROM: Record<Exclude<JournalState, 'sending'>, JournalState[]> = {
  unknown: ['sending'],
  'not-sent': ['sending'],
  approved: ['sending', 'unknown'],
  declined: ['sending', 'unknown'],
  'not-performed': ['sending', 'unknown'],
  uncertain: ['sending', 'unknown'],
  'resolved-approved': ['uncertain'],
  'resolved-not-performed': ['uncertain']
}

export type PosPaymentOutcome = PosOutcomeInfo

export interface PosPaymentsOptions {
  sqlite: Database.Database
  session: Ecr17Session
  ids: Ecr17Ids
  operator: () => string
  onProgress?: (journalId: string, iupd: string, text: string) => void
  /** How long to wait for the terminal to be idle before trusting its last result (a cardholder may still be typing the PIN). */
  idleWaitMs?: number
  /** Called when a due's payment is recorded (to refresh statuses, push the outbox). */
  onRecorded?: (iupd: string) => void
  /** The terminal is a pagoPA PSP: its approval is a pagoPA payment whose receipt comes through sync. */
  pagopaPsp?: boolean
}

export function createPosPayments(options: PosPaymentsOptions) {
  const { sqlite, session, ids } = options
  const audit = createAuditLog(sqlite)
  const outbox = createOutbox(sqlite)
  let busy = false

  /** Journal writes are flushed to disk before the next step: they must survive a power cut. */
  function durably<T>(work: () => T): T {
    sqlite.pragma('synchronous = FULL')
    try {
      return sqlite.transaction(work)()
    } finally {
      sqlite.pragma('synchronous = NORMAL')
    }
  }
  /** Moves an entry on, only from the states that lead there; false when it had moved on already. */
  const settle = (id: string, state: Exclude<JournalState, 'sending'>, extra: Record<string, string | null> = {}): boolean => {
    const columns = Object.keys(extra)
    const from = REACHED_FROM[state]
    const changed = sqlite
      .prepare(`UPDATE pos_journal SET state = ?, updated_at = ? ${columns.map((c) => `, ${c} = ?`).join('')} WHERE id = ? AND state IN (${from.map(() => '?').join(',')})`)
      .run(state, new Date().toISOString(), ...columns.map((c) => extra[c] ?? null), id, ...from).changes
    return changed === 1
  }
  const settleDurably = (id: string, state: Exclude<JournalState, 'sending'>, extra: Record<string, string | null>) => durably(() => settle(id, state, extra))
  const entry = (id: string) => sqlite.prepare('SELECT * FROM pos_journal WHERE id = ?').get(id) as Record<string, string | number | null>
  /** What the journal holds: the caller sees the outcome that was kept, not the one it tried to write. */
  const outcomeOf = (id: string): PosPaymentOutcome => {
    const j = entry(id)
    return { id, state: j.state as JournalState, message: String(j.message ?? ''), stan: (j.stan as string | null) ?? null }
  }
  const optionOf = (nav: unknown) =>
    sqlite.prepare('SELECT id, position_id, is_partial_payment, status FROM payment_options WHERE nav = ?').get(nav) as
      | { id: number; position_id: number; is_partial_payment: number; status: string }
      | undefined

  /** The approved payment becomes a desk payment on the due, and GPD hears of it through the outbox. */
  function recordApproved(id: string, result: Extract<PaymentResult, { outcome: 'approved' }>, state: 'approved' | 'resolved-approved', message: string): void {
    const j = entry(id)
    const recorded = durably(() => {
      const option = optionOf(j.nav)
      // Paid meanwhile by another channel (a PSP, another desk): the citizen has paid twice, which
      // the operator must see, not a second payment silently added to the due.
      if (option && option.status !== 'PO_UNPAID') {
        settle(id, 'uncertain', { stan: result.stan, auth_code: result.authCode, pan: result.pan, message: `Esito incerto: il POS riporta un pagamento approvato (STAN ${result.stan}) per un avviso già pagato. Verificare un possibile doppio addebito.` })
        return false
      }
      const facts = { stan: result.stan, auth_code: result.authCode, pan: result.pan, online_id: result.onlineId, host_time: result.hostTime }
      if (options.pagopaPsp) {
        if (!settle(id, state, { ...facts, message: `${message}. Pagamento pagoPA: il dovuto risulterà pagato con la ricevuta, alla prossima sincronizzazione.` })) return false
        audit.append({ operator: String(j.operator), action: 'posPayment', entity: 'position', entityKey: String(j.iupd), reason: `POS (PSP pagoPA): ${message}; in attesa della ricevuta` })
        return true
      }
      if (!settle(id, state, { ...facts, message })) return false
      if (!option) return false
      const status = recordDeskPayment(sqlite, outbox, {
        optionId: option.id,
        positionId: option.position_id,
        isPartialPayment: option.is_partial_payment === 1,
        iupd: String(j.iupd),
        nav: String(j.nav),
        channel: 'pos-integrato',
        paidAt: new Date().toISOString(),
        amountCents: Number(j.amount_cents),
        reference: `STAN ${result.stan} · AUT ${result.authCode}`,
        operator: String(j.operator),
        note: `Carta ${result.pan} · operazione POS ${id}`,
        pspCompany: 'POS sportello'
      })
      audit.append({ operator: String(j.operator), action: 'registerPayment', entity: 'position', entityKey: String(j.iupd), after: { status }, reason: `POS: ${message}` })
      return true
    })
    if (recorded) options.onRecorded?.(String(j.iupd))
  }

  /**
   * The last result (G) carries no request id: asked while the terminal is still working on a
   * payment it is the previous one, and would make a charge in progress look "not performed".
   * So ask the status (s) until the terminal reports itself operative and idle.
   */
  async function waitUntilIdle(limitMs: number, onWait?: () => void): Promise<string | null> {
    const until = Date.now() + limitMs
    for (let waited = false; ; waited = true) {
      const answer = await session.request(ecr17.status(ids), { financial: false, expectResult: true, replyCodes: ['s'] })
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
  async function askLastResult(limitMs: number, onWait?: () => void) {
    const state = await waitUntilIdle(limitMs, onWait)
    return state === '2' ? session.request(ecr17.lastResult(ids), { financial: false, expectResult: true, replyCodes: ['E'] }) : ({ kind: 'not-sent', reason: notReady(state) } as const)
  }
  /** Recovery may wait as long as a payment can last: the cardholder may still be typing the PIN. */
  const recoveryWaitMs = options.idleWaitMs ?? DEFAULT_SESSION.resultTimeoutMs

  /** Asks the terminal what happened to an unknown payment, and settles the journal. */
  async function recover(id: string): Promise<PosPaymentOutcome> {
    const j = entry(id)
    // The operator sees why the dialog is still open: the outcome is being asked, not a new charge.
    const progress = (text: string) => options.onProgress?.(id, String(j.iupd), text)
    progress('Verifica dell’esito con il POS…')
    const answer = await askLastResult(recoveryWaitMs, () => progress('Il POS è occupato o non risponde: attendo per verificare l’esito (non ripetere il pagamento)…'))
    const result = answer.kind === 'result' ? parsePaymentResult(answer.message) : null
    const baseline = j.baseline_stan ? String(j.baseline_stan) : null
    if (!result) {
      settleDurably(id, 'uncertain', { message: 'Esito incerto: il POS non ha comunicato l’ultimo risultato. Controllare lo scontrino o il giornale del POS.' })
    } else if (baseline !== null && result.stan === baseline) {
      // The terminal still holds the result from before: this payment never reached the host.
      settleDurably(id, 'not-performed', { message: 'Pagamento non eseguito dal POS: si può riprovare.' })
    } else if (result.outcome !== 'approved') {
      settleDurably(id, 'declined', { stan: result.stan, message: `Pagamento non riuscito: ${result.text}` })
    } else if (result.authorisedCents !== null && result.authorisedCents !== Number(j.amount_cents)) {
      settleDurably(id, 'uncertain', { result_raw: answer.kind === 'result' ? answer.message : null, message: `Esito incerto: il POS riporta un pagamento di importo diverso (${result.authorisedCents} centesimi).` })
    } else {
      recordApproved(id, result, 'approved', `Pagamento approvato (recuperato dal POS), STAN ${result.stan}`)
    }
    return outcomeOf(id)
  }

  return {
    /** Entries not settled (after a crash, a pulled cable): recovered before any new payment. */
    async recoverPending(): Promise<PosPaymentOutcome[]> {
      const open = sqlite.prepare(`SELECT id FROM pos_journal WHERE state IN ${IN_RECOVERABLE} ORDER BY created_at`).pluck().all() as string[]
      const outcomes: PosPaymentOutcome[] = []
      for (const id of open) outcomes.push(await recover(id))
      return outcomes
    },

    /** Whether a crash or a dropped link left an entry whose outcome the terminal must be asked for. */
    hasPending(): boolean {
      return sqlite.prepare(`SELECT 1 FROM pos_journal WHERE state IN ${IN_RECOVERABLE} LIMIT 1`).get() !== undefined
    },

    unresolvedFor(iupd: string): Record<string, unknown> | undefined {
      return sqlite.prepare(`SELECT * FROM pos_journal WHERE iupd = ? AND state IN (${OPEN_STATES.map(() => '?').join(',')}) ORDER BY created_at DESC LIMIT 1`).get(iupd, ...OPEN_STATES) as Record<string, unknown> | undefined
    },

    /** Charges one unpaid installment; the terminal's receipt names the notice and the due's causale. */
    async pay(nav: string): Promise<PosPaymentOutcome> {
      if (busy) throw new AppError('CONFLICT', 'Il POS sta già eseguendo un pagamento: attendere che finisca.')
      busy = true
      try {
        if (this.hasPending()) await this.recoverPending()
        const option = sqlite
          .prepare('SELECT o.nav, o.amount_cents, o.status, o.is_partial_payment, p.iupd, p.causale, p.status AS position_status FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE o.nav = ?')
          .get(nav) as { nav: string; amount_cents: number; status: string; is_partial_payment: number; iupd: string; causale: string; position_status: PositionStatus } | undefined
        if (!option) throw new AppError('NOT_FOUND', `Nessun dovuto con numero avviso ${nav}.`)
        // The same rule as a payment registered by hand: nothing is sent to the terminal otherwise.
        const refusal = deskPaymentRefusal(option.position_status, { status: option.status, isPartialPayment: option.is_partial_payment === 1 })
        if (refusal) throw new AppError('CONFLICT', refusal)
        if (this.unresolvedFor(option.iupd)) throw new AppError('CONFLICT', OPEN_PAYMENT_REFUSAL)
        // Approved but still unpaid here: a PSP terminal's receipt has not come back yet.
        const approved = sqlite.prepare(`SELECT stan FROM pos_journal WHERE nav = ? AND state IN (${APPROVED_STATES.map(() => '?').join(',')}) LIMIT 1`).get(nav, ...APPROVED_STATES) as { stan: string | null } | undefined
        if (approved) throw new AppError('CONFLICT', awaitingReceiptRefusal(approved.stan))

        // What the terminal holds before this payment: recovery compares with it.
        // Nothing is at stake yet: a terminal not ready soon is reported, not waited for minutes.
        const before = await askLastResult(Math.min(recoveryWaitMs, BEFORE_PAYMENT_WAIT_MS))
        if (before.kind !== 'result') throw new AppError('UNAVAILABLE', `POS non disponibile: ${before.kind === 'not-sent' ? before.reason : 'nessuna risposta'}. Nessun addebito è stato richiesto.`)
        const baselineStan = parsePaymentResult(before.message)?.stan ?? null

        const id = randomUUID()
        const message = ecr17.payment(ids, option.amount_cents, { receiptText: `Avviso ${option.nav} ${option.causale}` })
        durably(() =>
          sqlite
            .prepare('INSERT INTO pos_journal (id, iupd, nav, amount_cents, terminal_id, state, baseline_stan, operator, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
            .run(id, option.iupd, option.nav, option.amount_cents, ids.terminalId, 'sending', baselineStan, options.operator(), new Date().toISOString())
        )
        const progress = (text: string) => options.onProgress?.(id, option.iupd, text)
        progress('Invio al POS…')
        const answer = await session.request(message, { financial: true, expectResult: true, replyCodes: ['E'], onProgress: progress })
        if (answer.kind === 'not-sent') {
          settleDurably(id, 'not-sent', { message: `Pagamento non inviato al POS: ${answer.reason}` })
          return outcomeOf(id)
        }
        const raw = answer.kind === 'result' ? answer.message : null
        const result = raw === null ? null : parsePaymentResult(raw)
        if (!result) {
          const why = answer.kind === 'unknown' ? `esito sconosciuto (${answer.reason})` : answer.kind === 'acked' ? 'nessun risultato' : 'risposta illeggibile'
          settleDurably(id, 'unknown', { result_raw: raw, message: `Esito del POS da verificare: ${why}` })
          return await recover(id)
        }
        if (result.outcome !== 'approved') {
          settleDurably(id, 'declined', { stan: result.stan, result_raw: raw, message: `Pagamento non riuscito: ${result.text}` })
        } else if (result.authorisedCents !== null && result.authorisedCents !== option.amount_cents) {
          settleDurably(id, 'uncertain', { result_raw: raw, message: 'Esito incerto: importo autorizzato diverso da quello richiesto.' })
        } else {
          recordApproved(id, result, 'approved', `Pagamento approvato, STAN ${result.stan}, autorizzazione ${result.authCode}`)
        }
        return outcomeOf(id)
      } finally {
        busy = false
      }
    },

    /** The operator settles an "esito incerto" from the terminal's own receipt or journal. */
    resolve(id: string, approved: boolean, note: string): PosPaymentOutcome {
      const j = entry(id)
      if (!j || j.state !== 'uncertain') throw new AppError('CONFLICT', 'Questo pagamento POS non ha un esito da risolvere.')
      if (approved) {
        if (optionOf(j.nav)?.status !== 'PO_UNPAID') throw new AppError('CONFLICT', 'L’avviso risulta già pagato: un addebito del POS va stornato o rimborsato al cittadino, poi indicato come non addebitato qui.')
        recordApproved(id, { outcome: 'approved', terminalId: ids.terminalId, pan: '', transactionType: '', authCode: '', hostTime: '', cardType: '', acquirerId: '', stan: String(j.stan ?? ''), onlineId: '', authorisedCents: null }, 'resolved-approved', `Esito confermato dall'operatore: ${note}`)
      } else {
        durably(() => {
          if (!settle(id, 'resolved-not-performed', { message: `Non eseguito, confermato dall'operatore: ${note}` })) return
          audit.append({ operator: options.operator(), action: 'posResolved', entity: 'position', entityKey: String(j.iupd), reason: `Pagamento POS non eseguito: ${note}` })
        })
      }
      return outcomeOf(id)
    }
  }
}
export type PosPayments = ReturnType<typeof createPosPayments>
